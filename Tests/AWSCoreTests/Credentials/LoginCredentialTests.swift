import AWSCore
import AWSTestSupport
import Foundation
import Testing

/// `aws login` console sessions: the cache botocore's LoginProvider reads, used until it expires.
@Suite("Credential chain: console login")
struct LoginCredentialTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z
    static let secret = "loginSecretAccessKeyEXAMPLE"

    static func cache(expiresAt: String, without missing: String? = nil) -> String {
        var fields = [
            "accessToken": #"{"accessKeyId": "ASIALOGINEXAMPLE", "secretAccessKey": "\#(secret)", "# +
                #""sessionToken": "loginSessionToken", "accountId": "111122223333", "expiresAt": "\#(expiresAt)"}"#,
            "refreshToken": #""loginRefreshTokenEXAMPLE""#,
            "dpopKey": #""-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIEXAMPLE\n-----END EC PRIVATE KEY-----\n""#,
            "clientId": #""arn:aws:signin:::devtools/same-device""#,
        ]
        if let missing { fields[missing] = nil }
        return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }

    static func setUp() throws -> (TempHome, AWSConfiguration, String) {
        let home = try TempHome()
        try home.config("[default]\nlogin_session = arn:aws:iam::111122223333:user/me\n")
        let configuration = try home.configuration()
        return (home, configuration, try CredentialTestContext.cachePath(configuration))
    }

    static func credentials(_ configuration: AWSConfiguration) async throws -> ExpiringCredentials {
        try await configuration.credentialProvider(
            context: CredentialTestContext.make(transport: FailingTransport(), clock: ManualClock(start: start))
        ).credentials()
    }

    @Test("the cached accessToken is used until it expires")
    func cached() async throws {
        let (home, configuration, cachePath) = try Self.setUp()
        defer { withExtendedLifetime(home) {} }
        #expect(cachePath.hasPrefix(home.path + "/.aws/login/cache/"))
        try home.write(String(cachePath.dropFirst(home.path.count + 1)), Self.cache(expiresAt: "2026-05-28T21:00:00Z"))
        let credentials = try await Self.credentials(configuration)
        #expect(credentials.credentials.accessKeyID == "ASIALOGINEXAMPLE")
        #expect(credentials.credentials.secretAccessKey == Self.secret)
        #expect(credentials.credentials.sessionToken == "loginSessionToken")
        #expect(credentials.expiration.map(AWSTimestamp.iso8601String(from:)) == "2026-05-28T21:00:00Z")
    }

    @Test("missing, expired or incomplete caches say to run aws login, without any secret")
    func failures() async throws {
        let (home, configuration, cachePath) = try Self.setUp()
        defer { withExtendedLifetime(home) {} }
        let session = "arn:aws:iam::111122223333:user/me"
        var errors: [CredentialProviderError] = []
        func attempt() async {
            let error = await #expect(throws: CredentialProviderError.self) { try await Self.credentials(configuration) }
            if let error { errors.append(error) }
        }
        await attempt()
        let relative = String(cachePath.dropFirst(home.path.count + 1))
        try home.write(relative, Self.cache(expiresAt: "2026-05-28T20:00:00Z"))
        await attempt()
        try home.write(relative, Self.cache(expiresAt: "2026-05-28T21:00:00Z", without: "dpopKey"))
        await attempt()
        #expect(errors == [
            .loginCacheMissing(session: session, cachePath: cachePath),
            .loginExpired(session: session, cachePath: cachePath, expiredAt: "2026-05-28T20:00:00Z"),
            .loginCacheUnreadable(session: session, cachePath: cachePath, reason: "missing required fields: dpopKey"),
        ])
        for error in errors {
            #expect(error.description.contains("aws login"))
            for printed in CredentialTestContext.printedForms(of: error) {
                #expect(!printed.contains(Self.secret) && !printed.contains("loginRefreshTokenEXAMPLE"))
            }
        }
    }
}
