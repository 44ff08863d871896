import AWSCore
import Foundation
import Synchronization

/// A loopback HTTP proxy in front of an AWS emulator that spoils chosen requests in scripted ways: a throttling
/// answer, a server error, a connection reset before or after the request reached the emulator, a slow answer.
///
/// Requests of the action given (`Action=` in a Query body, or the `X-Amz-Target` operation) take the next fault
/// of the script, one per request; other requests, and all once the script is used up, are forwarded untouched.
///
/// ## Usage
/// ```swift
/// let proxy = try await FaultInjectingProxy.start(
///     upstream: moto.baseURL, transport: moto.transport, action: "ImportKeyPair",
///     faults: [.resetAfterForwarding])
/// let endpoint = try proxy.endpoint(.ec2, region: "us-east-1")   // calls go through the proxy
/// proxy.forwarded(action: "ImportKeyPair")                         // how many reached moto
/// ```
public final class FaultInjectingProxy: Sendable {
    /// What happens to one request.
    public enum Fault: Sendable, Hashable, CustomStringConvertible {
        /// HTTP 503 with EC2's `RequestLimitExceeded` error document; not forwarded (`_retry.json` `retry.ec2`).
        case throttle
        /// HTTP 500 `InternalError`; not forwarded.
        case internalError
        /// The connection is reset before the request is forwarded: nothing happened upstream.
        case resetBeforeForwarding
        /// The request is forwarded and carried out, then the connection is reset instead of answering: the
        /// client cannot tell whether the call took effect.
        case resetAfterForwarding
        /// The request is forwarded and its answer held back this long (past the client's attempt timeout).
        case slow(Duration)

        /// The fault's name in test output.
        public var description: String {
            switch self {
            case .throttle: "503 RequestLimitExceeded"
            case .internalError: "500 InternalError"
            case .resetBeforeForwarding: "reset before forwarding"
            case .resetAfterForwarding: "reset after forwarding"
            case .slow(let delay): "slow answer (\(delay))"
            }
        }
    }

    /// The proxy's own server.
    public let server: LoopbackHTTPServer
    private let state: ProxyState

    private init(server: LoopbackHTTPServer, state: ProxyState) {
        self.server = server
        self.state = state
    }

    /// Starts a proxy forwarding to `upstream` (a base URL such as ``MotoServer/baseURL``) through `transport`.
    public static func start(
        upstream: String, transport: any HTTPTransport, action: String, faults: [Fault]
    ) async throws -> FaultInjectingProxy {
        let state = ProxyState(action: action, faults: faults)
        let server = try await LoopbackHTTPServer.start { request in
            await Self.handle(request, upstream: upstream, transport: transport, state: state)
        }
        return FaultInjectingProxy(server: server, state: state)
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { server.baseURL }

    /// An endpoint for `service` that goes through this proxy, signed for `region`.
    public func endpoint(_ service: AWSServiceID, region: String) throws -> ResolvedEndpoint {
        ResolvedEndpoint(
            service: service, url: try EndpointURL(validating: baseURL), signingRegion: region,
            partition: AWSPartition.containing(region: region), origin: .commandLine("--endpoint-url"))
    }

    /// Requests of `action` that reached the upstream server.
    public func forwarded(action: String) -> Int {
        state.forwarded.withLock { $0[action, default: 0] }
    }

    /// Requests of `action` the proxy received.
    public func received(action: String) -> Int {
        server.requests.filter { Self.action(of: $0) == action }.count
    }

    /// Stops the proxy.
    public func shutdown() async throws {
        try await server.shutdown()
    }

    private static func handle(
        _ request: LoopbackHTTPServer.Request, upstream: String, transport: any HTTPTransport, state: ProxyState
    ) async -> LoopbackHTTPServer.Reply {
        let action = Self.action(of: request)
        let fault = action == state.action ? state.nextFault() : nil
        switch fault {
        case .throttle:
            return ec2Error(503, code: "RequestLimitExceeded", message: "Request limit exceeded.")
        case .internalError:
            return ec2Error(500, code: "InternalError", message: "An internal error has occurred.")
        case .resetBeforeForwarding:
            return .reset
        case .resetAfterForwarding, .slow, nil:
            break
        }
        guard let response = await forward(request, upstream: upstream, transport: transport) else { return .reset }
        state.forwarded.withLock { $0[action ?? "", default: 0] += 1 }
        switch fault {
        case .resetAfterForwarding:
            return .reset
        case .slow(let delay):
            try? await Task.sleep(for: delay)
        default:
            break
        }
        let headers = response.headers.fields.filter { !Self.hopByHop.contains($0.name.lowercased()) }
        return .response(status: response.statusCode, headers: headers.map { ($0.name, $0.value) }, body: response.body)
    }

    private static func forward(
        _ request: LoopbackHTTPServer.Request, upstream: String, transport: any HTTPTransport
    ) async -> AWSHTTPResponse? {
        var headers = request.headers
        for name in hopByHop { headers.remove(name) }
        let outgoing = HTTPTransportRequest(
            method: request.method, url: upstream + request.uri, headers: headers, body: request.body)
        return try? await transport.send(outgoing, timeout: .seconds(30))
    }

    /// Headers that describe one connection, not the message: never copied across the proxy.
    private static let hopByHop: Set<String> = ["host", "content-length", "connection", "transfer-encoding", "keep-alive"]

    /// `Action=…` of a Query body, or the operation of an `X-Amz-Target` header.
    static func action(of request: LoopbackHTTPServer.Request) -> String? {
        if let target = request.headers["X-Amz-Target"] { return target.split(separator: ".").last.map(String.init) }
        let pair = request.text.split(separator: "&").first { $0.hasPrefix("Action=") }
        return pair.map { String($0.dropFirst("Action=".count)) }
    }

    /// EC2's error document, as `botocore/parsers.py` `EC2QueryParser` reads it.
    private static func ec2Error(_ status: Int, code: String, message: String) -> LoopbackHTTPServer.Reply {
        .text(
            status,
            "<Response><Errors><Error><Code>\(code)</Code><Message>\(message)</Message></Error></Errors>"
                + "<RequestID>proxy-\(UUID().uuidString.lowercased())</RequestID></Response>",
            contentType: "text/xml")
    }
}

/// The script and the counts, shared by every connection the proxy serves.
private final class ProxyState: Sendable {
    let action: String
    private let faults: Mutex<[FaultInjectingProxy.Fault]>
    let forwarded = Mutex<[String: Int]>([:])

    init(action: String, faults: [FaultInjectingProxy.Fault]) {
        self.action = action
        self.faults = Mutex(faults)
    }

    func nextFault() -> FaultInjectingProxy.Fault? {
        faults.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}
