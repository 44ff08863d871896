import AWSCore
import AWSTestSupport
import Testing

/// The real transport against the scripted loopback server: answers, resets and slow answers arrive as the
/// retry rules expect them, on fresh and on reused connections.
@Suite("AsyncHTTPClientTransport against a scripted server")
struct LoopbackHTTPServerTransportTests {
    private static func request(_ server: LoopbackHTTPServer, _ path: String, body: [UInt8] = []) -> HTTPTransportRequest {
        HTTPTransportRequest(
            method: body.isEmpty ? "GET" : "POST", url: server.baseURL + path, headers: ["X-Probe": "1"], body: body)
    }

    @Test("answers come back with status, headers and body; the server saw method, target, headers and body")
    func answers() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            .json(201, #"{"path": "\#(request.path)", "q": "\#(request.queryItems.first?.value ?? "")"}"#)
        }
        // Generous timeouts: on a loaded CI machine a 5 s read timeout once fired before the answer arrived.
        let transport = AsyncHTTPClientTransport(timeouts: .init(connect: .seconds(60), read: .seconds(120)))
        let answers: Result<(AWSHTTPResponse, AWSHTTPResponse), any Error>
        do {
            let first = try await transport.send(Self.request(server, "/a/b?name=x%20y", body: [1, 2, 3]), timeout: .seconds(180))
            answers = .success((first, try await transport.send(Self.request(server, "/again"), timeout: .seconds(180))))
        } catch {
            answers = .failure(error)
        }
        // Shut down whatever happened: a client dropped without shutdown() traps, ending the whole test run.
        try await transport.shutdown()
        try await server.shutdown()
        let (response, second) = try answers.get()
        #expect(response.statusCode == 201)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"path": "/a/b", "q": "x y"}"#)
        #expect(response.headers["content-type"] == "application/json")
        #expect(second.statusCode == 201)
        #expect(server.requests.map(\.method) == ["POST", "GET"])
        #expect(server.requests.first?.body == [1, 2, 3])
        #expect(server.requests.first?.headers["x-probe"] == "1")
    }

    @Test("a reset after the request arrived is a connection reset: the server may have acted")
    func reset() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .reset }
        // Generous timeouts: the reset arrives in milliseconds, but on a loaded CI machine (the whole suite runs in
        // parallel on 2 cores) a 5 s read timeout once fired first and turned the reset into a read timeout.
        let transport = AsyncHTTPClientTransport(timeouts: .init(connect: .seconds(60), read: .seconds(120)))
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(Self.request(server, "/", body: [9]), timeout: .seconds(180))
        }
        try await transport.shutdown()
        try await server.shutdown()
        #expect(error?.kind == .connectionReset)
        #expect(error?.retryFailure.mayHaveTakenEffect == true)
        #expect(server.requests.count == 1)
    }

    @Test("an answer slower than the attempt's timeout is a read timeout")
    func slow() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            try? await Task.sleep(for: .seconds(2))
            return .text(200, "late")
        }
        let transport = AsyncHTTPClientTransport(timeouts: .init(connect: .seconds(5), read: .seconds(30)))
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(Self.request(server, "/"), timeout: .milliseconds(300))
        }
        try await transport.shutdown()
        try await server.shutdown()
        #expect(error?.kind == .readTimeout)
    }
}
