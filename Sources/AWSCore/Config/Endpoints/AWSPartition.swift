/// An AWS partition: the group of regions that share a DNS suffix (`aws`, `aws-cn`, `aws-us-gov`, …).
///
/// Data from botocore's `botocore/data/partitions.json` (boto/botocore@0e6e2404, 2026-08-07); the lookup is the
/// endpoint-rules function `aws.partition` (`endpoint_provider.py` `aws_partition`): the first partition that
/// lists the region or whose `regionRegex` matches it, else `aws`.
public struct AWSPartition: Sendable, Hashable {
    /// The partition ID (`aws`, `aws-cn`, `aws-us-gov`, …).
    public let id: String
    /// The DNS suffix of its endpoints (`amazonaws.com`, `amazonaws.com.cn`, …).
    public let dnsSuffix: String
    /// The DNS suffix of its dual-stack (IPv6) endpoints.
    public let dualStackDNSSuffix: String
    /// The region that global services of this partition live in (`us-east-1` in `aws`).
    public let implicitGlobalRegion: String
    /// The regions the data lists by name (including the pseudo-region `<id>-global`).
    let regions: Set<String>
    /// `regionRegex` as a matcher: the region's prefix, then `-WORD-DIGITS` (`\w+` and `\d+`).
    private let matchesRegionPattern: @Sendable (String) -> Bool

    /// The partitions in botocore's order.
    public static let all: [AWSPartition] = [
        AWSPartition(
            id: "aws", dnsSuffix: "amazonaws.com", dualStackDNSSuffix: "api.aws", implicitGlobalRegion: "us-east-1",
            regions: [
                "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
                "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
                "ap-southeast-6", "ap-southeast-7", "aws-global", "ca-central-1", "ca-west-1", "eu-central-1",
                "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3",
                "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2",
                "us-west-1", "us-west-2",
            ],
            // ^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$
            matching: { region in
                ["us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-"].contains { prefix in
                    region.hasPrefix(prefix) && matchesWordThenNumber(region.dropFirst(prefix.count))
                }
            }),
        AWSPartition(
            id: "aws-cn", dnsSuffix: "amazonaws.com.cn", dualStackDNSSuffix: "api.amazonwebservices.com.cn",
            implicitGlobalRegion: "cn-northwest-1", regions: ["aws-cn-global", "cn-north-1", "cn-northwest-1"],
            matching: prefixed("cn-")),  // ^cn\-\w+\-\d+$
        AWSPartition(
            id: "aws-eusc", dnsSuffix: "amazonaws.eu", dualStackDNSSuffix: "api.amazonwebservices.eu",
            // ^eusc\-(de)\-\w+\-\d+$
            implicitGlobalRegion: "eusc-de-east-1", regions: ["eusc-de-east-1"], matching: prefixed("eusc-de-")),
        AWSPartition(
            id: "aws-iso", dnsSuffix: "c2s.ic.gov", dualStackDNSSuffix: "api.aws.ic.gov", implicitGlobalRegion: "us-iso-east-1",
            regions: ["aws-iso-global", "us-iso-east-1", "us-iso-west-1"], matching: prefixed("us-iso-")),  // ^us\-iso\-\w+\-\d+$
        AWSPartition(
            id: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov", dualStackDNSSuffix: "api.aws.scloud",
            implicitGlobalRegion: "us-isob-east-1", regions: ["aws-iso-b-global", "us-isob-east-1", "us-isob-west-1"],
            matching: prefixed("us-isob-")),  // ^us\-isob\-\w+\-\d+$
        AWSPartition(
            id: "aws-iso-e", dnsSuffix: "cloud.adc-e.uk", dualStackDNSSuffix: "api.cloud-aws.adc-e.uk",
            implicitGlobalRegion: "eu-isoe-west-1", regions: ["aws-iso-e-global", "eu-isoe-west-1"],
            matching: prefixed("eu-isoe-")),  // ^eu\-isoe\-\w+\-\d+$
        AWSPartition(
            id: "aws-iso-f", dnsSuffix: "csp.hci.ic.gov", dualStackDNSSuffix: "api.aws.hci.ic.gov",
            implicitGlobalRegion: "us-isof-south-1", regions: ["aws-iso-f-global", "us-isof-east-1", "us-isof-south-1"],
            matching: prefixed("us-isof-")),  // ^us\-isof\-\w+\-\d+$
        AWSPartition(
            id: "aws-us-gov", dnsSuffix: "amazonaws.com", dualStackDNSSuffix: "api.aws", implicitGlobalRegion: "us-gov-west-1",
            // ^us\-gov\-\w+\-\d+$
            regions: ["aws-us-gov-global", "us-gov-east-1", "us-gov-west-1"], matching: prefixed("us-gov-")),
    ]

    /// The partition `region` belongs to; `aws` for a region no partition claims (a local emulator's `mars-1`).
    public static func containing(region: String) -> AWSPartition {
        all.first { $0.regions.contains(region) || $0.matchesRegionPattern(region) } ?? all[0]
    }

    private init(
        id: String, dnsSuffix: String, dualStackDNSSuffix: String, implicitGlobalRegion: String, regions: Set<String>,
        matching: @escaping @Sendable (String) -> Bool
    ) {
        self.id = id
        self.dnsSuffix = dnsSuffix
        self.dualStackDNSSuffix = dualStackDNSSuffix
        self.implicitGlobalRegion = implicitGlobalRegion
        self.regions = regions
        self.matchesRegionPattern = matching
    }

    /// Two partitions are the same partition when their IDs are.
    public static func == (lhs: AWSPartition, rhs: AWSPartition) -> Bool { lhs.id == rhs.id }

    /// Hashes the ID.
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// A matcher for `^PREFIX\w+\-\d+$`.
    private static func prefixed(_ prefix: String) -> @Sendable (String) -> Bool {
        { region in region.hasPrefix(prefix) && matchesWordThenNumber(region.dropFirst(prefix.count)) }
    }

    /// `\w+\-\d+$` on what follows the prefix. `\w` cannot match `-`, so the text splits at its only `-`:
    /// word characters (letters, digits, `_`; Unicode, as in Python 3 `re`) before it, decimal digits after it.
    private static func matchesWordThenNumber(_ rest: Substring) -> Bool {
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let isWord = parts[0].unicodeScalars.allSatisfy {
            $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
        let isNumber = parts[1].unicodeScalars.allSatisfy { $0.properties.numericType == .decimal }
        return isWord && isNumber
    }
}
