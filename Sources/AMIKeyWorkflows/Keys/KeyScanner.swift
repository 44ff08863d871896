import SSHKeys

/// One key found while scanning paths, or one input that could not be read.
public struct ScannedKey: Sendable {
    /// `path` or `path:LINE`, as the user wrote the path.
    public var source: String
    /// The key, or why it could not be read.
    public var result: Result<KeyFileEntry, ScanError>
}

/// Why an input yielded no key: a key-file error or a file-system error, with a stable code.
public struct ScanError: Error, Sendable, CustomStringConvertible {
    /// Stable code for JSON (`truncated`, `passphrase-required`, `not-found`, …).
    public var code: String
    /// A sentence for people.
    public var message: String

    /// The message.
    public var description: String { message }

    init(_ error: SSHKeyError) {
        code = error.code.rawValue
        message = error.message
    }

    init(_ error: FileSystemError) {
        code = error.code
        message = error.message
    }
}

/// Walks files and directories and reads every key in them.
///
/// Paths named explicitly always report what went wrong; inside directories, files that are not key
/// files at all (READMEs, `config`, `known_hosts`) are passed over silently, as `ssh-keygen -l` users expect.
struct KeyScanner {
    /// Files larger than this are not key files.
    static let maximumFileSize = 1 << 20
    /// Names in `~/.ssh` that hold keys of other hosts or settings, never the user's keys.
    static let ignoredNames: Set<String> = ["known_hosts", "known_hosts.old", "config", "environment", "rc"]

    let context: WorkflowContext
    let options: KeyReadOptions

    /// Every key under the given paths, in order.
    func scan(_ paths: [String]) -> [ScannedKey] {
        paths.flatMap { path in scan(path: path, explicit: true, depth: 0) }
    }

    private func scan(path: String, explicit: Bool, depth: Int) -> [ScannedKey] {
        let absolute = context.resolve(path)
        switch context.fileSystem.kind(of: absolute) {
        case nil:
            return explicit ? [failure(path, FileSystemError(code: "not-found", message: "\(path): no such file or directory"))] : []
        case .directory:
            guard depth < 8 else { return [] }
            do {
                return try context.fileSystem.list(absolute)
                    .filter { !$0.hasPrefix(".") && !Self.ignoredNames.contains($0) }
                    .flatMap { scan(path: context.fileSystem.join(path, $0), explicit: false, depth: depth + 1) }
            } catch {
                return [failure(path, error)]
            }
        case .file:
            return readFile(path: path, absolute: absolute, explicit: explicit)
        }
    }

    private func readFile(path: String, absolute: String, explicit: Bool) -> [ScannedKey] {
        if let size = context.fileSystem.size(of: absolute), size > Self.maximumFileSize {
            return explicit ? [failure(path, SSHKeyError(.unrecognizedFormat, "\(size) bytes: too large to be a key file"))] : []
        }
        let file: KeyFile
        do {
            file = try KeyFile(contents: try context.fileSystem.read(absolute), options: options)
        } catch let error as SSHKeyError {
            if !explicit, error.code == .unrecognizedFormat { return [] }
            return [failure(error.line.map { "\(path):\($0)" } ?? path, error)]
        } catch let error as FileSystemError {
            return [failure(path, error)]
        } catch {
            return [failure(path, FileSystemError(code: "io", message: "\(path): \(error)"))]
        }
        let lineOriented = file.entries.count > 1 || !file.errors.isEmpty
            || file.entries.contains { $0.format == .authorizedKeys }
        var results = file.entries.map { entry in
            ScannedKey(source: lineOriented ? "\(path):\(entry.line ?? 1)" : path, result: .success(entry))
        }
        results += file.errors.map { failure("\(path):\($0.line ?? 0)", $0) }
        return results.sorted { lineNumber($0.source) < lineNumber($1.source) }
    }

    private func lineNumber(_ source: String) -> Int {
        source.split(separator: ":").last.flatMap { Int($0) } ?? 0
    }

    private func failure(_ source: String, _ error: SSHKeyError) -> ScannedKey {
        ScannedKey(source: source, result: .failure(ScanError(error)))
    }

    private func failure(_ source: String, _ error: FileSystemError) -> ScannedKey {
        ScannedKey(source: source, result: .failure(ScanError(error)))
    }
}
