import AWSCore
import Synchronization

/// Passes requests to a real transport and keeps what was sent, so tests can check the wire.
final class RecordingTransport: HTTPTransport {
    let base: any HTTPTransport
    private let sent = Mutex<[HTTPTransportRequest]>([])
    private let received = Mutex<[AWSHTTPResponse]>([])

    init(_ base: any HTTPTransport) { self.base = base }

    var requests: [HTTPTransportRequest] { sent.withLock { $0 } }
    var responses: [AWSHTTPResponse] { received.withLock { $0 } }

    func send(_ request: HTTPTransportRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        sent.withLock { $0.append(request) }
        let response = try await base.send(request, timeout: timeout)
        received.withLock { $0.append(response) }
        return response
    }
}
