import AWSCore
import AWSServices

/// One account seen through one profile: its resolved configuration, the region, where the credentials come from,
/// and the client every call goes through.
///
/// ## Usage
/// ```swift
/// let session = try await AWSSession.open(context)                        // --profile / AWS_PROFILE / default
/// let source = try await AWSSession.open(context, profile: "account-a")  // --source-profile
/// let identity = try await session.services.send(STS.getCallerIdentity())
/// ```
public struct AWSSession: Sendable {
    /// Every setting with where it came from.
    public let configuration: AWSConfiguration
    /// The region calls go to.
    public let region: ResolvedSetting<String>
    /// What the credential chain chose.
    public let credentialSource: ResolvedCredentialSource
    /// Sends typed operations, signed with this profile's credentials.
    public let services: AWSServiceClient

    /// Resolves configuration, region and credentials for the profile the global options select, or for
    /// `profile` when a workflow works with a second account.
    ///
    /// - Throws: ``AWSFailure`` (exit 3) naming the file, setting or source that is wrong and how to fix it.
    public static func open(_ context: WorkflowContext, profile: String? = nil) async throws(AWSFailure) -> AWSSession {
        guard let access = context.aws else {
            throw AWSFailure(code: "no-aws-access", message: "this command cannot call AWS (no network access was set up)")
        }
        var overrides = access.overrides
        if let profile { overrides.profile = profile }
        do {
            let configuration = try AWSConfiguration.load(
                environment: context.environment, commandLine: overrides,
                readFile: { path in try context.fileSystem.readIfPresent(path) })
            let credentialContext = CredentialProviderContext(
                transport: access.transport, clock: access.clock,
                readFile: { path in try context.fileSystem.readIfPresent(path) },
                processRunner: access.processRunner, mfaTokenCode: access.mfaTokenCode, logger: access.logger)
            let region = try await resolveRegion(configuration, context: credentialContext)
            let credentialSource = try configuration.credentialSource()
            let provider = try configuration.credentialProvider(context: credentialContext)
            let client = AWSClient(
                transport: access.transport, credentialProvider: provider,
                retryPolicy: .standard(maxAttempts: configuration.retry.maxAttempts.value),
                retryQuota: access.retryQuota, clock: access.clock, logger: access.logger)
            return AWSSession(
                configuration: configuration, region: region, credentialSource: credentialSource,
                services: AWSServiceClient(client: client, configuration: configuration, region: region.value))
        } catch let failure as AWSFailure {
            throw failure
        } catch {
            throw AWSFailure(error)
        }
    }

    /// The configured region, else the one instance metadata reports (only on EC2), else the error saying how to
    /// set one.
    private static func resolveRegion(_ configuration: AWSConfiguration, context: CredentialProviderContext)
        async throws -> ResolvedSetting<String>
    {
        guard configuration.region == .fromInstanceMetadata else { return try configuration.requireRegion() }
        let metadata = InstanceMetadataClient(configuration: configuration.instanceMetadata, context: context)
        guard let region = try? await metadata.region() else { return try configuration.requireRegion() }
        return ResolvedSetting(region, from: .instanceMetadata)
    }
}

extension FileSystem {
    /// The file's bytes, or nil when there is no such file (an absent `~/.aws/config` is normal).
    func readIfPresent(_ path: String) throws(FileSystemError) -> [UInt8]? {
        do {
            return try read(path)
        } catch where error.code == "not-found" {
            return nil
        }
    }
}
