import AWSCore
import AWSTestSupport
import Foundation
import Testing

/// STS refusing the role: the errors name the profile or token file, the role and AWS's code, and hold no secret.
@Suite("Credential chain: STS refusals")
struct STSFailureTests {
    static let baseSecret = "baseSecretAccessKeyEXAMPLE"
    static let webToken = "eyJREFUSED.web.identity.token"

    /// An STS endpoint that refuses every call with `code` and HTTP `status`, as STS writes errors.
    static func refusingSTS(code: String, status: Int) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start { _ in
            .text(
                status,
                #"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>"# +
                    "<Code>\(code)</Code><Message>Not authorized to perform sts:AssumeRole</Message></Error>" +
                    "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>",
                contentType: "text/xml")
        }
    }

    @Test("AssumeRole refused: the profile, the role and STS's code, without the source keys")
    func assumeRoleRefused() async throws {
        let server = try await Self.refusingSTS(code: "AccessDenied", status: 403)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.config(
            """
            [profile base]
            aws_access_key_id = AKIABASEEXAMPLE
            aws_secret_access_key = \(Self.baseSecret)

            [profile target]
            role_arn = arn:aws:iam::222222222222:role/locked
            source_profile = base
            """)
        let provider = try home.configuration(
            ["AWS_ENDPOINT_URL_STS": server.baseURL], commandLine: AWSCommandLineOverrides(profile: "target")
        ).credentialProvider(context: CredentialTestContext.make(transport: CredentialTestContext.loopbackTransport))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        guard case .assumeRoleFailed(let profile, let roleARN, let reason) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(profile == "target")
        #expect(roleARN == "arn:aws:iam::222222222222:role/locked")
        #expect(reason.hasPrefix("STS AccessDenied: Not authorized"))
        #expect(server.requests.count == 1)  // a 403 is not retried
        for printed in CredentialTestContext.printedForms(of: try #require(error)) {
            #expect(!printed.contains(Self.baseSecret))
        }
    }

    @Test("AssumeRoleWithWebIdentity refused: the role and token file, without the token")
    func webIdentityRefused() async throws {
        let server = try await Self.refusingSTS(code: "InvalidIdentityToken", status: 400)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let tokenFile = try home.write("jwt", Self.webToken)
        let provider = try home.configuration([
            "AWS_ENDPOINT_URL": server.baseURL, "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile,
            "AWS_ROLE_ARN": "arn:aws:iam::222222222222:role/web",
        ]).credentialProvider(context: CredentialTestContext.make(transport: CredentialTestContext.loopbackTransport))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        guard case .webIdentityFailed(let roleARN, let file, let reason) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(roleARN == "arn:aws:iam::222222222222:role/web")
        #expect(file == tokenFile)
        #expect(reason.hasPrefix("STS InvalidIdentityToken"))
        #expect(server.requests.first?.headers["Authorization"] == nil)
        for printed in CredentialTestContext.printedForms(of: try #require(error)) {
            #expect(!printed.contains(Self.webToken))
        }
    }

    @Test("an AssumeRole answer without a SessionToken: the missing field named, the secret it did hold not printed")
    func incompleteAnswer() async throws {
        let server = try await LoopbackHTTPServer.start { _ in
            .text(
                200,
                "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
                    + "<AccessKeyId>ASIAPARTIAL</AccessKeyId><SecretAccessKey>partialSecretEXAMPLE</SecretAccessKey>"
                    + "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>",
                contentType: "text/xml")
        }
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.config("[default]\nrole_arn = arn:aws:iam::222222222222:role/x\ncredential_source = Environment\n")
        let provider = try home.configuration(
            ["AWS_ENDPOINT_URL_STS": server.baseURL, "AWS_ACCESS_KEY_ID": "AKIABASE", "AWS_SECRET_ACCESS_KEY": "s"],
            commandLine: AWSCommandLineOverrides(profile: "default")
        ).credentialProvider(context: CredentialTestContext.make(transport: CredentialTestContext.loopbackTransport))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        #expect(
            error == .malformedResponse(
                service: "STS AssumeRole", url: server.baseURL, reason: "Credentials has no SessionToken"))
        for printed in CredentialTestContext.printedForms(of: try #require(error)) {
            #expect(!printed.contains("partialSecretEXAMPLE"))
        }
    }
}
