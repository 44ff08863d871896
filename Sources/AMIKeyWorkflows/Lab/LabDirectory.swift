import Foundation

/// A lab's directory and the files in it (Lab/README.md, "Files in DIR").
///
/// ```swift
/// let lab = LabDirectory(path: LabDirectory.defaultPath)
/// let info = try lab.info(context.fileSystem)      // LabFailure "bad-lab-file" names lab.json
/// ```
public struct LabDirectory: Sendable, Hashable {
    /// The directory, absolute.
    public var path: String

    /// A lab directory at an absolute path.
    public init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// `/var/lib/amikey/lab`: the lab refuses directories below a world-writable one (`/tmp`) and inside the paths
    /// each instance's view replaces (`/home`, `/root`, `/etc/ssh`), which rules out every home directory.
    public static let defaultPath = "/var/lib/amikey/lab"

    /// `DIR/lab.json`, present while the lab serves.
    public var infoFile: String { path + "/lab.json" }
    /// `DIR/lab.log`: the server's output, kept after it stops.
    public var logFile: String { path + "/lab.log" }
    /// `DIR/state.json`: instances and sshd pids.
    public var stateFile: String { path + "/state.json" }
    /// `DIR/ssh_config`: `ssh -F` this to reach the instances.
    public var sshConfigFile: String { path + "/ssh_config" }
    /// `DIR/demo`: the demo's keys and pinned host keys (0700).
    public var demoDirectory: String { path + "/demo" }

    /// Whether `lab.json` exists (a lab was started here and has not stopped cleanly).
    public func hasInfo(_ fileSystem: any FileSystem) -> Bool {
        fileSystem.kind(of: infoFile) == .file
    }

    /// `lab.json`, decoded.
    ///
    /// - Throws: ``LabFailure`` `not-running` when there is no `lab.json`, `bad-lab-file` naming the file when it
    ///   cannot be read or decoded.
    public func info(_ fileSystem: any FileSystem) throws(LabFailure) -> LabInfo {
        guard let info = try decode(LabInfo.self, from: infoFile, fileSystem) else {
            throw LabFailure(
                code: "not-running",
                message: "no lab is running in \(path) (no lab.json); start one with \"amikey lab up --dir \(path)\"")
        }
        return info
    }

    /// The instances `state.json` lists; empty before the first launch.
    ///
    /// - Throws: ``LabFailure`` `bad-lab-file` naming the file.
    public func instances(_ fileSystem: any FileSystem) throws(LabFailure) -> [LabInstance] {
        try decode(LabState.self, from: stateFile, fileSystem)?.instances ?? []
    }

    /// The last `lines` lines of `lab.log` (why a start failed); empty when there is no log.
    public func logTail(_ fileSystem: any FileSystem, lines: Int = 15) -> [String] {
        guard let bytes = try? fileSystem.read(logFile) else { return [] }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).reversed().drop { $0.isEmpty }.prefix(lines).reversed()
    }

    /// The file decoded as `T`; nil when it does not exist.
    private func decode<T: Decodable>(_ type: T.Type, from file: String, _ fileSystem: any FileSystem)
        throws(LabFailure) -> T?
    {
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.read(file)
        } catch where error.code == "not-found" {
            return nil
        } catch {
            throw LabFailure(code: "bad-lab-file", message: "cannot read \(file): \(error.reason(for: file))")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw LabFailure(
                code: "bad-lab-file",
                message: "\(file) is not a lab file amikey understands (\(Self.explain(error))); "
                    + "stop the lab with \"amikey lab down --dir \(path)\" and start it again")
        }
    }

    /// A decoding error in a few words: which field, and what was wrong.
    private static func explain(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func at(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "the top level" : path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "no \"\(at(context.codingPath + [key]))\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\"\(at(context.codingPath))\" has the wrong type"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "\"\(at(context.codingPath))\" is invalid"
        @unknown default: return "\(error)"
        }
    }

    /// `state.json`'s shape, as far as amikey reads it.
    private struct LabState: Decodable {
        var instances: [LabInstance]
    }
}
