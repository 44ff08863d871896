import AMIKeyTestSupport
import AWSTestSupport
import AsyncHTTPClient
@testable import AWSCore
import Testing

@Suite("AsyncHTTPClientTransport")
struct AsyncHTTPClientTransportTests {
    @Test(
        "async-http-client errors map to how far the request got",
        arguments: [
            (HTTPClientError.connectTimeout, RetryFailure.Transport.connectTimeout),
            (.tlsHandshakeTimeout, .connectTimeout),
            (.getConnectionFromPoolTimeout, .connectTimeout),
            (.readTimeout, .readTimeout),
            (.deadlineExceeded, .readTimeout),
            (.remoteConnectionClosed, .connectionReset),
            // Unknown failures are assumed to have reached the server.
            (.bodyLengthMismatch, .connectionReset),
        ])
    func clientErrorMapping(_ error: HTTPClientError, _ kind: RetryFailure.Transport) {
        let mapped = AsyncHTTPClientTransport.transportError(for: error) as? HTTPTransportError
        #expect(mapped?.kind == kind)
        #expect(mapped?.retryFailure.mayHaveTakenEffect == (kind == .connectionReset || kind == .readTimeout))
    }

    @Test(
        "plain http only to loopback and the link-local credential endpoints",
        arguments: [
            ("http://127.0.0.1:8080/", true), ("http://localhost/", true), ("http://[::1]:1/", true),
            ("http://169.254.169.254/latest/api/token", true), ("http://169.254.170.2/v2/creds?x=1", true),
            ("http://[fd00:ec2::254]/", true), ("https://ec2.us-east-1.amazonaws.com/", true),
            ("http://ec2.us-east-1.amazonaws.com/", false), ("http://10.0.0.1/", false), ("http://169.254.169.253/", false),
        ])
    func plainHTTPRule(_ url: String, _ allowed: Bool) {
        let refused = (try? AsyncHTTPClientTransport.checkPlainHTTPAllowed(url)) == nil
        #expect(refused == !allowed)
    }

    @Test("a refused connection is a connect failure: nothing was sent")
    func connectionRefused() async throws {
        let port = try LoopbackSocket.freePort()
        let transport = try await MotoServer.shared().transport
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(
                HTTPTransportRequest(method: "GET", url: "http://127.0.0.1:\(port)/", headers: [:], body: []),
                timeout: .seconds(10))
        }
        #expect(error?.kind == .connectFailure)
        #expect(error?.retryFailure.mayHaveTakenEffect == false)
    }

    @Test("a server that takes the request and never answers is a read timeout: it may have acted")
    func silentServer() async throws {
        let listener = try LoopbackSocket(listen: true)  // the kernel accepts; nobody ever reads or answers
        defer { listener.close() }
        let transport = AsyncHTTPClientTransport(timeouts: .init(connect: .seconds(5), read: .milliseconds(200)))
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(
                HTTPTransportRequest(method: "POST", url: "http://127.0.0.1:\(listener.port)/", headers: [:], body: [1]),
                timeout: .seconds(30))
        }
        try await transport.shutdown()
        #expect(error?.kind == .readTimeout)
        #expect(error?.retryFailure.mayHaveTakenEffect == true)
    }

    @Test("plain http to a remote host is refused without connecting")
    func remotePlainHTTP() async throws {
        let transport = try await MotoServer.shared().transport
        await #expect(throws: AWSClientError.self) {
            try await transport.send(
                HTTPTransportRequest(method: "GET", url: "http://example.com/", headers: [:], body: []),
                timeout: .seconds(1))
        }
    }
}
