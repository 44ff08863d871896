/// What a finished `credential_process` left behind; `stdout` holds secrets and is never printed.
public struct CredentialProcessOutput: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The exit status (or 128 + the signal number when a signal ended it, as shells report it).
    public var exitStatus: Int32
    /// Standard output: the credentials document.
    public var stdout: [UInt8]
    /// Standard error: diagnostics for the user.
    public var stderr: [UInt8]

    /// An output from its parts.
    public init(exitStatus: Int32, stdout: [UInt8], stderr: [UInt8]) {
        self.exitStatus = exitStatus
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Status and sizes only.
    public var description: String {
        "exit status \(exitStatus), stdout \(stdout.count) bytes, stderr \(stderr.count) bytes"
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// No output bytes in `dump` either.
    public var customMirror: Mirror { Mirror(self, children: ["output": description]) }
}
