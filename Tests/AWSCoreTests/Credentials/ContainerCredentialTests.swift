import AWSCore
import AWSTestSupport
import Foundation
import Synchronization
import Testing

/// Container credentials end to end against a loopback endpoint: `AWS_CONTAINER_CREDENTIALS_FULL_URI`, the
/// authorization token (file re-read on every refresh), botocore's 3 attempts 1 second apart.
@Suite("Credential chain: container credentials")
struct ContainerCredentialTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28T20:26:40Z
    static let secret = "containerSecretEXAMPLE"
    static let token = "containerSessionTokenEXAMPLE"

    /// An endpoint that fails the first `failures` requests with 500, then answers credentials numbered by request.
    static func endpoint(failures: Int) async throws -> LoopbackHTTPServer {
        let count = Mutex(0)
        return try await LoopbackHTTPServer.start { request in
            let number = count.withLock { $0 += 1; return $0 }
            guard number > failures else { return .json(500, #"{"code": "InternalError", "message": "try later"}"#) }
            return .json(
                200,
                #"{"AccessKeyId": "ASIACONTAINER\#(number)", "SecretAccessKey": "\#(secret)", "Token": "\#(token)", "# +
                #""Expiration": "2026-05-28T21:26:40Z", "RoleArn": "arn:aws:iam::111122223333:role/task"}"#)
        }
    }

    @Test("FULL_URI with a token file: Authorization from the file, re-read on refresh; a 500 is retried after 1 s")
    func tokenFile() async throws {
        let server = try await Self.endpoint(failures: 1)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let tokenFile = try home.write("eks/token", "eks-pod-identity-token-1")
        let clock = ManualClock(start: Self.start)
        let capture = LogCapture()
        let provider = try home.configuration([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v1/credentials?id=7",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
        ]).credentialProvider(
            context: CredentialTestContext.make(
                transport: CredentialTestContext.loopbackTransport, clock: clock,
                logger: RequestLogger(capture.logger())))

        let first = try await provider.credentials()
        #expect(first.credentials.accessKeyID == "ASIACONTAINER2")
        #expect(first.credentials.sessionToken == Self.token)
        #expect(first.expiration == Self.start.addingTimeInterval(3_600))
        #expect(clock.sleeps == [.seconds(1)])
        #expect(server.requests.map(\.uri) == ["/v1/credentials?id=7", "/v1/credentials?id=7"])
        #expect(server.requests.allSatisfy { $0.method == "GET" && $0.headers["Authorization"] == "eks-pod-identity-token-1" })
        #expect(server.requests.first?.headers["Accept"] == "application/json")

        try home.write("eks/token", "eks-pod-identity-token-2")
        clock.advance(by: .seconds(3_400))
        #expect(try await provider.credentials().credentials.accessKeyID == "ASIACONTAINER3")
        #expect(server.requests.last?.headers["Authorization"] == "eks-pod-identity-token-2")
        let log = capture.captured.joined(separator: "\n")
        #expect(log.contains("ContainerCredentials attempt 2"))
        for secret in ["eks-pod-identity-token", Self.secret, Self.token] { #expect(!log.contains(secret)) }
    }

    @Test("AWS_CONTAINER_AUTHORIZATION_TOKEN is sent as it is")
    func tokenVariable() async throws {
        let server = try await Self.endpoint(failures: 0)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let provider = try home.configuration([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Basic ecs-token",
        ]).credentialProvider(
            context: CredentialTestContext.make(transport: CredentialTestContext.loopbackTransport, clock: ManualClock()))
        #expect(try await provider.credentials().credentials.accessKeyID == "ASIACONTAINER1")
        #expect(server.requests.first?.headers["Authorization"] == "Basic ecs-token")
    }

    @Test("three failures: an error naming the URL and the last answer, without the token")
    func failing() async throws {
        let server = try await Self.endpoint(failures: 10)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let clock = ManualClock()
        let url = server.baseURL + "/creds"
        let provider = try home.configuration([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": url, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "secret-container-auth",
        ]).credentialProvider(
            context: CredentialTestContext.make(transport: CredentialTestContext.loopbackTransport, clock: clock))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        #expect(
            error == .containerRequestFailed(url: url, reason: "HTTP 500: InternalError: try later (after 3 attempts)"))
        #expect(server.requests.count == 3)
        #expect(clock.sleeps == [.seconds(1), .seconds(1)])
        for printed in CredentialTestContext.printedForms(of: try #require(error)) {
            #expect(!printed.contains("secret-container-auth"))
        }
    }

    @Test("a token file holding a line break is refused before any request")
    func tokenWithLineBreak() async throws {
        let server = try await Self.endpoint(failures: 0)
        defer { Task { try await server.shutdown() } }
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let tokenFile = try home.write("token", "line-one\nline-two")
        let provider = try home.configuration([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
        ]).credentialProvider(
            context: CredentialTestContext.make(transport: CredentialTestContext.loopbackTransport, clock: ManualClock()))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        #expect(
            error == .containerTokenUnreadable(
                path: tokenFile, origin: .environment("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
                reason: "the token contains a line break"))
        #expect(server.requests.isEmpty)
    }
}
