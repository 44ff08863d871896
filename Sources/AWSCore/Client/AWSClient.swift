import AWSSigV4
import Foundation

/// Sends AWS requests: resolves the URL, signs every attempt afresh, retries as the policy says, and turns
/// error responses into ``AWSServiceError``.
///
/// Each attempt fetches credentials from the ``CredentialProvider``, signs with SigV4 at the injected clock's
/// current date, and is logged (redacted) when a ``RequestLogger`` is set. Backoff sleeps go through the same
/// clock. Plain `http://` is refused unless the endpoint is loopback (a local emulator).
///
/// ## Usage
/// ```swift
/// let client = AWSClient(
///     transport: AsyncHTTPClientTransport(),
///     credentialProvider: StaticCredentialProvider(credentials),
///     retryPolicy: .standard(maxAttempts: configuration.retry.maxAttempts.value))
/// let endpoint = try configuration.endpoint(for: .sts, region: "us-east-1")
/// let response = try await client.execute(
///     AWSQueryProtocol.sts.request(action: "GetCallerIdentity"), endpoint: endpoint,
///     traits: OperationRetryTraits(service: "sts", operation: "GetCallerIdentity", idempotency: .readOnly))
/// let account = try AWSQueryProtocol.sts.response(response, action: "GetCallerIdentity").result["Account"]?.text
/// ```
public struct AWSClient: Sendable {
    /// Sends the signed requests.
    public let transport: any HTTPTransport
    /// Supplies credentials for every attempt.
    public let credentialProvider: any CredentialProvider
    /// Retry policy and the client-wide retry quota.
    public let retryExecutor: RetryExecutor
    /// Signing dates and backoff sleeps.
    public let clock: any AWSClock
    /// The `--debug` log, if on.
    public let logger: RequestLogger?
    /// How long one attempt may take, response body included.
    public let attemptTimeout: Duration

    /// A client; share one per process (or per account) so the retry quota is shared as AWS SDKs share it.
    public init(
        transport: any HTTPTransport, credentialProvider: any CredentialProvider,
        retryPolicy: RetryPolicy = .standard(), retryQuota: SharedRetryQuota = SharedRetryQuota(),
        clock: any AWSClock = SystemAWSClock(), logger: RequestLogger? = nil, attemptTimeout: Duration = .seconds(60)
    ) {
        self.transport = transport
        self.credentialProvider = credentialProvider
        self.retryExecutor = RetryExecutor(policy: retryPolicy, quota: retryQuota)
        self.clock = clock
        self.logger = logger
        self.attemptTimeout = attemptTimeout
    }

    /// Sends `request` to `endpoint` and returns the 2xx response.
    ///
    /// - Parameters:
    ///   - traits: the operation's name and idempotency, which decide what is retried.
    ///   - reconcile: for ``OperationRetryTraits/Idempotency/notIdempotent`` calls, checks whether an attempt
    ///     that failed ambiguously took effect; returns a response standing for the call's result, or `nil` to
    ///     send again. Without it such a call is never repeated after an ambiguous failure.
    /// - Throws: ``AWSServiceError`` when AWS answered with an error (after any retries); ``RetryStoppedError``
    ///   when no usable answer came (transport failures past the budget, an ambiguous failure not repeated, a
    ///   failed reconcile); ``AWSClientError`` when the request may not be sent at all; `CancellationError`;
    ///   any error of the credential provider or the reconcile step as is.
    public func execute(
        _ request: AWSHTTPRequest, endpoint: ResolvedEndpoint, traits: OperationRetryTraits,
        isolation: isolated (any Actor)? = #isolation,
        reconcile: (() async throws -> AWSHTTPResponse?)? = nil
    ) async throws -> AWSHTTPResponse {
        guard endpoint.url.scheme == "https" || endpoint.url.isLoopback else {
            throw AWSClientError.plainHTTPRefused(
                url: endpoint.url.absoluteString,
                problem: .plainHTTPNotAllowed(host: endpoint.url.host, allowed: "loopback hosts"))
        }
        let unsigned = AWSClientRequest(request, endpoint: endpoint)
        let signer = SigV4Signer(service: endpoint.service.name, region: endpoint.signingRegion)
        let serviceName = endpoint.service.displayName
        do {
            return try await clock.retrying(with: retryExecutor, traits: traits, reconcile: reconcile) { attempt in
                try await send(
                    unsigned, signer: signer, serviceName: serviceName, operation: traits.operation, attempt: attempt)
            }
        } catch let stopped as RetryStoppedError {
            throw Self.callerFacingError(stopped)
        }
    }

    /// One attempt: fresh credentials, a fresh signature at the clock's date, send, check the status.
    private func send(
        _ unsigned: AWSClientRequest, signer: SigV4Signer, serviceName: String, operation: String, attempt: Int
    ) async throws -> AWSHTTPResponse {
        let credentials = try await credentialProvider.credentials().credentials
        let redactor = SecretRedactor(
            knownSecrets: [credentials.secretAccessKey] + (credentials.sessionToken.map { [$0] } ?? []))
        let seconds = Int64(clock.currentDate.timeIntervalSince1970.rounded(.down))
        let wire = unsigned.signed(by: signer, credentials: credentials, date: SigningDate(secondsSince1970: seconds))
        logger?.request(wire, operation: operation, attempt: attempt, redactor: redactor)
        let response: AWSHTTPResponse
        do {
            response = try await transport.send(wire, timeout: attemptTimeout)
        } catch {
            logger?.failure(error, operation: operation, attempt: attempt, redactor: redactor)
            throw error
        }
        logger?.response(response, operation: operation, attempt: attempt, redactor: redactor)
        guard response.isSuccess else { throw AWSServiceError(response: response, service: serviceName) }
        return response
    }

    /// An AWS error answer comes out as itself, whatever made the executor stop, unless the stop is about an
    /// ambiguous outcome, which the caller must see (the call may have taken effect).
    static func callerFacingError(_ stopped: RetryStoppedError) -> any Error {
        switch stopped.reason {
        case .notRetryable:
            return stopped.underlying
        case .maxAttemptsReached, .quotaExhausted:
            return stopped.serviceError ?? stopped
        case .ambiguousNotRepeated, .reconcileFailed:
            return stopped
        }
    }
}

extension AWSClock {
    /// Runs `executor` with this clock as its concrete type: the executor takes `some Clock`, and a member call is
    /// how an `any AWSClock` gets opened.
    fileprivate func retrying(
        with executor: RetryExecutor, traits: OperationRetryTraits, isolation: isolated (any Actor)? = #isolation,
        reconcile: (() async throws -> AWSHTTPResponse?)?, attempt: (Int) async throws -> AWSHTTPResponse
    ) async throws -> AWSHTTPResponse {
        try await executor.execute(traits, clock: self, reconcile: reconcile, attempt: attempt)
    }
}
