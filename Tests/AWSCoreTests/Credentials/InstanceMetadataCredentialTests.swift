import AWSCore
import AWSTestSupport
import Foundation
import Synchronization
import Testing

/// Instance metadata end to end against a loopback IMDS: the IMDSv2 token dance, the IMDSv1 fallback botocore
/// allows, the v1 switch, attempts, and the region for the CLI.
@Suite("Credential chain: instance metadata")
struct InstanceMetadataCredentialTests {
    static let sessionToken = "imdsSessionTokenEXAMPLE=="
    static let secret = "imdsSecretAccessKeyEXAMPLE"

    /// A metadata service: the token PUT answers `tokenStatus`; GETs need the token unless `allowV1`; the role
    /// document fails `roleFailures` times first.
    static func service(
        tokenStatus: Int = 200, tokenDelay: Duration = .zero, allowV1: Bool = false, roleFailures: Int = 0
    ) async throws -> LoopbackHTTPServer {
        let failures = Mutex(roleFailures)
        return try await LoopbackHTTPServer.start { request in
            if request.method == "PUT", request.path == "/latest/api/token" {
                if tokenDelay > .zero { try? await Task.sleep(for: tokenDelay) }
                guard request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" else { return .text(400, "") }
                return tokenStatus == 200 ? .text(200, sessionToken) : .text(tokenStatus, "")
            }
            guard request.method == "GET" else { return .text(405, "") }
            let authorised = request.headers["x-aws-ec2-metadata-token"] == sessionToken
            guard authorised || (allowV1 && request.headers["x-aws-ec2-metadata-token"] == nil) else {
                return .text(401, "")
            }
            switch request.path {
            case "/latest/meta-data/iam/security-credentials/": return .text(200, "instance-role")
            case "/latest/meta-data/iam/security-credentials/instance-role":
                let fail = failures.withLock { remaining -> Bool in
                    guard remaining > 0 else { return false }
                    remaining -= 1
                    return true
                }
                if fail { return .text(500, "busy") }
                return .text(
                    200,
                    #"{"Code": "Success", "LastUpdated": "2026-05-28T20:00:00Z", "Type": "AWS-HMAC", "# +
                    #""AccessKeyId": "ASIAIMDSEXAMPLE", "SecretAccessKey": "\#(secret)", "Token": "imdsRoleToken", "# +
                    #""Expiration": "2026-05-28T22:00:00Z"}"#)
            case "/latest/meta-data/placement/region": return .text(200, "ap-northeast-1")
            default: return .text(404, "")
            }
        }
    }

    /// Seconds each metadata request may take in tests that are not about timeouts: botocore's 1 s default is
    /// right on an instance, but a loaded test machine can be slower to answer the token PUT, and a timed-out PUT
    /// means "fall back to IMDSv1", which these fakes refuse. 10 s once ran out in CI, with every suite at once.
    static let patientTimeout = "120"

    static func context(logger: RequestLogger? = nil) -> CredentialProviderContext {
        CredentialTestContext.make(
            transport: CredentialTestContext.loopbackTransport, clock: ManualClock(), logger: logger)
    }

    @Test("IMDSv2: token PUT with the TTL header, then role name and role document with the token")
    func v2() async throws {
        let server = try await Self.service()
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let capture = LogCapture()
        let configuration = try home.configuration([
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_METADATA_SERVICE_TIMEOUT": Self.patientTimeout,
        ])
        let credentials = try await configuration
            .credentialProvider(context: Self.context(logger: RequestLogger(capture.logger()))).credentials()

        #expect(credentials.credentials.accessKeyID == "ASIAIMDSEXAMPLE")
        #expect(credentials.credentials.sessionToken == "imdsRoleToken")
        #expect(credentials.expiration.map(AWSTimestamp.iso8601String(from:)) == "2026-05-28T22:00:00Z")
        #expect(server.requests.map { "\($0.method) \($0.uri)" } == [
            "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/instance-role",
        ])
        #expect(server.requests.first?.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
        #expect(server.requests.first?.headers["x-aws-ec2-metadata-token"] == nil)
        #expect(server.requests.dropFirst().allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == Self.sessionToken })
        let log = capture.captured.joined(separator: "\n")
        #expect(log.contains("IMDS token"))
        #expect(!log.contains(Self.sessionToken))
        #expect(!log.contains(Self.secret))
    }

    @Test(
        "token PUT answered 403, 404 or 405: IMDSv1 at once; any other failure after every attempt",
        arguments: [(403, 1), (404, 1), (405, 1), (500, 3)])
    func v1Fallback(status: Int, tokenAttempts: Int) async throws {
        let server = try await Self.service(tokenStatus: status, allowV1: true)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let credentials = try await home.configuration([
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL + "/", "AWS_METADATA_SERVICE_TIMEOUT": Self.patientTimeout,
            "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "3",
        ]).credentialProvider(context: Self.context()).credentials()
        #expect(credentials.credentials.accessKeyID == "ASIAIMDSEXAMPLE")
        #expect(server.requests.filter { $0.method == "PUT" }.count == tokenAttempts)
        #expect(server.requests.filter { $0.method == "GET" }.count == 2)
        #expect(server.requests.filter { $0.method == "GET" }.allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == nil })
    }

    @Test("a token PUT that outlasts metadata_service_timeout falls back to IMDSv1 at once")
    func tokenTimeout() async throws {
        // The PUT outlasts a 3 s timeout by far; 3 s, not botocore's 1 s, leaves the GETs room on a loaded machine.
        let server = try await Self.service(tokenDelay: .seconds(8), allowV1: true)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let credentials = try await home.configuration([
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_METADATA_SERVICE_TIMEOUT": "3",
            "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "3",
        ]).credentialProvider(context: Self.context()).credentials()
        #expect(credentials.credentials.accessKeyID == "ASIAIMDSEXAMPLE")
        // One PUT only (a read timeout is not retried), then the GETs without a token.
        #expect(server.requests.filter { $0.method == "PUT" }.count == 1)
        #expect(server.requests.filter { $0.method == "GET" }.allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == nil })
    }

    @Test("no token and ec2_metadata_v1_disabled: an error, and no IMDSv1 request")
    func v1Disabled() async throws {
        let server = try await Self.service(tokenStatus: 404, allowV1: true)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.config("[default]\nec2_metadata_v1_disabled = true\n")
        let error = await #expect(throws: CredentialProviderError.self) {
            try await home.configuration([
                "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_METADATA_SERVICE_TIMEOUT": Self.patientTimeout,
            ])
                .credentialProvider(context: Self.context()).credentials()
        }
        guard case .instanceMetadataV1Disabled(let endpoint, let origin) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(endpoint == server.baseURL)
        #expect(origin.description.contains("line 2"))
        #expect(server.requests.count == 1)
    }

    @Test("a token PUT answered 400 is an error, not a fallback")
    func badRequest() async throws {
        let server = try await Self.service(tokenStatus: 400, allowV1: true)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let error = await #expect(throws: CredentialProviderError.self) {
            try await home.configuration([
                "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_METADATA_SERVICE_TIMEOUT": Self.patientTimeout,
            ])
                .credentialProvider(context: Self.context()).credentials()
        }
        #expect(error?.description.contains("HTTP 400") == true)
        #expect(server.requests.count == 1)
    }

    @Test("metadata_service_num_attempts: a failing role document is asked for again; one attempt is an error",
          arguments: [(2, true), (1, false)])
    func attempts(attempts: Int, succeeds: Bool) async throws {
        let server = try await Self.service(roleFailures: 1)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let provider = try home.configuration([
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_METADATA_SERVICE_TIMEOUT": Self.patientTimeout,
            "AWS_METADATA_SERVICE_NUM_ATTEMPTS": "\(attempts)",
        ]).credentialProvider(context: Self.context())
        if succeeds {
            #expect(try await provider.credentials().credentials.accessKeyID == "ASIAIMDSEXAMPLE")
        } else {
            let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
            #expect(
                error == .instanceMetadataFailed(
                    endpoint: server.baseURL,
                    reason: "GET /latest/meta-data/iam/security-credentials/instance-role got HTTP 500 after 1 attempt"))
        }
    }

    @Test("the region comes from /latest/meta-data/placement/region with a session token")
    func region() async throws {
        let server = try await Self.service()
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let configuration = try home.configuration([
            "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL, "AWS_METADATA_SERVICE_TIMEOUT": Self.patientTimeout,
        ])
        #expect(configuration.region == .fromInstanceMetadata)
        let region = try await InstanceMetadataClient(configuration: configuration.instanceMetadata, context: Self.context())
            .region()
        #expect(region == "ap-northeast-1")
        #expect(server.requests.last?.uri == "/latest/meta-data/placement/region")
        #expect(server.requests.last?.headers["x-aws-ec2-metadata-token"] == Self.sessionToken)
    }
}
