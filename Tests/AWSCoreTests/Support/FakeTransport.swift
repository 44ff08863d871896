import AWSTestSupport
import Testing
@testable import AWSCore
import Synchronization

/// A scripted ``HTTPTransport``: answers each send with the next scripted outcome and records what was sent.
final class FakeTransport: HTTPTransport, Sendable {
    enum Outcome: Sendable {
        case respond(AWSHTTPResponse)
        case fail(RetryFailure.Transport)
    }

    private let script: Mutex<[Outcome]>
    private let sent = Mutex<[HTTPTransportRequest]>([])
    private let clock: ManualClock?
    private let latency: Duration

    /// Plays `outcomes` in order; each send advances `clock` by `latency` (the time a round trip takes).
    init(_ outcomes: [Outcome], clock: ManualClock? = nil, latency: Duration = .seconds(1)) {
        script = Mutex(outcomes)
        self.clock = clock
        self.latency = latency
    }

    var requests: [HTTPTransportRequest] { sent.withLock { $0 } }

    func send(_ request: HTTPTransportRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        sent.withLock { $0.append(request) }
        clock?.advance(by: latency)
        let next = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch next {
        case .respond(let response): return response
        case .fail(let kind): throw HTTPTransportError(kind, detail: "scripted")
        case nil: Issue.record("unscripted request \(request.url)"); throw HTTPTransportError(.connectFailure, detail: "unscripted")
        }
    }
}
