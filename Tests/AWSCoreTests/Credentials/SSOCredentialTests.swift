import AWSCore
import AWSTestSupport
import Foundation
import Testing

/// SSO end to end against a loopback portal: the CLI's token cache in a temporary HOME, the exact
/// GetRoleCredentials request, and the `aws sso login` advice when the session is gone.
@Suite("Credential chain: SSO")
struct SSOCredentialTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z
    static let bearer = "ssoBearerTokenEXAMPLE"
    static let secret = "ssoSecretAccessKeyEXAMPLE"
    static let sessionToken = "ssoSessionTokenEXAMPLE"

    static let config = """
        [profile modern]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Read Only

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-central-1

        [profile legacy]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-west-2
        sso_account_id = 444455556666
        sso_role_name = Admin
        """

    /// A portal that hands out credentials for the right bearer token, 401 otherwise.
    static func portal() async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start { request in
            guard request.method == "GET", request.path == "/federation/credentials" else { return .text(404, "no") }
            guard request.headers["x-amz-sso_bearer_token"] == bearer else {
                return .response(
                    status: 401, headers: [("x-amzn-ErrorType", "UnauthorizedException"), ("Content-Type", "application/json")],
                    body: Array(#"{"message":"Session token not found or invalid"}"#.utf8))
            }
            return .json(
                200,
                #"{"roleCredentials": {"accessKeyId": "ASIASSOEXAMPLE", "secretAccessKey": "\#(secret)", "# +
                #""sessionToken": "\#(sessionToken)", "expiration": 1780003600000}}"#)
        }
    }

    static func writeToken(_ home: TempHome, at path: String, token: String = bearer, expiresAt: String) throws {
        try home.write(
            String(path.dropFirst(home.path.count + 1)),
            #"{"startUrl": "https://corp.awsapps.com/start", "region": "eu-central-1", "accessToken": "\#(token)", "# +
            #""expiresAt": "\#(expiresAt)", "clientId": "cid", "clientSecret": "cs", "refreshToken": "rt"}"#)
    }

    // Cache keys: `hashlib.sha1(b"corp").hexdigest()` and of b"https://legacy.awsapps.com/start" (Python 3).
    @Test(
        "sso_session and legacy profiles: cached token → GET /federation/credentials with the bearer header",
        arguments: [
            ("modern", "111122223333", "Read Only", "ee0bfd2552fbd840c02cc48b6e823320543c450f", "2026-05-28T21:26:40Z"),
            // AWS CLI v1 wrote `expiresAt` with a `UTC` suffix; botocore's dateutil reads it.
            ("legacy", "444455556666", "Admin", "79e435d7a515078e81c9dffc35f38d5687ebd3a7", "2026-05-28T21:26:40UTC"),
        ])
    func roleCredentials(profile: String, account: String, role: String, cacheKey: String, expiresAt: String)
        async throws
    {
        let server = try await Self.portal()
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.config(Self.config)
        let configuration = try home.configuration(
            ["AWS_ENDPOINT_URL_SSO": server.baseURL], commandLine: AWSCommandLineOverrides(profile: profile))
        let cachePath = try CredentialTestContext.cachePath(configuration)
        #expect(cachePath == home.path + "/.aws/sso/cache/\(cacheKey).json")
        try Self.writeToken(home, at: cachePath, expiresAt: expiresAt)
        let capture = LogCapture()
        let provider = try configuration.credentialProvider(
            context: CredentialTestContext.make(
                transport: CredentialTestContext.loopbackTransport, clock: ManualClock(start: Self.start),
                logger: RequestLogger(capture.logger())))

        let credentials = try await provider.credentials()
        #expect(credentials.credentials.accessKeyID == "ASIASSOEXAMPLE")
        #expect(credentials.credentials.secretAccessKey == Self.secret)
        #expect(credentials.credentials.sessionToken == Self.sessionToken)
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_780_003_600))

        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.path == "/federation/credentials")
        #expect(request.queryItems.map { "\($0.name)=\($0.value)" } == ["role_name=\(role)", "account_id=\(account)"])
        #expect(request.headers["x-amz-sso_bearer_token"] == Self.bearer)
        #expect(request.headers["Authorization"] == nil)
        let log = capture.captured.joined(separator: "\n")
        #expect(log.contains("GetRoleCredentials"))
        for secret in [Self.bearer, Self.secret, Self.sessionToken] { #expect(!log.contains(secret)) }
    }

    @Test("no cache, an expired token, or a token the portal refuses: each says to run aws sso login for the profile")
    func loginRequired() async throws {
        let server = try await Self.portal()
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.config(Self.config)
        let configuration = try home.configuration(
            ["AWS_ENDPOINT_URL": server.baseURL], commandLine: AWSCommandLineOverrides(profile: "modern"))
        let cachePath = try CredentialTestContext.cachePath(configuration)
        func attempt() async -> CredentialProviderError? {
            let provider = try? configuration.credentialProvider(
                context: CredentialTestContext.make(
                    transport: CredentialTestContext.loopbackTransport, clock: ManualClock(start: Self.start)))
            return await #expect(throws: CredentialProviderError.self) { try await provider?.credentials() }
        }

        #expect(await attempt() == .ssoTokenMissing(profile: "modern", cachePath: cachePath))
        try Self.writeToken(home, at: cachePath, expiresAt: "2026-05-28T20:00:00Z")
        #expect(
            await attempt() == .ssoTokenExpired(profile: "modern", cachePath: cachePath, expiredAt: "2026-05-28T20:00:00Z"))
        #expect(server.requests.isEmpty)
        try Self.writeToken(home, at: cachePath, token: "revokedBearerTokenEXAMPLE", expiresAt: "2026-05-28T21:26:40Z")
        let refused = await attempt()
        guard case .ssoRequestFailed(let profile, let url, let reason, let loginRequired) = refused else {
            Issue.record("unexpected \(String(describing: refused))")
            return
        }
        #expect(profile == "modern")
        #expect(url == server.baseURL)
        #expect(reason.contains("UnauthorizedException"))
        #expect(loginRequired)
        let printed = CredentialTestContext.printedForms(of: try #require(refused))
        #expect(printed.allSatisfy { !$0.contains("revokedBearerTokenEXAMPLE") })
        #expect(refused?.description.contains("run `aws sso login --profile modern`") == true)
    }

    @Test("the portal's default endpoint is portal.sso.<sso_region>, overridable like botocore's sso client")
    func endpoint() throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        #expect(
            try home.configuration().endpoint(for: .sso, region: "eu-central-1").url.absoluteString
                == "https://portal.sso.eu-central-1.amazonaws.com")
        #expect(
            try home.configuration(["AWS_USE_FIPS_ENDPOINT": "true"]).endpoint(for: .sso, region: "us-east-1").url
                .absoluteString == "https://portal.sso-fips.us-east-1.amazonaws.com")
        #expect(
            try home.configuration(["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9"]).endpoint(for: .sso, region: "us-east-1")
                .url.absoluteString == "http://127.0.0.1:9")
    }
}
