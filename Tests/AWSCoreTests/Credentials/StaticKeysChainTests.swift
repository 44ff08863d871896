import AWSCore
import AWSTestSupport
import Testing

/// The first links of the chain, from a temporary HOME to the credentials handed out: keys in the environment, the
/// credentials file and the config file, in the AWS CLI's precedence.
@Suite("Credential chain: static keys")
struct StaticKeysChainTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let environment: [String: String]
        let credentials: String?
        let config: String?
        let expectedKeyID: String
        let expectedToken: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "environment keys win over both files",
            environment: ["AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT", "AWS_SECRET_ACCESS_KEY": "envSecret",
                          "AWS_SESSION_TOKEN": "envToken"],
            credentials: "[default]\naws_access_key_id = AKIACREDFILE\naws_secret_access_key = credSecret\n",
            config: "[default]\naws_access_key_id = AKIACONFIGFILE\naws_secret_access_key = configSecret\n",
            expectedKeyID: "AKIAENVIRONMENT", expectedToken: "envToken"),
        Case(
            name: "credentials file wins over the config file",
            environment: [:],
            credentials: "[default]\naws_access_key_id = AKIACREDFILE\naws_secret_access_key = credSecret\n",
            config: "[default]\naws_access_key_id = AKIACONFIGFILE\naws_secret_access_key = configSecret\n",
            expectedKeyID: "AKIACREDFILE", expectedToken: nil),
        Case(
            name: "config file keys, with a session token, for a named profile",
            environment: ["AWS_PROFILE": "dev"],
            credentials: nil,
            config: "[profile dev]\naws_access_key_id = AKIACONFIGFILE\naws_secret_access_key = configSecret\n"
                + "aws_session_token = configToken\n",
            expectedKeyID: "AKIACONFIGFILE", expectedToken: "configToken"),
    ]

    @Test("keys from the place the chain picks", arguments: cases)
    func keys(_ testCase: Case) async throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        if let credentials = testCase.credentials { try home.credentials(credentials) }
        if let config = testCase.config { try home.config(config) }
        let provider = try home.configuration(testCase.environment)
            .credentialProvider(context: CredentialTestContext.make(transport: FailingTransport()))
        let credentials = try await provider.credentials()
        #expect(credentials.credentials.accessKeyID == testCase.expectedKeyID)
        #expect(credentials.credentials.sessionToken == testCase.expectedToken)
        #expect(credentials.expiration == nil)
    }

    @Test("AWS_CREDENTIAL_EXPIRATION becomes the environment keys' expiry")
    func environmentExpiration() async throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let provider = try home.configuration([
            "AWS_ACCESS_KEY_ID": "AKIAENVIRONMENT", "AWS_SECRET_ACCESS_KEY": "envSecret",
            "AWS_CREDENTIAL_EXPIRATION": "2030-01-02T03:04:05Z",
        ]).credentialProvider(context: CredentialTestContext.make(transport: FailingTransport()))
        let credentials = try await provider.credentials()
        #expect(credentials.expiration.map(AWSTimestamp.iso8601String(from:)) == "2030-01-02T03:04:05Z")
    }
}

/// A transport that must not be used: static keys need no network.
struct FailingTransport: HTTPTransport {
    func send(_ request: HTTPTransportRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        Issue.record("unexpected request to \(request.url)")
        throw HTTPTransportError(.connectFailure, detail: "no network in this test")
    }
}
