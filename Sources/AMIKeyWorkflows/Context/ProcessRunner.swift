/// Runs other programs (python3 for the lab, the OpenSSH client), so workflows never start processes themselves
/// and tests can see exactly what would run.
///
/// ```swift
/// let result = try await context.processes.run(ProcessCommand("ssh", ["-V"], environment: context.environment))
/// print(result.status, result.standardError)
/// ```
public protocol ProcessRunner: Sendable {
    /// Runs the command to completion, collecting both output streams (standard input is empty).
    ///
    /// - Throws: ``ProcessLaunchError`` when the program cannot be started; a program that runs and fails is a
    ///   result with a non-zero status.
    func run(_ command: ProcessCommand) async throws(ProcessLaunchError) -> ProcessResult

    /// Starts the command in a session of its own (no terminal, so Ctrl-C in this shell does not reach it),
    /// standard input from `/dev/null` and both output streams appended to `logPath` (created 0600), and returns
    /// at once. The child outlives this process.
    func startDetached(_ command: ProcessCommand, logPath: String) throws(ProcessLaunchError) -> any DetachedProcess
}

/// A process started by ``ProcessRunner/startDetached(_:logPath:)``.
public protocol DetachedProcess: Sendable {
    /// Its process id.
    var pid: Int32 { get }
    /// Its exit status once it has ended (128 + the signal number after a signal), nil while it runs.
    var exitStatus: Int32? { get }
    /// Sends it SIGTERM (only this pid, and only while it has not been reaped, so never a reused pid).
    func terminate()
}

/// One program to run, without a shell.
public struct ProcessCommand: Sendable, Hashable, CustomStringConvertible {
    /// A program name looked up on the environment's `PATH`, or a path.
    public var executable: String
    /// Its arguments.
    public var arguments: [String]
    /// The child's whole environment.
    public var environment: [String: String]

    /// A command from its parts.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
    }

    /// The command line as a user could type it (arguments with blanks quoted); never holds secrets here, since
    /// amikey passes none on command lines.
    public var description: String {
        ([executable] + arguments).map { $0.contains(" ") || $0.isEmpty ? "'\($0)'" : $0 }.joined(separator: " ")
    }
}

/// What a finished program left behind.
public struct ProcessResult: Sendable, Hashable {
    /// The exit status (128 + the signal number when a signal ended it, as shells report it).
    public var status: Int32
    /// Standard output.
    public var stdout: [UInt8]
    /// Standard error.
    public var stderr: [UInt8]

    /// A result from its parts.
    public init(status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Standard output as text (invalid UTF-8 repaired).
    public var standardOutput: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as text (invalid UTF-8 repaired).
    public var standardError: String { String(decoding: stderr, as: UTF8.self) }
}

/// A program that could not be started at all (not installed, not executable).
public struct ProcessLaunchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The program as given.
    public var program: String
    /// Why it did not start.
    public var reason: String

    /// An error from its parts.
    public init(program: String, reason: String) {
        self.program = program
        self.reason = reason
    }

    /// `could not start PROGRAM: REASON`.
    public var description: String { "could not start \(program): \(reason)" }
}
