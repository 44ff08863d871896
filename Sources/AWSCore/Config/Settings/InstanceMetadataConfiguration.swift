/// How to reach the EC2 instance metadata service (IMDSv2), for credentials and for the region.
///
/// Settings as botocore reads them (`utils.IMDSFetcher`, `resolve_imds_endpoint_mode`): `AWS_EC2_METADATA_DISABLED`
/// (environment only); the endpoint from `AWS_EC2_METADATA_SERVICE_ENDPOINT` / `ec2_metadata_service_endpoint`, else
/// `http://[fd00:ec2::254]/` when the mode (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` /
/// `ec2_metadata_service_endpoint_mode`, else `AWS_IMDS_USE_IPV6` / `imds_use_ipv6`) is IPv6, else
/// `http://169.254.169.254/`; `AWS_EC2_METADATA_V1_DISABLED` / `ec2_metadata_v1_disabled`; and the timeout and
/// attempts (`AWS_METADATA_SERVICE_TIMEOUT`, `AWS_METADATA_SERVICE_NUM_ATTEMPTS`, both default 1).
public struct InstanceMetadataConfiguration: Sendable, Hashable {
    /// Whether instance metadata is switched off (`AWS_EC2_METADATA_DISABLED=true`).
    public let isDisabled: ResolvedSetting<Bool>
    /// The service's base URL; plain http only to loopback or the metadata addresses.
    public let endpoint: ResolvedSetting<EndpointURL>
    /// Whether the IMDSv1 fallback (no session token) is forbidden.
    public let v1Disabled: ResolvedSetting<Bool>
    /// Seconds to wait for each request.
    public let timeoutSeconds: ResolvedSetting<Int>
    /// Attempts per request.
    public let attempts: ResolvedSetting<Int>

    /// The IPv4 address and the IPv6 address of the service, the only non-loopback hosts plain HTTP may reach.
    static let serviceAddresses = [IPAddressLiteral("169.254.169.254")!, IPAddressLiteral("fd00:ec2::254")!]

    static func resolve(lookup: SettingLookup) throws(AWSConfigError) -> InstanceMetadataConfiguration {
        let disabled = SettingLookup.boolean(lookup.environment("AWS_EC2_METADATA_DISABLED"))
        let useIPv6: ResolvedSetting<Bool>
        if let mode = try lookup.first(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"], profileKey: "ec2_metadata_service_endpoint_mode")
        {
            switch mode.value.lowercased() {
            case "ipv4": useIPv6 = mode.map { _ in false }
            case "ipv6": useIPv6 = mode.map { _ in true }
            default: throw .invalidInstanceMetadataEndpointMode(mode)
            }
        } else {
            useIPv6 = SettingLookup.boolean(try lookup.first(environment: ["AWS_IMDS_USE_IPV6"], profileKey: "imds_use_ipv6"))
        }
        let configured = try lookup.first(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT"], profileKey: "ec2_metadata_service_endpoint")
        let raw = configured
            ?? (useIPv6.value
                ? ResolvedSetting("http://[fd00:ec2::254]/", from: useIPv6.origin)
                : ResolvedSetting("http://169.254.169.254/", from: .default))
        let endpoint: EndpointURL
        do throws(EndpointURLProblem) {
            endpoint = try EndpointURL(
                validating: raw.value, plainHTTPAllowedFor: serviceAddresses,
                allowedDescription: "loopback hosts and the metadata service (169.254.169.254, fd00:ec2::254)")
        } catch {
            throw .invalidInstanceMetadataEndpoint(raw, problem: error)
        }
        return InstanceMetadataConfiguration(
            isDisabled: disabled,
            endpoint: ResolvedSetting(endpoint, from: raw.origin),
            v1Disabled: SettingLookup.boolean(
                try lookup.first(environment: ["AWS_EC2_METADATA_V1_DISABLED"], profileKey: "ec2_metadata_v1_disabled")),
            timeoutSeconds: try SettingLookup.integer(
                lookup.first(environment: ["AWS_METADATA_SERVICE_TIMEOUT"], profileKey: "metadata_service_timeout"),
                name: "metadata_service_timeout", minimum: 1, default: 1),
            attempts: try SettingLookup.integer(
                lookup.first(environment: ["AWS_METADATA_SERVICE_NUM_ATTEMPTS"], profileKey: "metadata_service_num_attempts"),
                name: "metadata_service_num_attempts", minimum: 1, default: 1))
    }
}
