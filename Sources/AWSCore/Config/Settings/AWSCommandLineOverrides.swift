/// The global options that override configuration, spelled as the AWS CLI spells them.
public struct AWSCommandLineOverrides: Sendable, Hashable {
    /// `--profile`; when given, credentials in the environment are ignored, as the AWS CLI does.
    public var profile: String?
    /// `--region`.
    public var region: String?
    /// `--endpoint-url`, which beats every configured endpoint and `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`.
    public var endpointURL: String?

    /// Overrides from the parsed options; `nil` or an empty string means the option was not given.
    public init(profile: String? = nil, region: String? = nil, endpointURL: String? = nil) {
        self.profile = profile
        self.region = region
        self.endpointURL = endpointURL
    }

    /// An option's value with its origin, or `nil` when not given.
    static func setting(_ value: String?, option: String) -> ResolvedSetting<String>? {
        guard let value, !value.isEmpty else { return nil }
        return ResolvedSetting(value, from: .commandLine(option))
    }
}
