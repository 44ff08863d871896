/// The region in effect: `--region` > `AWS_REGION` > `AWS_DEFAULT_REGION` > the profile's `region` > instance
/// metadata (DESIGN.md; AWS CLI v2 `configprovider.py`, whose last link is botocore's `IMDSRegionProvider`).
public enum RegionResolution: Sendable, Hashable, CustomStringConvertible {
    /// A region set on the command line, in the environment, or in the profile.
    case configured(ResolvedSetting<String>)
    /// Nothing set one: not resolved here; ask the instance metadata service (only works on EC2).
    case fromInstanceMetadata
    /// Nothing set one and `AWS_EC2_METADATA_DISABLED=true` rules out instance metadata.
    case notConfigured

    /// The configured region, if there is one.
    public var setting: ResolvedSetting<String>? {
        if case .configured(let setting) = self { return setting }
        return nil
    }

    /// `us-east-1 (from environment variable AWS_REGION)`, or what happens without one.
    public var description: String {
        switch self {
        case .configured(let setting): return setting.description
        case .fromInstanceMetadata: return "not configured (falls back to instance metadata)"
        case .notConfigured: return "not configured"
        }
    }

    /// Resolves the region; a configured one must be a valid host label (botocore's `validate_region_name`).
    static func resolve(commandLine: AWSCommandLineOverrides, lookup: SettingLookup, instanceMetadataDisabled: Bool)
        throws(AWSConfigError) -> RegionResolution
    {
        var found = AWSCommandLineOverrides.setting(commandLine.region, option: "--region")
        if found == nil { found = try lookup.first(environment: ["AWS_REGION", "AWS_DEFAULT_REGION"], profileKey: "region") }
        guard let found else { return instanceMetadataDisabled ? .notConfigured : .fromInstanceMetadata }
        guard isValidRegionName(found.value) else { throw .invalidRegion(found) }
        return .configured(found)
    }

    /// `^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$`: at most 63 letters, digits and hyphens, not all digits,
    /// no hyphen at either end.
    static func isValidRegionName(_ region: String) -> Bool {
        let scalars = region.unicodeScalars
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        let allowed = scalars.allSatisfy { isDigit($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "-" }
        return allowed && scalars.count <= 63 && scalars.first != "-" && scalars.last != "-" && !scalars.allSatisfy(isDigit)
    }
}
