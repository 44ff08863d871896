import Foundation

/// Runs the real tools (ssh-keygen, openssl, puttygen) that tests use as oracles.
///
/// A missing tool or a failing run throws, so the test fails with the tool's own message: oracle tests
/// are never skipped.
enum Oracle {
    /// Why an oracle could not give an answer.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `tool` with `args`, feeding `stdin`, and returns stdout as text; fails on a non-zero exit.
    @discardableResult
    static func run(_ tool: String, _ args: [String], stdin: String? = nil) throws -> String {
        String(decoding: try runBytes(tool, args, stdin: stdin.map { Array($0.utf8) }), as: UTF8.self)
    }

    /// Runs `tool` and returns stdout as bytes (for DER output).
    static func runBytes(_ tool: String, _ args: [String], stdin: [UInt8]? = nil) throws -> [UInt8] {
        let result = try runAllowingFailure(tool, args, stdin: stdin)
        guard result.status == 0 else {
            throw Failure(description: "\(tool) \(args.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs `tool` and returns its exit status, stdout and stderr, whatever the status (to check that a tool refuses).
    static func runAllowingFailure(_ tool: String, _ args: [String], stdin: [UInt8]? = nil) throws
        -> (status: Int32, stdout: [UInt8], stderr: String)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(of: tool))
        process.arguments = args
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        // stderr is drained on another thread so that neither pipe can fill up and block the tool.
        let errorData = LockedData()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
            drained.signal()
        }
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        drained.wait()
        return (process.terminationStatus, Array(stdout), String(decoding: errorData.get(), as: UTF8.self))
    }

    /// The tool's path on PATH, or a failure saying which package provides it.
    static func path(of tool: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "\(tool) is not on PATH; the oracle tests need it (Debian: openssh-client, openssl, "
            + "putty-tools) and are never skipped")
    }

    /// A Data box the draining thread writes once and the caller reads after the semaphore.
    private final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.withLock { data = value } }
        func get() -> Data { lock.withLock { data } }
    }
}

/// A fresh directory under the system temporary directory, removed when the value goes away.
final class TempDirectory {
    /// The directory.
    let url: URL

    /// Creates the directory.
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("amikey-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` to `name` with mode 0600 (ssh-keygen refuses private keys others can read) and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Array(contents.utf8))
    }

    /// Writes bytes to `name` with mode 0600 and returns its path.
    @discardableResult
    func write(_ name: String, _ contents: [UInt8]) throws -> String {
        let path = path(name)
        guard FileManager.default.createFile(atPath: path, contents: Data(contents), attributes: [.posixPermissions: 0o600]) else {
            throw Oracle.Failure(description: "could not write \(path)")
        }
        return path
    }

    /// The text of `name`.
    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }
}
