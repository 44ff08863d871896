import AWSSigV4
import AWSCore
import AWSServices

/// The product's own AWS clients for the lab's two accounts: A with static credentials the emulator does not know
/// (so it acts in its default account), B through `sts:AssumeRole` into `lab.json`'s role, as a user of two real
/// accounts would work.
///
/// ```swift
/// let accounts = try await LabAccounts.open(info, access: access)
/// let shared = try await accounts.b.send(EC2.describeImages(.init(imageIds: [imageId])))
/// ```
public struct LabAccounts: Sendable {
    /// The access key `lab up` exports: any key the emulator does not know acts in account A.
    public static let accessKeyID = "AKIAAMIKEYLAB0000001"
    /// Its secret: the emulator verifies no signature, so this is not a secret at all.
    public static let secretAccessKey = "amikey-lab-not-a-secret"

    /// Account A.
    public let a: AWSServiceClient
    /// Account B, with the assumed role's temporary credentials.
    public let b: AWSServiceClient
    /// Account A's id, from `lab.json`.
    public let accountA: String
    /// Account B's id, from `lab.json`.
    public let accountB: String

    /// Opens A's client and assumes B's role with it.
    ///
    /// - Throws: ``AWSFailure`` when the endpoint is unusable or AssumeRole fails.
    public static func open(_ info: LabInfo, access: AWSAccess) async throws(AWSFailure) -> LabAccounts {
        let roleArn = info.accounts.b.roleArn ?? "arn:aws:iam::\(info.accounts.b.accountId):role/amikey-lab"
        do {
            let url = try EndpointURL(validating: info.endpoint)
            let a = client(info, url: url, access: access, credentials: AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secretAccessKey))
            let assumed = try await a.send(STS.assumeRole(.init(roleArn: roleArn, roleSessionName: "amikey-lab")))
            let b = client(
                info, url: url, access: access,
                credentials: AWSCredentials(
                    accessKeyID: assumed.credentials.accessKeyId, secretAccessKey: assumed.credentials.secretAccessKey,
                    sessionToken: assumed.credentials.sessionToken))
            return LabAccounts(a: a, b: b, accountA: info.accounts.a.accountId, accountB: info.accounts.b.accountId)
        } catch {
            throw AWSFailure(error)
        }
    }

    /// One account's client: every service at the lab's endpoint, signed for the lab's region.
    private static func client(_ info: LabInfo, url: EndpointURL, access: AWSAccess, credentials: AWSCredentials)
        -> AWSServiceClient
    {
        let client = AWSClient(
            transport: access.transport, credentialProvider: StaticCredentialProvider(credentials),
            retryQuota: access.retryQuota, clock: access.clock, logger: access.logger)
        let region = info.region
        return AWSServiceClient(client: client, region: region) { service in
            ResolvedEndpoint(
                service: service, url: url, signingRegion: region, partition: AWSPartition.containing(region: region),
                origin: .commandLine("lab.json endpoint"))
        }
    }
}
