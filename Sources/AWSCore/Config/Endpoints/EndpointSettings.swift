/// The settings that shape every service's endpoint, besides the endpoint URLs themselves.
public struct EndpointSettings: Sendable, Hashable {
    /// How STS picks its endpoint in the regions that once used the global one.
    public enum STSRegionalEndpoints: String, Sendable, Hashable {
        /// `https://sts.amazonaws.com` (signed for us-east-1) in the 16 regions botocore lists as legacy-global.
        case legacy
        /// `https://sts.REGION.amazonaws.com` everywhere: the default.
        case regional
    }

    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` > `ignore_configured_endpoint_urls`: when true, only `--endpoint-url`
    /// can replace the default endpoint.
    public let ignoreConfiguredEndpointURLs: ResolvedSetting<Bool>
    /// `AWS_USE_FIPS_ENDPOINT` > `use_fips_endpoint`: FIPS endpoints (ignored for a configured endpoint URL).
    public let useFIPS: ResolvedSetting<Bool>
    /// `AWS_USE_DUALSTACK_ENDPOINT` > `use_dualstack_endpoint`: IPv6-capable endpoints (ignored for a configured URL).
    public let useDualStack: ResolvedSetting<Bool>
    /// `AWS_STS_REGIONAL_ENDPOINTS` > `sts_regional_endpoints` > `regional`.
    public let stsRegionalEndpoints: ResolvedSetting<STSRegionalEndpoints>

    /// Settings from their parts.
    public init(
        ignoreConfiguredEndpointURLs: ResolvedSetting<Bool>, useFIPS: ResolvedSetting<Bool>,
        useDualStack: ResolvedSetting<Bool>, stsRegionalEndpoints: ResolvedSetting<STSRegionalEndpoints>
    ) {
        self.ignoreConfiguredEndpointURLs = ignoreConfiguredEndpointURLs
        self.useFIPS = useFIPS
        self.useDualStack = useDualStack
        self.stsRegionalEndpoints = stsRegionalEndpoints
    }

    /// Booleans by botocore's `ensure_boolean`; `sts_regional_endpoints` must be `legacy` or `regional`.
    static func resolve(lookup: SettingLookup) throws(AWSConfigError) -> EndpointSettings {
        let sts: ResolvedSetting<STSRegionalEndpoints>
        if let raw = try lookup.first(environment: ["AWS_STS_REGIONAL_ENDPOINTS"], profileKey: "sts_regional_endpoints") {
            guard let parsed = STSRegionalEndpoints(rawValue: raw.value) else { throw .invalidSTSRegionalEndpoints(raw) }
            sts = ResolvedSetting(parsed, from: raw.origin)
        } else {
            sts = ResolvedSetting(.regional, from: .default)
        }
        return EndpointSettings(
            ignoreConfiguredEndpointURLs: SettingLookup.boolean(
                try lookup.first(
                    environment: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"], profileKey: "ignore_configured_endpoint_urls")),
            useFIPS: SettingLookup.boolean(
                try lookup.first(environment: ["AWS_USE_FIPS_ENDPOINT"], profileKey: "use_fips_endpoint")),
            useDualStack: SettingLookup.boolean(
                try lookup.first(environment: ["AWS_USE_DUALSTACK_ENDPOINT"], profileKey: "use_dualstack_endpoint")),
            stsRegionalEndpoints: sts)
    }
}
