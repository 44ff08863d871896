import AWSCore
import AWSSigV4
import AWSTestSupport
import Foundation
import Synchronization
import Testing

/// Role profiles end to end against the real moto server: config files in a temporary HOME, STS AssumeRole
/// through `AWS_ENDPOINT_URL`, and the assumed credentials proven by GetCallerIdentity.
@Suite("Credential chain: assume role against moto")
struct AssumeRoleMotoTests {
    static let mfaSerial = "arn:aws:iam::123456789012:mfa/me"

    /// A HOME whose `base` profile holds moto's long-term keys, with role profiles built on it.
    static func home() throws -> TempHome {
        let home = try TempHome()
        try home.credentials(
            """
            [base]
            aws_access_key_id = \(MotoServer.credentials.accessKeyID)
            aws_secret_access_key = \(MotoServer.credentials.secretAccessKey)
            """)
        try home.config(
            """
            [profile first]
            role_arn = arn:aws:iam::222222222222:role/first
            source_profile = base
            role_session_name = amikey-session
            external_id = ext-4711
            duration_seconds = 1800

            [profile second]
            role_arn = arn:aws:iam::333333333333:role/second
            source_profile = first
            role_session_name = second-hop

            [profile from-environment]
            role_arn = arn:aws:iam::444444444444:role/env
            credential_source = Environment

            [profile default-name]
            role_arn = arn:aws:iam::222222222222:role/plain
            source_profile = base

            [profile mfa]
            role_arn = arn:aws:iam::222222222222:role/mfa
            source_profile = base
            mfa_serial = \(mfaSerial)
            """)
        return home
    }

    /// The AssumeRole calls' form parameters, in order.
    static func assumeRoleCalls(_ recording: RecordingTransport) -> [[String: String]] {
        recording.requests.map { FormBody.parameters($0.body) }.filter { $0["Action"] == "AssumeRole" }
    }

    /// GetCallerIdentity signed by `provider`: the account and ARN moto reports.
    static func identity(_ provider: any CredentialProvider, moto: MotoServer) async throws -> (account: String, arn: String) {
        let client = AWSClient(transport: moto.transport, credentialProvider: provider)
        let response = try await client.execute(
            AWSQueryProtocol.sts.request(action: "GetCallerIdentity"), endpoint: try moto.endpoint(.sts),
            traits: OperationRetryTraits(service: "sts", operation: "GetCallerIdentity", idempotency: .readOnly))
        let result = try AWSQueryProtocol.sts.response(response, action: "GetCallerIdentity").result
        return (try result.require("Account").trimmedText, try result.require("Arn").trimmedText)
    }

    @Test("source_profile with role_session_name, external_id and duration_seconds: the credentials are the role's")
    func sourceProfile() async throws {
        let moto = try await MotoServer.shared()
        let home = try Self.home()
        defer { withExtendedLifetime(home) {} }
        let recording = RecordingTransport(moto.transport)
        let configuration = try home.configuration(
            ["AWS_ENDPOINT_URL": moto.baseURL, "AWS_REGION": "eu-west-1"],
            commandLine: AWSCommandLineOverrides(profile: "first"))
        let provider = try configuration.credentialProvider(context: CredentialTestContext.make(transport: recording))
        let before = Date()
        let credentials = try await provider.credentials()

        let calls = Self.assumeRoleCalls(recording)
        // One logical call; on a loaded machine a slow first answer may be retried, always with the same request.
        #expect(!calls.isEmpty)
        #expect(calls.allSatisfy { $0 == calls.first })
        #expect(calls.first?["RoleArn"] == "arn:aws:iam::222222222222:role/first")
        #expect(calls.first?["RoleSessionName"] == "amikey-session")
        #expect(calls.first?["ExternalId"] == "ext-4711")
        #expect(calls.first?["DurationSeconds"] == "1800")
        #expect(calls.first?["SerialNumber"] == nil)
        // Signed with the base profile's keys for the command's region.
        let authorization = recording.requests.first?.headers["Authorization"] ?? ""
        #expect(authorization.contains("Credential=\(MotoServer.credentials.accessKeyID)/"))
        #expect(authorization.contains("/eu-west-1/sts/aws4_request"))
        // moto makes the session last DurationSeconds.
        let lifetime = try #require(credentials.expiration).timeIntervalSince(before)
        #expect(abs(lifetime - 1800) < 120)
        #expect(credentials.credentials.sessionToken?.isEmpty == false)

        let identity = try await Self.identity(provider, moto: moto)
        #expect(identity.account == "222222222222")
        #expect(identity.arn.hasSuffix("assumed-role/first/amikey-session"))
    }

