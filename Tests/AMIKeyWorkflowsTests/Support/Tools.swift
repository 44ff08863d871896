import Foundation

/// Runs the real tools the tests use to make keys and expected values: ssh-keygen, puttygen, openssl.
///
/// A missing tool or a failing run throws with the tool's own words, so a test that needs one fails
/// loudly instead of being skipped.
enum Tool {
    /// Why a tool could not give an answer.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `tool` with `arguments`, feeding `input`, and returns standard output; a non-zero exit throws.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(of: tool))
        process.arguments = arguments
        let (output, errors, stdin) = (Pipe(), Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        try process.run()
        // Standard error drains on another thread so neither pipe fills up and blocks the tool.
        let drained = Drained()
        let thread = Thread { drained.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        thread.start()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = drained.wait()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): "
                + String(decoding: stderr, as: UTF8.self))
        }
        return Array(stdout)
    }

    /// Standard output as text, without the trailing newline.
    static func text(_ tool: String, _ arguments: [String], input: [UInt8] = []) throws -> String {
        String(decoding: try run(tool, arguments, input: input), as: UTF8.self)
            .trimmingCharacters(in: .newlines)
    }

    /// The tool's path on PATH, or a failure naming the Debian package that provides it.
    static func path(of tool: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(tool)") {
            return "\(directory)/\(tool)"
        }
        let package = ["ssh-keygen": "openssh-client", "puttygen": "putty-tools", "openssl": "openssl"][tool] ?? tool
        throw Failure(description: "\(tool) is not on PATH; install \(package) (these tests are never skipped)")
    }

    /// Standard error, handed from the draining thread to the caller.
    private final class Drained: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()
        func set(_ value: Data) {
            data = value
            done.signal()
        }
        func wait() -> Data {
            done.wait()
            return data
        }
    }
}

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class ScratchDirectory {
    /// The directory's path.
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("amikey-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` (mode 0600: ssh-keygen refuses private keys others can read) and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// Writes bytes to `name` with mode 0600 and returns the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = path(name)
        guard FileManager.default.createFile(atPath: target, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw Tool.Failure(description: "could not write \(target)")
        }
        return target
    }

    /// The bytes of `name`.
    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// The text of `name`.
    func text(_ name: String) throws -> String {
        String(decoding: try read(name), as: UTF8.self)
    }
}
