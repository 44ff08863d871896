import AWSCore
import AWSSigV4
import AWSTestSupport
import Foundation

@testable import AWSServices

/// `AWSServiceClient`s on the shared moto server, and the few set-up calls moto needs that amikey itself never
/// makes (KMS CreateKey, Organizations CreateOrganization).
///
/// Tests run in parallel against one server: each uses names with a fresh suffix and, where it counts
/// resources, its own Region.
enum MotoServiceClients {
    /// A service client for `region` on moto, signing with `credentials`; sleeps go through `clock` (a
    /// `ManualClock` keeps waiter and backoff delays out of test time).
    static func client(
        _ moto: MotoServer, region: String, credentials: AWSCredentials = MotoServer.credentials,
        clock: any AWSClock = ManualClock(), retryPolicy: RetryPolicy = .standard(),
        attemptTimeout: Duration = .seconds(30)
    ) -> AWSServiceClient {
        let client = AWSClient(
            transport: moto.transport, credentialProvider: StaticCredentialProvider(credentials),
            retryPolicy: retryPolicy, clock: clock, attemptTimeout: attemptTimeout)
        return AWSServiceClient(client: client, region: region) { try moto.endpoint($0, region: region) }
    }

    /// A service client whose calls go through `proxy`, with an attempt timeout the slow-answer fault (12 s) outlasts;
    /// 10 s, not less, so that an ordinary answer on a loaded machine is not taken for the fault.
    static func client(
        through proxy: FaultInjectingProxy, moto: MotoServer, region: String, maxAttempts: Int = 3,
        attemptTimeout: Duration = .seconds(10)
    ) -> AWSServiceClient {
        let client = AWSClient(
            transport: moto.transport, credentialProvider: StaticCredentialProvider(MotoServer.credentials),
            retryPolicy: .standard(maxAttempts: maxAttempts), clock: ManualClock(), attemptTimeout: attemptTimeout)
        return AWSServiceClient(client: client, region: region) { try proxy.endpoint($0, region: region) }
    }

    /// A client for a scripted server (on the shared transport: one connection pool per test process).
    static func client(
        scripted server: LoopbackHTTPServer, transport: any HTTPTransport, clock: ManualClock = ManualClock()
    ) -> AWSServiceClient {
        let client = AWSClient(
            transport: transport, credentialProvider: StaticCredentialProvider(MotoServer.credentials), clock: clock)
        return AWSServiceClient(client: client, region: "us-east-1") { service in
            ResolvedEndpoint(
                service: service, url: try EndpointURL(validating: server.baseURL), signingRegion: "us-east-1",
                partition: AWSPartition.containing(region: "us-east-1"), origin: .commandLine("--endpoint-url"))
        }
    }

    /// Makes moto build `region`'s EC2 backend now (it does so on first use, slowly), so a later call through a
    /// proxy with a short attempt timeout is not timed out by that one-off cost.
    static func warm(_ moto: MotoServer, region: String) async throws {
        _ = try await client(moto, region: region).send(EC2.describeSecurityGroups(.init()))
    }

    /// Credentials acting in account `account` (moto maps AssumeRole credentials to the role's account).
    static func assumeRole(_ aws: AWSServiceClient, account: String) async throws -> AWSCredentials {
        let output = try await aws.send(
            STS.assumeRole(.init(roleArn: "arn:aws:iam::\(account):role/amikey-tests", roleSessionName: "amikey")))
        return AWSCredentials(
            accessKeyID: output.credentials.accessKeyId, secretAccessKey: output.credentials.secretAccessKey,
            sessionToken: output.credentials.sessionToken)
    }

    /// A unique name for one test's resources.
    static func name(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// KMS CreateKey's key id (set-up only: amikey never creates keys).
    static func createKey(_ aws: AWSServiceClient) async throws -> String {
        try await aws.send(
            try AWSOperation<CreateKeyOutput>.json(.kms, service: .kms, CreateKeyInput(), idempotency: .notIdempotent)
        )
        .keyMetadata.keyId
    }

    /// Organizations CreateOrganization in moto's default account; an existing organization is fine.
    static func ensureOrganization(_ aws: AWSServiceClient) async throws {
        do {
            _ = try await aws.send(
                try AWSOperation<AWSEmptyOutput>.json(
                    .organizations, service: .organizations, CreateOrganizationInput(), idempotency: .notIdempotent))
        } catch let error as AWSServiceError where error.code == "AlreadyInOrganizationException" {}
    }

    private struct CreateKeyInput: AWSJSONInput {
        static let operation = "CreateKey"
    }

    private struct CreateKeyOutput: Decodable, Sendable {
        let keyMetadata: KMS.KeyMetadata
        enum CodingKeys: String, CodingKey { case keyMetadata = "KeyMetadata" }
    }

    private struct CreateOrganizationInput: AWSJSONInput {
        static let operation = "CreateOrganization"
        let featureSet = "ALL"
        enum CodingKeys: String, CodingKey { case featureSet = "FeatureSet" }
    }
}
