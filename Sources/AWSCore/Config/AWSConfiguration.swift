/// The AWS settings in effect for one command: profile, region, retries, endpoints and credential source, each
/// with where it came from, resolved from the environment, the shared files and the global options exactly as
/// the AWS CLI v2 resolves them.
///
/// Pure: the environment is a dictionary and files are read through a closure, so nothing here calls `getenv`,
/// the file system or the network. Precedence (DESIGN.md, "Commands"):
/// - profile: `--profile` > `AWS_PROFILE` > `AWS_DEFAULT_PROFILE` > `default`;
/// - region: `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > profile `region` > instance metadata;
/// - endpoint: `--endpoint-url` > `AWS_ENDPOINT_URL_<SERVICE>` > `AWS_ENDPOINT_URL` > `[services]` block >
///   profile `endpoint_url` > the partition's default (see ``endpoint(for:region:)``);
/// - credentials: the CLI's provider chain (see ``credentialSource()``).
///
/// An empty value, in the environment or in a file, counts as unset throughout.
///
/// ## Usage
///
/// ```swift
/// let configuration = try AWSConfiguration.load(
///     environment: ProcessInfo.processInfo.environment,
///     commandLine: AWSCommandLineOverrides(profile: options.profile, region: options.region,
///                                          endpointURL: options.endpointURL),
///     readFile: { path in try fileSystem.contentsIfExists(atPath: path) })
/// let region = try configuration.requireRegion()            // "eu-west-1 (from [profile prod] in …, line 3)"
/// let sts = try configuration.endpoint(for: .sts, region: region.value)
/// switch try configuration.credentialSource().source {
/// case .staticKeys(let keys): …
/// case .assumeRole(let role): …
/// …
/// }
/// ```
public struct AWSConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The shared files as read.
    public let shared: AWSSharedConfig
    /// The global options given.
    public let commandLine: AWSCommandLineOverrides
    /// The profile in effect and what chose it.
    public let profileName: ResolvedSetting<String>
    /// The merged profile (empty when the implicit `default` profile is not defined).
    public let profile: AWSProfile
    /// The region, or how to get one.
    public let region: RegionResolution
    /// Retry mode and attempts.
    public let retry: RetryConfiguration
    /// FIPS, dual-stack, STS regional endpoints, and whether configured endpoint URLs are ignored.
    public let endpointSettings: EndpointSettings
    /// How to reach instance metadata.
    public let instanceMetadata: InstanceMetadataConfiguration
    /// The environment, kept private: it may hold secrets and is never printed.
    private let environment: [String: String]

    /// Resolves every setting from `environment`, already-read `shared` files and the global options.
    ///
    /// - Throws: ``AWSConfigError`` for an unknown profile or an invalid region, retry or metadata setting.
    public init(environment: [String: String], commandLine: AWSCommandLineOverrides, shared: AWSSharedConfig)
        throws(AWSConfigError)
    {
        let name = ProfileResolution.selectedName(commandLine: commandLine, environment: environment)
        let profile = try ProfileResolution.profile(named: name, in: shared)
        let lookup = SettingLookup(environment: environment, profile: profile)
        let instanceMetadata = try InstanceMetadataConfiguration.resolve(lookup: lookup)
        self.shared = shared
        self.commandLine = commandLine
        self.profileName = name
        self.profile = profile
        self.region = try RegionResolution.resolve(
            commandLine: commandLine, lookup: lookup, instanceMetadataDisabled: instanceMetadata.isDisabled.value)
        self.retry = try RetryConfiguration.resolve(lookup: lookup)
        self.endpointSettings = try EndpointSettings.resolve(lookup: lookup)
        self.instanceMetadata = instanceMetadata
        self.environment = environment
    }

    /// Locates and reads the shared files through `readFile`, then resolves every setting.
    ///
    /// - Parameter readFile: the bytes of the file at a path, or `nil` if there is none.
    /// - Throws: ``AWSConfigError`` or ``AWSConfigFileError``.
    public static func load(
        environment: [String: String], commandLine: AWSCommandLineOverrides, readFile: (String) throws -> [UInt8]?
    ) throws -> AWSConfiguration {
        let shared = try AWSSharedConfig.load(environment: environment, readFile: readFile)
        return try AWSConfiguration(environment: environment, commandLine: commandLine, shared: shared)
    }

    /// The configured region, or an error saying how to set one; callers that can ask instance metadata check
    /// ``region`` for ``RegionResolution/fromInstanceMetadata`` first.
    public func requireRegion() throws(AWSConfigError) -> ResolvedSetting<String> {
        if let setting = region.setting { return setting }
        throw .regionNotConfigured(profile: profileName.value, instanceMetadataDisabled: region == .notConfigured)
    }

    /// The endpoint for `service` in `region` and where it came from.
    ///
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's `ignore_configured_endpoint_urls = true`) skips
    /// every configured URL except `--endpoint-url`. A configured URL must be `https://`, or `http://` to a loopback
    /// host.
    ///
    /// - Throws: ``EndpointResolutionError``, or ``AWSConfigError`` for a setting written as an indented block.
    public func endpoint(for service: AWSServiceID, region: String) throws -> ResolvedEndpoint {
        try EndpointResolution(commandLine: commandLine, lookup: lookup, shared: shared, settings: endpointSettings)
            .resolve(service: service, region: region)
    }

    /// What the AWS CLI's credential chain would use for this profile and environment, with the data it needs.
    ///
    /// - Throws: ``CredentialSourceError`` for the invalid combinations botocore rejects, ``AWSConfigError`` when a
    ///   cache path needs `HOME` or a setting is written as an indented block.
    public func credentialSource() throws -> ResolvedCredentialSource {
        try CredentialSourceSelection(
            environment: environment, shared: shared, profile: profile,
            explicitProfile: profileName.origin == .commandLine("--profile"),
            instanceMetadata: instanceMetadata
        ).resolve()
    }

    private var lookup: SettingLookup { SettingLookup(environment: environment, profile: profile) }

    /// The resolved settings, one per line, without the environment.
    public var description: String {
        [
            "profile \(profileName)",
            "region \(region)",
            "retry mode \(retry.mode), max attempts \(retry.maxAttempts)",
            "config file \(shared.configPath)",
            "credentials file \(shared.credentialsPath)",
        ].joined(separator: "\n")
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// The resolved settings only, so `dump` never shows the environment.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "profileName": profileName, "region": region, "retry": retry, "endpointSettings": endpointSettings,
                "instanceMetadata": instanceMetadata, "shared": shared,
            ],
            displayStyle: .struct)
    }
}
