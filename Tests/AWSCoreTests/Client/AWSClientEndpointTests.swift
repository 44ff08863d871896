@testable import AWSCore
import AWSTestSupport
import Testing

@Suite("AWSClient endpoints and TLS (fake transport)")
struct AWSClientEndpointTests {
    @Test(
        "plain http to a host that is not loopback is refused before anything is sent",
        arguments: ["http://169.254.169.254", "http://169.254.170.2:80", "http://[fd00:ec2::254]"])
    func plainHTTPRefused(_ url: String) async throws {
        // EndpointURL only lets these through for credential endpoints; an AWS service call must still refuse them.
        let endpointURL = try EndpointURL(
            validating: url,
            plainHTTPAllowedFor: InstanceMetadataConfiguration.serviceAddresses + CredentialSourceSelection.containerHosts,
            allowedDescription: "credential endpoints")
        let endpoint = ResolvedEndpoint(
            service: .ec2, url: endpointURL, signingRegion: "us-east-1",
            partition: AWSPartition.containing(region: "us-east-1"), origin: .default)
        let transport = FakeTransport([.respond(ClientFixtures.ok)])

        await #expect(throws: AWSClientError.self) {
            try await ClientFixtures.client(transport, clock: ManualClock()).execute(
                ClientFixtures.describeKeyPairs, endpoint: endpoint, traits: ClientFixtures.describeTraits)
        }
        #expect(transport.requests.isEmpty)
    }

    struct URLCase: Sendable, CustomTestStringConvertible {
        let endpoint: String
        let path: String
        let query: [AWSHTTPRequest.QueryItem]
        let url: String
        let host: String
        var testDescription: String { "\(endpoint) + \(path) → \(url)" }
    }

    @Test(
        "the URL joins endpoint path, request path and encoded query; Host is the authority",
        arguments: [
            URLCase(
                endpoint: "https://ec2.us-east-1.amazonaws.com", path: "/", query: [],
                url: "https://ec2.us-east-1.amazonaws.com/", host: "ec2.us-east-1.amazonaws.com"),
            URLCase(
                endpoint: "https://ec2.us-east-1.amazonaws.com:443", path: "/", query: [],
                url: "https://ec2.us-east-1.amazonaws.com/", host: "ec2.us-east-1.amazonaws.com"),
            URLCase(
                endpoint: "http://127.0.0.1:5000", path: "/", query: [],
                url: "http://127.0.0.1:5000/", host: "127.0.0.1:5000"),
            URLCase(
                endpoint: "http://localhost:5000/prefix/", path: "/", query: [.init(name: "a b", value: "x/y=ሴ")],
                url: "http://localhost:5000/prefix/?a%20b=x%2Fy%3D%E1%88%B4", host: "localhost:5000"),
            URLCase(
                endpoint: "http://[::1]:8080", path: "/", query: [],
                url: "http://[::1]:8080/", host: "[::1]:8080"),
        ])
    func urlAndHost(_ urlCase: URLCase) async throws {
        let transport = FakeTransport([.respond(ClientFixtures.ok)])
        var request = ClientFixtures.describeKeyPairs
        request.path = urlCase.path
        request.queryItems = urlCase.query

        _ = try await ClientFixtures.client(transport, clock: ManualClock()).execute(
            request, endpoint: try ClientFixtures.endpoint(urlCase.endpoint), traits: ClientFixtures.describeTraits)

        let sent = try #require(transport.requests.first)
        #expect(sent.url == urlCase.url)
        #expect(sent.headers.values(for: "Host") == [urlCase.host])
        #expect(sent.headers["Authorization"]?.contains("SignedHeaders=content-type;host;x-amz-date,") == true)
    }

    @Test("a cancelled task sends nothing and throws CancellationError")
    func cancellation() async throws {
        let transport = FakeTransport([.respond(ClientFixtures.ok)])
        let client = ClientFixtures.client(transport, clock: ManualClock())
        let endpoint = try ClientFixtures.endpoint()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.execute(
                ClientFixtures.describeKeyPairs, endpoint: endpoint, traits: ClientFixtures.describeTraits)
        }

        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(transport.requests.isEmpty)
    }
}
