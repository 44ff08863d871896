/// A `credential_process` program that could not be started (missing, not executable).
public struct CredentialProcessLaunchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The program as configured.
    public let program: String
    /// Why it did not start.
    public let reason: String

    /// An error from its parts.
    public init(program: String, reason: String) {
        self.program = program
        self.reason = reason
    }

    /// `could not start PROGRAM: REASON`.
    public var description: String { "could not start \(program): \(reason)" }
}
