import AWSCore
import AWSServices

/// `amikey whoami`: the account and identity the credentials belong to, and the profile, region, endpoints and
/// credential source in use, each with where it came from.
///
/// ## Usage
/// ```swift
/// let report = try await WhoAmIWorkflow().run(context)
/// report.account            // "123456789012"
/// report.region.origin      // .configFile([profile prod] in ~/.aws/config, line 3)
/// ```
public struct WhoAmIWorkflow: Sendable {
    /// The services whose endpoints are reported: where amikey's calls go.
    public static let reportedServices: [AWSServiceID] = [.ec2, .sts]

    /// A workflow.
    public init() {}

    /// Resolves the session and asks STS who the credentials belong to.
    ///
    /// - Throws: ``AWSFailure``.
    public func run(_ context: WorkflowContext) async throws(AWSFailure) -> WhoAmIReport {
        let session = try await AWSSession.open(context)
        do {
            let endpoints = try Self.reportedServices.map {
                try session.configuration.endpoint(for: $0, region: session.region.value)
            }
            let identity = try await session.services.send(STS.getCallerIdentity())
            return WhoAmIReport(
                account: identity.account, arn: identity.arn, userID: identity.userId,
                profile: session.configuration.profileName, region: session.region, endpoints: endpoints,
                credentials: session.credentialSource)
        } catch {
            throw AWSFailure(error)
        }
    }
}

/// What `amikey whoami` found.
public struct WhoAmIReport: Sendable {
    /// The account the credentials belong to.
    public var account: String
    /// The identity's ARN (user, assumed role, federated user).
    public var arn: String
    /// The unique id of the identity (the access key or role session for temporary credentials).
    public var userID: String
    /// The profile and what selected it.
    public var profile: ResolvedSetting<String>
    /// The region and where it came from.
    public var region: ResolvedSetting<String>
    /// Where EC2 and STS calls go, and why.
    public var endpoints: [ResolvedEndpoint]
    /// Where the credentials come from.
    public var credentials: ResolvedCredentialSource
}
