import Foundation

/// The real ``CredentialProcessRunner``: Foundation's `Process`, no shell, both pipes drained concurrently.
///
/// Like botocore's `ProcessProvider` (`subprocess.Popen(list, stdout=PIPE, stderr=PIPE)` then `communicate()`), the
/// child inherits standard input (so a helper may prompt on the terminal) and the environment, unless one is given.
/// A program name without `/` is looked up on that environment's `PATH`.
public struct SubprocessCredentialProcessRunner: CredentialProcessRunner {
    /// The child's environment; `nil` inherits this process's.
    public let environment: [String: String]?

    /// A runner whose children get `environment`, or this process's environment when `nil`.
    public init(environment: [String: String]? = nil) {
        self.environment = environment
    }

    /// Starts the program, drains stdout and stderr while it runs, and returns once it has exited.
    public func run(_ arguments: [String]) async throws -> CredentialProcessOutput {
        guard let program = arguments.first, !program.isEmpty else {
            throw CredentialProcessLaunchError(program: "", reason: "the command is empty")
        }
        let environment = self.environment
        let rest = Array(arguments.dropFirst())
        // `Process.waitUntilExit` and the blocking reads must not hold a cooperative thread.
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try Self.runBlocking(program: program, arguments: rest, environment: environment) })
            }
        }
    }

    private static func runBlocking(program: String, arguments: [String], environment: [String: String]?) throws
        -> CredentialProcessOutput
    {
        let inherited = ProcessInfo.processInfo.environment
        let executable = try locate(program, path: (environment ?? inherited)["PATH"] ?? "/usr/bin:/bin")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        do {
            try process.run()
        } catch {
            throw CredentialProcessLaunchError(program: program, reason: "\(error.localizedDescription)")
        }
        // Read both pipes at once: a child that fills one pipe while we block on the other would never exit.
        let group = DispatchGroup()
        let stderrBox = ByteBox()
        group.enter()
        Thread.detachNewThread {
            stderrBox.bytes = Array(stderrPipe.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let stdout = Array(stdoutPipe.fileHandleForReading.readDataToEndOfFile())
        group.wait()
        process.waitUntilExit()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CredentialProcessOutput(exitStatus: status, stdout: stdout, stderr: stderrBox.bytes)
    }

    /// `program` itself when it names a path, else the first executable of that name on `path`.
    private static func locate(_ program: String, path: String) throws -> String {
        if program.contains("/") { return program }
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw CredentialProcessLaunchError(program: program, reason: "no executable of that name on PATH")
    }

    /// Bytes handed from the stderr reader thread to the waiting one (the group's `wait` orders the accesses).
    private final class ByteBox: @unchecked Sendable {
        var bytes: [UInt8] = []
    }
}
