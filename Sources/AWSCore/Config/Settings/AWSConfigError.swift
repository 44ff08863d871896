/// Why the profile, region, retry or instance-metadata settings could not be resolved.
///
/// Every message names the setting, where its value came from, and what to change.
public enum AWSConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A path starts with `~` but `HOME` is not in the environment.
    case homeDirectoryUnknown(path: String, origin: SettingOrigin)
    /// The profile named on the command line or in the environment is in neither file
    /// (botocore's `ProfileNotFound`). `hints` point at sections that look like the profile but are not one.
    case profileNotFound(name: String, origin: SettingOrigin, available: [String], searched: [String], hints: [String])
    /// A setting that must be plain text has an indented block under it.
    case nestedValueNotAllowed(key: String, location: ConfigFileLocation)
    /// The region is not a valid host label (botocore's `InvalidRegionError`).
    case invalidRegion(ResolvedSetting<String>)
    /// No region is configured and instance metadata cannot supply one.
    case regionNotConfigured(profile: String, instanceMetadataDisabled: Bool)
    /// A numeric setting is not a whole number at least `minimum` (botocore's `InvalidMaxRetryAttemptsError` and
    /// the `int()` conversions of the metadata settings).
    case invalidNumber(setting: String, value: ResolvedSetting<String>, minimum: Int)
    /// `retry_mode` / `AWS_RETRY_MODE` is not `legacy`, `standard` or `adaptive` (`InvalidRetryModeError`).
    case invalidRetryMode(ResolvedSetting<String>)
    /// `sts_regional_endpoints` / `AWS_STS_REGIONAL_ENDPOINTS` is not `legacy` or `regional`.
    case invalidSTSRegionalEndpoints(ResolvedSetting<String>)
    /// `ec2_metadata_service_endpoint_mode` is not `IPv4` or `IPv6` (`InvalidIMDSEndpointModeError`).
    case invalidInstanceMetadataEndpointMode(ResolvedSetting<String>)
    /// `ec2_metadata_service_endpoint` is not a usable URL (`InvalidIMDSEndpointError`).
    case invalidInstanceMetadataEndpoint(ResolvedSetting<String>, problem: EndpointURLProblem)

    /// What is wrong and what to do about it.
    public var description: String {
        switch self {
        case .homeDirectoryUnknown(let path, let origin):
            return "\(path) (from \(origin)) starts with ~, but HOME is not set; set HOME or give an absolute path"
        case .profileNotFound(let name, let origin, let available, let searched, let hints):
            let known = available.isEmpty
                ? "no profiles are defined" : "the profiles defined are: \(available.joined(separator: ", "))"
            var lines = [
                "The config profile (\(name)) could not be found (named by \(origin)); \(known).",
                "Files searched: \(searched.joined(separator: ", ")).",
            ]
            lines += hints
            lines.append(
                "Add [profile \(name)] to the config file (or [\(name)] to the credentials file), or choose another profile "
                    + "with --profile or AWS_PROFILE.")
            return lines.joined(separator: "\n")
        case .nestedValueNotAllowed(let key, let location):
            return "\(key) (\(location)) has an indented block under it, but it takes a single value; "
                + "put the value on the \"\(key) =\" line"
        case .invalidRegion(let region):
            return "Provided region_name '\(region.value)' (from \(region.origin)) doesn't match a supported format; "
                + "a region looks like us-east-1: letters, digits and '-', at most 63 characters"
        case .regionNotConfigured(let profile, let disabled):
            let metadata = disabled ? " and AWS_EC2_METADATA_DISABLED=true rules out instance metadata" : ""
            return "You must specify a region: none is set for profile '\(profile)'\(metadata); "
                + "use --region, set AWS_REGION, or add \"region = …\" to the profile in ~/.aws/config"
        case .invalidNumber(let setting, let value, let minimum):
            return "Value provided to \"\(setting)\": \(value.value) (from \(value.origin)) must be an integer greater "
                + "than or equal to \(minimum)"
        case .invalidRetryMode(let mode):
            return "Invalid value provided to \"retry_mode\": \"\(mode.value)\" (from \(mode.origin)) must be one of: "
                + "legacy, standard, adaptive"
        case .invalidSTSRegionalEndpoints(let value):
            return "STS regional endpoints option \(value.value) (from \(value.origin)) is invalid; "
                + "valid options are: \"legacy\", \"regional\""
        case .invalidInstanceMetadataEndpointMode(let mode):
            return "Invalid instance metadata endpoint mode \"\(mode.value)\" (from \(mode.origin)); use IPv4 or IPv6"
        case .invalidInstanceMetadataEndpoint(let endpoint, let problem):
            return "Invalid instance metadata endpoint \(EndpointURL.redactingUserInfo(endpoint.value)) "
                + "(from \(endpoint.origin)): \(problem)"
        }
    }
}