    @Test("a two-level chain assumes the first role, then the second with the first role's credentials")
    func twoLevelChain() async throws {
        let moto = try await MotoServer.shared()
        let home = try Self.home()
        defer { withExtendedLifetime(home) {} }
        let recording = RecordingTransport(moto.transport)
        let provider = try home.configuration(["AWS_ENDPOINT_URL": moto.baseURL, "AWS_PROFILE": "second"])
            .credentialProvider(context: CredentialTestContext.make(transport: recording))
        _ = try await provider.credentials()

        let calls = Self.assumeRoleCalls(recording)
        #expect(calls.map { $0["RoleArn"] } == ["arn:aws:iam::222222222222:role/first", "arn:aws:iam::333333333333:role/second"])
        let signers = recording.requests.compactMap { $0.headers["Authorization"] }
        #expect(signers.first?.contains("Credential=\(MotoServer.credentials.accessKeyID)/") == true)
        #expect(signers.last?.contains("Credential=\(MotoServer.credentials.accessKeyID)/") == false)
        #expect(recording.requests.last?.headers["X-Amz-Security-Token"]?.isEmpty == false)

        let identity = try await Self.identity(provider, moto: moto)
        #expect(identity.account == "333333333333")
        #expect(identity.arn.hasSuffix("assumed-role/second/second-hop"))
    }

    @Test("credential_source = Environment signs AssumeRole with the environment's keys")
    func credentialSourceEnvironment() async throws {
        let moto = try await MotoServer.shared()
        let home = try Self.home()
        defer { withExtendedLifetime(home) {} }
        let recording = RecordingTransport(moto.transport)
        let provider = try home.configuration(
            ["AWS_ENDPOINT_URL": moto.baseURL, "AWS_ACCESS_KEY_ID": "AKIAFROMENVIRONMENT",
             "AWS_SECRET_ACCESS_KEY": "environmentSecret"],
            commandLine: AWSCommandLineOverrides(profile: "from-environment")
        ).credentialProvider(context: CredentialTestContext.make(transport: recording))
        _ = try await provider.credentials()

        #expect(recording.requests.first?.headers["Authorization"]?.contains("Credential=AKIAFROMENVIRONMENT/") == true)
        // No region configured: STS is signed for us-east-1, as botocore's global endpoint is.
        #expect(recording.requests.first?.headers["Authorization"]?.contains("/us-east-1/sts/aws4_request") == true)
        #expect(try await Self.identity(provider, moto: moto).account == "444444444444")
    }

    @Test(
        "credential_source = Ec2InstanceMetadata or EcsContainer: AssumeRole signed with the instance's or task's keys",
        arguments: ["Ec2InstanceMetadata", "EcsContainer"])
    func credentialSourceEndpoints(source: String) async throws {
        let moto = try await MotoServer.shared()
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.config(
            """
            [profile on-aws]
            role_arn = arn:aws:iam::555555555555:role/from-\(source)
            credential_source = \(source)
            """)
        let server = try await source == "EcsContainer"
            ? ContainerCredentialTests.endpoint(failures: 0) : InstanceMetadataCredentialTests.service()
        defer { Task { try await server.shutdown() } }
        let recording = RecordingTransport(CredentialTestContext.loopbackTransport)
        let provider = try home.configuration(
            ["AWS_ENDPOINT_URL": moto.baseURL, "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL,
             "AWS_METADATA_SERVICE_TIMEOUT": InstanceMetadataCredentialTests.patientTimeout,
             "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds"],
            commandLine: AWSCommandLineOverrides(profile: "on-aws")
        ).credentialProvider(context: CredentialTestContext.make(transport: recording))
        #expect(try await Self.identity(provider, moto: moto).account == "555555555555")
        let expectedKey = source == "EcsContainer" ? "ASIACONTAINER1" : "ASIAIMDSEXAMPLE"
        let assumeRole = try #require(recording.requests.first { $0.url.hasPrefix(moto.baseURL) })
        #expect(assumeRole.headers["Authorization"]?.contains("Credential=\(expectedKey)/") == true)
        #expect(!server.requests.isEmpty)
    }

