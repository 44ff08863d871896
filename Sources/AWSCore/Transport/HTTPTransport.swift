/// Sends one HTTP request and returns the whole response: the seam between ``AWSClient`` and the network.
///
/// ``AsyncHTTPClientTransport`` is the real one; tests substitute a fake. Implementations throw
/// ``HTTPTransportError`` for failures without a response, so the retry rules can tell "nothing was sent"
/// from "the server may have acted"; any HTTP status, 4xx and 5xx included, is a response, not an error.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and waits at most `timeout` for the whole response.
    func send(_ request: HTTPTransportRequest, timeout: Duration) async throws -> AWSHTTPResponse
}
