import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// The real ``HTTPTransport``: swift-server/async-http-client with pooling, timeouts and TLS verification.
///
/// TLS certificates and host names are always verified (the configuration offers no way to turn that off,
/// DESIGN.md Safety rules), redirects are never followed (AWS APIs do not redirect, and following one could
/// leave https), and plain `http://` is refused unless the host is loopback or one of the fixed link-local
/// credential addresses. Call ``shutdown()`` before dropping a transport.
///
/// ## Usage
/// ```swift
/// let transport = AsyncHTTPClientTransport()
/// defer { Task { try await transport.shutdown() } }
/// let response = try await transport.send(request, timeout: .seconds(30))
/// ```
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// Connection-level limits; each call's overall limit is the `timeout` given to ``send(_:timeout:)``.
    public struct Timeouts: Sendable, Hashable {
        /// How long opening a connection (TCP and TLS) may take.
        public var connect: Duration
        /// How long the server may stay silent once the request is written.
        public var read: Duration

        /// Limits; botocore's defaults are 60 s for both (`DEFAULT_TIMEOUT`).
        public init(connect: Duration = .seconds(10), read: Duration = .seconds(60)) {
            self.connect = connect
            self.read = read
        }
    }

    /// The largest response body accepted; AWS responses here are far smaller (DescribeInstances pages included).
    public static let maximumResponseBytes = 64 * 1024 * 1024

    private let client: HTTPClient

    /// A transport with its own connection pool.
    public init(timeouts: Timeouts = Timeouts()) {
        var configuration = HTTPClient.Configuration(
            // The platform's trust roots with full verification: certificateVerification stays `.fullVerification`.
            tlsConfiguration: .makeClientConfiguration(),
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.timeAmount(timeouts.connect), read: Self.timeAmount(timeouts.read)),
            connectionPool: .init(idleTimeout: .seconds(60)),
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes pooled connections; the transport cannot send afterwards.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `request`; failures without a response are thrown as ``HTTPTransportError``.
    public func send(_ request: HTTPTransportRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        try Self.checkPlainHTTPAllowed(request.url)
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await client.execute(outgoing, timeout: Self.timeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.maximumResponseBytes)
            return AWSHTTPResponse(
                statusCode: Int(response.status.code),
                headers: AWSHTTPHeaders(response.headers.map { ($0.name, $0.value) }),
                body: Array(buffer: body))
        } catch {
            throw Self.transportError(for: error)
        }
    }

    /// Refuses `http://` to anything but loopback and the link-local credential endpoints.
    static func checkPlainHTTPAllowed(_ url: String) throws {
        do throws(EndpointURLProblem) {
            _ = try EndpointURL(
                validating: url,
                plainHTTPAllowedFor: InstanceMetadataConfiguration.serviceAddresses
                    + CredentialSourceSelection.containerHosts,
                allowedDescription: "loopback hosts and the link-local credential endpoints",
                allowingQuery: true)
        } catch {
            throw AWSClientError.plainHTTPRefused(url: EndpointURL.redactingUserInfo(url), problem: error)
        }
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
