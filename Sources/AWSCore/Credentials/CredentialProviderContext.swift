/// The outside world the credential providers reach: network, time, files, subprocesses, the user and the log.
///
/// Injected so that nothing under `AWSCore` calls `getenv`, `Date()` or `FileManager` itself, and so tests can run
/// every provider against loopback servers, a manual clock and a temporary HOME.
///
/// ## Usage
/// ```swift
/// let context = CredentialProviderContext(
///     transport: transport, clock: SystemAWSClock(),
///     readFile: { path in try fileSystem.contentsIfExists(atPath: path) },
///     processRunner: SubprocessCredentialProcessRunner(),
///     mfaTokenCode: isTTY ? { serial in try await prompt("MFA code for \(serial): ") } : nil,
///     logger: debug ? RequestLogger(logger) : nil)
/// let provider = try configuration.credentialProvider(context: context)
/// ```
public struct CredentialProviderContext: Sendable {
    /// Sends the credential requests (STS, SSO portal, container endpoint, instance metadata).
    public let transport: any HTTPTransport
    /// Expiry checks, default session names and the pauses between attempts.
    public let clock: any AWSClock
    /// The bytes of the file at a path, or `nil` when there is none (token files and caches, re-read on every refresh).
    public let readFile: @Sendable (String) throws -> [UInt8]?
    /// Runs `credential_process`.
    public let processRunner: any CredentialProcessRunner
    /// Asks the user for the code of an MFA device, or `nil` when nobody can be asked (no terminal).
    public let mfaTokenCode: (@Sendable (_ serialNumber: String) async throws -> String)?
    /// The `--debug` log of credential requests (secrets redacted), if on.
    public let logger: RequestLogger?

    /// A context from its parts.
    public init(
        transport: any HTTPTransport, clock: any AWSClock, readFile: @escaping @Sendable (String) throws -> [UInt8]?,
        processRunner: any CredentialProcessRunner,
        mfaTokenCode: (@Sendable (_ serialNumber: String) async throws -> String)? = nil, logger: RequestLogger? = nil
    ) {
        self.transport = transport
        self.clock = clock
        self.readFile = readFile
        self.processRunner = processRunner
        self.mfaTokenCode = mfaTokenCode
        self.logger = logger
    }
}
