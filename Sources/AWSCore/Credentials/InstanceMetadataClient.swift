/// Reads the EC2 instance metadata service with IMDSv2 session tokens, falling back to IMDSv1 as botocore does
/// (`utils.IMDSFetcher`): the instance's region for the CLI, and the instance profile's credentials.
///
/// The token `PUT` falls back to IMDSv1 (no token) when it answers 403, 404 or 405, times out, cannot connect or
/// keeps failing; a 400 is an error. The fallback is refused when `ec2_metadata_v1_disabled` is set. Each request
/// gets the configured attempts and timeout (`metadata_service_num_attempts`, `metadata_service_timeout`).
///
/// ## Usage
/// ```swift
/// if configuration.region == .fromInstanceMetadata {
///     region = try await InstanceMetadataClient(configuration: configuration.instanceMetadata, context: context).region()
/// }
/// ```
public struct InstanceMetadataClient: Sendable {
    /// Endpoint, attempts, timeout and the IMDSv1 switch.
    public let configuration: InstanceMetadataConfiguration
    /// Network, clock and the log.
    public let context: CredentialProviderContext

    /// `_TOKEN_TTL`: six hours, the most IMDS grants.
    static let tokenTTLSeconds = "21600"

    /// A client for the service `configuration` describes.
    public init(configuration: InstanceMetadataConfiguration, context: CredentialProviderContext) {
        self.configuration = configuration
        self.context = context
    }

    /// The instance's region, from `/latest/meta-data/placement/region`.
    ///
    /// - Throws: ``CredentialProviderError`` when metadata is switched off, unreachable or gives no answer.
    public func region() async throws -> String {
        let token = try await sessionToken()
        let response = try await get("latest/meta-data/placement/region", token: token) { !$0.body.isEmpty }
        return String(decoding: response.body, as: UTF8.self).trimmingWhitespace()
    }

    /// The base URL as configured, for messages.
    var endpointDescription: String { configuration.endpoint.value.absoluteString }

    /// `base` + `path` with exactly one `/` between (`_construct_url`).
    func url(_ path: String) -> String {
        let base = configuration.endpoint.value.absoluteString
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    var timeout: Duration { .seconds(configuration.timeoutSeconds.value) }

    /// An IMDSv2 session token, or `nil` when IMDSv1 should be tried (`_fetch_metadata_token`).
    func sessionToken() async throws -> String? {
        guard !configuration.isDisabled.value else {
            throw CredentialProviderError.instanceMetadataFailed(
                endpoint: endpointDescription, reason: "it is switched off (\(configuration.isDisabled.origin))")
        }
        let request = HTTPTransportRequest(
            method: "PUT", url: url("latest/api/token"),
            headers: ["x-aws-ec2-metadata-token-ttl-seconds": Self.tokenTTLSeconds], body: [])
        let http = CredentialHTTP(context: context)
        for attempt in 1...max(1, configuration.attempts.value) {
            let response: AWSHTTPResponse
            do {
                response = try await http.send(
                    request, operation: "IMDS token", attempt: attempt, timeout: timeout, secretResponse: true)
            } catch let error as HTTPTransportError {
                if error.kind == .readTimeout { return nil }
                continue
            }
            switch response.statusCode {
            case 200: return String(decoding: response.body, as: UTF8.self)
            case 403, 404, 405: return nil
            case 400:
                throw CredentialProviderError.instanceMetadataFailed(
                    endpoint: endpointDescription, reason: "the session token request was refused as malformed (HTTP 400)")
            default: continue
            }
        }
        return nil
    }

    /// GET `path`, retried while `accept` rejects the answer or the connection fails (`_get_request`).
    func get(
        _ path: String, token: String?, accept: (AWSHTTPResponse) -> Bool
    ) async throws -> AWSHTTPResponse {
        guard token != nil || !configuration.v1Disabled.value else {
            throw CredentialProviderError.instanceMetadataV1Disabled(
                endpoint: endpointDescription, origin: configuration.v1Disabled.origin)
        }
        var headers: AWSHTTPHeaders = [:]
        if let token { headers.add("x-aws-ec2-metadata-token", token) }
        let request = HTTPTransportRequest(method: "GET", url: url(path), headers: headers, body: [])
        let http = CredentialHTTP(context: context)
        let attempts = max(1, configuration.attempts.value)
        var lastProblem = ""
        for attempt in 1...attempts {
            do {
                let response = try await http.send(
                    request, operation: "IMDS GET /\(path)", attempt: attempt, timeout: timeout,
                    secrets: token.map { [$0] } ?? [])
                if response.statusCode == 200, accept(response) { return response }
                lastProblem = response.statusCode == 200 ? "an unusable answer" : "HTTP \(response.statusCode)"
            } catch let error as HTTPTransportError {
                lastProblem = error.description
            }
        }
        throw CredentialProviderError.instanceMetadataFailed(
            endpoint: endpointDescription,
            reason: "GET /\(path) got \(lastProblem) after \(attempts) attempt\(attempts == 1 ? "" : "s")")
    }
}
