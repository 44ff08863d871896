/// Runs a `credential_process` command (program and arguments, no shell) and collects what it wrote.
public protocol CredentialProcessRunner: Sendable {
    /// Runs `arguments[0]` with the rest as its arguments and waits for it to exit.
    ///
    /// - Throws: when the program cannot be started at all; a program that runs and fails is an output with a
    ///   non-zero status.
    func run(_ arguments: [String]) async throws -> CredentialProcessOutput
}
