import AWSCore
import AWSTestSupport
import Foundation
import Testing

/// Web identity end to end against moto: the token file in a temporary HOME, an unsigned
/// AssumeRoleWithWebIdentity, the file re-read on refresh, and the token kept out of the debug log.
@Suite("Credential chain: web identity against moto")
struct WebIdentityMotoTests {
    @Test("environment variables: unsigned call with the file's token; refresh re-reads the file")
    func environment() async throws {
        let moto = try await MotoServer.shared()
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let tokenFile = try home.write("token/jwt", "eyJFIRST.web.identity")
        let recording = RecordingTransport(moto.transport)
        let clock = ManualClock(start: Date())
        let capture = LogCapture()
        let provider = try home.configuration([
            "AWS_ENDPOINT_URL": moto.baseURL, "AWS_REGION": "us-west-2", "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_ARN": "arn:aws:iam::222222222222:role/web", "AWS_ROLE_SESSION_NAME": "ci-run",
        ]).credentialProvider(
            context: CredentialTestContext.make(
                transport: recording, clock: clock, logger: RequestLogger(capture.logger())))

        let first = try await provider.credentials()
        let sent = try #require(recording.requests.first)
        #expect(sent.headers["Authorization"] == nil)
        #expect(sent.headers["X-Amz-Security-Token"] == nil)
        let parameters = FormBody.parameters(sent.body)
        #expect(parameters["Action"] == "AssumeRoleWithWebIdentity")
        #expect(parameters["RoleArn"] == "arn:aws:iam::222222222222:role/web")
        #expect(parameters["RoleSessionName"] == "ci-run")
        #expect(parameters["WebIdentityToken"] == "eyJFIRST.web.identity")
        #expect(try await AssumeRoleMotoTests.identity(provider, moto: moto).account == "222222222222")

        try home.write("token/jwt", "eyJSECOND.web.identity")
        clock.advance(by: .seconds(3_600))
        let second = try await provider.credentials()
        #expect(second.credentials.accessKeyID != first.credentials.accessKeyID)
        let calls = recording.requests.map { FormBody.parameters($0.body) }.filter { $0["Action"] == "AssumeRoleWithWebIdentity" }
        // A loaded machine can make moto answer after the attempt timeout, and the call is retried with the same
        // token: what matters is one token per logical call, and the file read again for the refresh.
        let perCall = calls.compactMap { $0["WebIdentityToken"] }.reduce(into: [String]()) { tokens, token in
            if tokens.last != token { tokens.append(token) }
        }
        #expect(perCall == ["eyJFIRST.web.identity", "eyJSECOND.web.identity"])

        let log = capture.captured.joined(separator: "\n")
        #expect(log.contains("AssumeRoleWithWebIdentity"))
        for secret in ["eyJFIRST", "eyJSECOND", first.credentials.secretAccessKey, second.credentials.secretAccessKey] {
            #expect(!log.contains(secret))
        }
    }

    @Test("profile keys: web_identity_token_file and role_arn; a missing file names the file and its setting")
    func profileAndMissingFile() async throws {
        let moto = try await MotoServer.shared()
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let tokenPath = home.path + "/missing-token"
        try home.config(
            """
            [default]
            web_identity_token_file = \(tokenPath)
            role_arn = arn:aws:iam::222222222222:role/web
            """)
        let recording = RecordingTransport(moto.transport)
        let provider = try home.configuration(["AWS_ENDPOINT_URL": moto.baseURL])
            .credentialProvider(context: CredentialTestContext.make(transport: recording))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        guard case .webIdentityTokenUnreadable(let path, let origin, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(path == tokenPath)
        #expect(origin.description.contains("line 2"))
        #expect(recording.requests.isEmpty)

        try home.write("missing-token", "eyJPROFILE.token")
        #expect(try await AssumeRoleMotoTests.identity(provider, moto: moto).account == "222222222222")
        let parameters = FormBody.parameters(try #require(recording.requests.first).body)
        #expect(parameters["WebIdentityToken"] == "eyJPROFILE.token")
        #expect(parameters["RoleSessionName"]?.hasPrefix("botocore-session-") == true)
    }
}
