import AWSCore

/// What a workflow needs to reach AWS: the global options and the network, clock and subprocess runner to use.
///
/// The CLI builds it from `--profile`, `--region`, `--endpoint-url`, `--debug` and the real world; tests give a
/// transport to a local moto server and a manual clock. One value per process, so the retry quota is shared
/// across every call the command makes, as AWS SDKs share it.
public struct AWSAccess: Sendable {
    /// `--profile`, `--region`, `--endpoint-url`.
    public var overrides: AWSCommandLineOverrides
    /// Sends requests.
    public var transport: any HTTPTransport
    /// Signing dates, credential expiry and backoff sleeps.
    public var clock: any AWSClock
    /// Runs `credential_process`.
    public var processRunner: any CredentialProcessRunner
    /// Asks for an MFA code when a role profile has `mfa_serial`; nil where nobody can answer.
    public var mfaTokenCode: (@Sendable (_ serialNumber: String) async throws -> String)?
    /// The `--debug` request log.
    public var logger: RequestLogger?
    /// The retry budget every client of this process draws on.
    public var retryQuota: SharedRetryQuota

    /// Access from its parts.
    public init(
        overrides: AWSCommandLineOverrides, transport: any HTTPTransport, clock: any AWSClock,
        processRunner: any CredentialProcessRunner,
        mfaTokenCode: (@Sendable (_ serialNumber: String) async throws -> String)? = nil,
        logger: RequestLogger? = nil, retryQuota: SharedRetryQuota = SharedRetryQuota()
    ) {
        self.overrides = overrides
        self.transport = transport
        self.clock = clock
        self.processRunner = processRunner
        self.mfaTokenCode = mfaTokenCode
        self.logger = logger
        self.retryQuota = retryQuota
    }
}
