import Foundation

/// Runs the real tools (ssh-keygen, puttygen, openssl) that every test suite uses as oracles.
///
/// A missing tool or a failing run throws, so the test fails with the tool's own message: oracle tests
/// are never skipped.
public enum Oracle {
    /// Why an oracle (or a test's own plumbing) could not give an answer.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, in the tool's words where it had any.
        public let description: String

        /// A failure that says `description`.
        public init(description: String) {
            self.description = description
        }
    }

    /// What one run of an executable produced.
    public typealias Outcome = (status: Int32, stdout: [UInt8], stderr: String)

    /// Runs `tool` with `args`, feeding `stdin`, and returns stdout as text; a non-zero exit throws.
    @discardableResult
    public static func run(_ tool: String, _ args: [String], stdin: String? = nil) throws -> String {
        String(decoding: try runBytes(tool, args, stdin: stdin.map { Array($0.utf8) }), as: UTF8.self)
    }

    /// Runs `tool` with `args`, feeding `stdin`, and returns stdout as bytes (for DER output); a non-zero exit throws.
    @discardableResult
    public static func runBytes(_ tool: String, _ args: [String], stdin: [UInt8]? = nil) throws -> [UInt8] {
        let result = try runAllowingFailure(tool, args, stdin: stdin)
        guard result.status == 0 else {
            throw Failure(description: "\(tool) \(args.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs `tool` and returns its exit status, stdout and stderr, whatever the status (to check that a tool refuses).
    public static func runAllowingFailure(_ tool: String, _ args: [String], stdin: [UInt8]? = nil) throws -> Outcome {
        try execute(try path(of: tool), args, stdin: stdin)
    }

    /// Runs any executable at `path` (in `directory`, with `environment` if given) and returns status, stdout and stderr.
    public static func execute(_ path: String, _ args: [String], stdin: [UInt8]? = nil, environment: [String: String]? = nil,
                               directory: String? = nil) throws -> Outcome
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let (output, errors, input) = (Pipe(), Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        // stderr drains on another thread so that neither pipe can fill up and block the tool.
        let drained = Drained()
        DispatchQueue.global().async { drained.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = drained.wait()
        return (process.terminationStatus, Array(stdout), String(decoding: stderr, as: UTF8.self))
    }

    /// The tool's path on PATH, or a failure naming the Debian packages that provide the oracle tools.
    public static func path(of tool: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(tool)") {
            return "\(directory)/\(tool)"
        }
        throw Failure(description: "\(tool) is not on PATH; the oracle tests need it and are never skipped "
            + "(Debian: apt-get install openssh-client openssh-server putty-tools openssl)")
    }

    /// stderr, handed once from the draining thread to the caller.
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
