/// What went wrong with one attempt, reduced to the facts the retry rules look at.
///
/// The transport and error-decoding layers describe their failures this way (through
/// ``RetryFailureConvertible``); ``RetryClassification`` and ``RetryPolicy`` never see concrete error types.
///
/// ## Usage
/// ```swift
/// let throttled = RetryFailure.response(statusCode: 503, errorCode: "RequestLimitExceeded")
/// let reset = RetryFailure.transport(.connectionReset)
/// reset.mayHaveTakenEffect  // true: the server may have acted before the connection dropped
/// ```
public enum RetryFailure: Sendable, Hashable {
    /// The service answered with a non-2xx status and, when the body could be decoded, an error code.
    case response(statusCode: Int, errorCode: String?)
    /// No response arrived; the transport says how far the request got.
    case transport(Transport)

    /// How a request failed without a response.
    ///
    /// botocore lumps these into `ConnectionError`/`HTTPClientError`, all transient (`retries/standard.py`
    /// `TransientRetryableChecker`); the split by "was anything sent" is ours, because it decides whether a call
    /// without an idempotency token may be repeated.
    public enum Transport: Sendable, Hashable, CaseIterable {
        /// The host name did not resolve; nothing was sent.
        case dnsFailure
        /// The connection (TCP or TLS) could not be opened: refused, unreachable, handshake failed; nothing was sent.
        case connectFailure
        /// Opening the connection timed out; nothing was sent.
        case connectTimeout
        /// The connection was reset or closed after the request was written; the server may have acted on it.
        case connectionReset
        /// The request was written but no response came within the read timeout; the server may have acted on it.
        case readTimeout
    }

    /// Whether the server may have carried out the request even though the caller saw a failure.
    ///
    /// True for resets and read timeouts after sending, and for 500/502/504 and server-fault codes (the server
    /// or a gateway failed while, or after, handling the call). False when nothing was sent, for throttling
    /// (the call was rejected before it ran) and for 503 / `ServiceUnavailable`, which AWS uses for "not
    /// accepted, try later".
    public var mayHaveTakenEffect: Bool {
        switch self {
        case .transport(let transport):
            return transport == .connectionReset || transport == .readTimeout
        case .response(let statusCode, let errorCode):
            if let errorCode, AWSErrorClassification.throttlingCodes.contains(errorCode) { return false }
            if let errorCode, Self.serverFaultCodes.contains(errorCode) { return true }
            return [500, 502, 504].contains(statusCode)
        }
    }

    /// Codes saying the server failed, or gave up, part-way through a request it had accepted.
    /// (`ServiceUnavailable`, like HTTP 503, means it was not accepted.)
    static let serverFaultCodes: Set<String> = [
        "InternalError", "InternalFailure", "RequestTimeout", "RequestTimeoutException",
    ]

    /// Whether this is a timeout, which botocore charges double against the retry quota
    /// (`RetryQuotaChecker._TIMEOUT_EXCEPTIONS`: `ConnectTimeoutError`, `ReadTimeoutError`).
    public var isTimeout: Bool {
        self == .transport(.connectTimeout) || self == .transport(.readTimeout)
    }
}
