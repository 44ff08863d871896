/// A request that got no HTTP response, with how far it got before failing.
///
/// ``kind`` is what the retry rules need: ``RetryFailure/Transport/connectFailure`` and the other "nothing was
/// sent" kinds may be repeated freely; ``RetryFailure/Transport/connectionReset`` and
/// ``RetryFailure/Transport/readTimeout`` mean the server may have acted on the request.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible, RetryFailureConvertible {
    /// How far the request got.
    public var kind: RetryFailure.Transport
    /// What the network layer reported, for `--debug` and error messages (never holds request content).
    public var detail: String

    /// Creates an error.
    public init(_ kind: RetryFailure.Transport, detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The failure as the retry rules see it.
    public var retryFailure: RetryFailure { .transport(kind) }

    /// `connection reset after the request was sent (…)`.
    public var description: String {
        let summary =
            switch kind {
            case .dnsFailure: "host name did not resolve"
            case .connectFailure: "could not connect"
            case .connectTimeout: "timed out connecting"
            case .connectionReset: "connection lost after the request was sent"
            case .readTimeout: "timed out waiting for the response"
            }
        return "\(summary) (\(detail))"
    }
}