    @Test("without role_session_name the session is botocore-session-<epoch seconds of the context clock>")
    func defaultSessionName() async throws {
        let moto = try await MotoServer.shared()
        let home = try Self.home()
        defer { withExtendedLifetime(home) {} }
        let recording = RecordingTransport(moto.transport)
        let clock = SystemAWSClock()
        let expected = "botocore-session-\(Int(clock.currentDate.timeIntervalSince1970))"
        let provider = try home.configuration(["AWS_ENDPOINT_URL": moto.baseURL, "AWS_PROFILE": "default-name"])
            .credentialProvider(context: CredentialTestContext.make(transport: recording, clock: clock))
        _ = try await provider.credentials()
        let name = try #require(Self.assumeRoleCalls(recording).first?["RoleSessionName"])
        // The second may tick between computing `expected` and building the provider.
        let seconds = try #require(Int(name.dropFirst("botocore-session-".count)))
        #expect(name.hasPrefix("botocore-session-"))
        #expect((0...2).contains(seconds - Int(expected.dropFirst("botocore-session-".count))!))
    }

    @Test("mfa_serial: the code from the prompt is sent with the serial number")
    func mfaPrompt() async throws {
        let moto = try await MotoServer.shared()
        let home = try Self.home()
        defer { withExtendedLifetime(home) {} }
        let recording = RecordingTransport(moto.transport)
        let asked = AskLog()
        let provider = try home.configuration(["AWS_ENDPOINT_URL": moto.baseURL, "AWS_PROFILE": "mfa"])
            .credentialProvider(
                context: CredentialTestContext.make(
                    transport: recording, mfaTokenCode: { serial in asked.record(serial); return "123456" }))
        _ = try await provider.credentials()

        #expect(asked.serials == [Self.mfaSerial])
        let call = try #require(Self.assumeRoleCalls(recording).first)
        #expect(call["SerialNumber"] == Self.mfaSerial)
        #expect(call["TokenCode"] == "123456")
        #expect(try await Self.identity(provider, moto: moto).account == "222222222222")
    }

    @Test("mfa_serial without a way to prompt: an error naming the profile and device, and no request sent")
    func mfaWithoutPrompt() async throws {
        let moto = try await MotoServer.shared()
        let home = try Self.home()
        defer { withExtendedLifetime(home) {} }
        let recording = RecordingTransport(moto.transport)
        let provider = try home.configuration(["AWS_ENDPOINT_URL": moto.baseURL, "AWS_PROFILE": "mfa"])
            .credentialProvider(context: CredentialTestContext.make(transport: recording))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        #expect(error == .mfaCodeUnavailable(profile: "mfa", serialNumber: Self.mfaSerial))
        #expect(error?.description.contains("terminal") == true)
        #expect(recording.requests.isEmpty)
    }
}

/// The serial numbers an MFA prompt was asked for.
final class AskLog: Sendable {
    private let state = Mutex<[String]>([])
    var serials: [String] { state.withLock { $0 } }
    func record(_ serial: String) { state.withLock { $0.append(serial) } }
}

/// Reads `application/x-www-form-urlencoded` bodies.
enum FormBody {
    static func parameters(_ body: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }
}
