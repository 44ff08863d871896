/// The standard endpoint of a service in a region, from the service's endpoint rule set in botocore
/// (`botocore/data/<service>/<version>/endpoint-rule-set-1.json`, boto/botocore@0e6e2404) without a custom endpoint.
enum DefaultEndpoint {
    /// Regions whose STS endpoint was the global one under `sts_regional_endpoints = legacy`
    /// (botocore `args.py` `LEGACY_GLOBAL_STS_REGIONS`).
    static let legacyGlobalSTSRegions: Set<String> = [
        "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "aws-global", "ca-central-1", "eu-central-1",
        "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ]

    /// Organizations is global: botocore's `endpoints.json` gives each partition one `partitionEndpoint` whose
    /// credential scope is the partition's global region, and requests are signed for it whatever the URL.
    private static let organizationsSigningRegion: [String: String] = [
        "aws": "us-east-1", "aws-cn": "cn-northwest-1", "aws-us-gov": "us-gov-west-1", "aws-iso": "us-iso-east-1",
        "aws-iso-b": "us-isob-east-1", "aws-iso-e": "eu-isoe-west-1", "aws-iso-f": "us-isof-south-1",
    ]

    /// The partitions whose Organizations rules name a fixed standard endpoint
    /// (`organizations/2016-11-28/endpoint-rule-set-1.json`).
    private static let organizationsFixedPartitions: Set<String> = [
        "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-f",
    ]

    static func resolve(
        service: AWSServiceID, region: String, partition: AWSPartition, useFIPS: Bool, useDualStack: Bool,
        stsRegionalEndpoints: EndpointSettings.STSRegionalEndpoints
    ) -> (url: String, signingRegion: String) {
        let url = self.url(
            service: service, region: region, partition: partition, useFIPS: useFIPS, useDualStack: useDualStack,
            stsRegionalEndpoints: stsRegionalEndpoints)
        if service == .organizations, let global = organizationsSigningRegion[partition.id] { return (url, global) }
        if service == .sts, region == "aws-global" || url == "https://sts.amazonaws.com" { return (url, "us-east-1") }
        return (url, region)
    }

    private static func url(
        service: AWSServiceID, region: String, partition: AWSPartition, useFIPS: Bool, useDualStack: Bool,
        stsRegionalEndpoints: EndpointSettings.STSRegionalEndpoints
    ) -> String {
        if service == .sso { return ssoPortalURL(region: region, partition: partition, useFIPS: useFIPS, useDualStack: useDualStack) }
        let name = service.name
        if service == .sts, stsRegionalEndpoints == .legacy, !useFIPS, !useDualStack, legacyGlobalSTSRegions.contains(region) {
            return "https://sts.amazonaws.com"
        }
        if service == .organizations, !useDualStack, organizationsFixedPartitions.contains(partition.id),
            let global = organizationsSigningRegion[partition.id]
        {
            if !useFIPS { return "https://organizations.\(global).\(partition.dnsSuffix)" }
            if partition.id == "aws" { return "https://organizations-fips.us-east-1.amazonaws.com" }
            if partition.id == "aws-us-gov" { return "https://organizations.us-gov-west-1.amazonaws.com" }
        }
        switch (useFIPS, useDualStack) {
        case (true, true):
            return "https://\(name)-fips.\(region).\(partition.dualStackDNSSuffix)"
        case (true, false):
            // In GovCloud the standard EC2, SSM and STS endpoints are already FIPS endpoints.
            if partition.id == "aws-us-gov", [AWSServiceID.ec2, .ssm, .sts].contains(service) {
                return "https://\(name).\(region).amazonaws.com"
            }
            return "https://\(name)-fips.\(region).\(partition.dnsSuffix)"
        case (false, true):
            return "https://\(name).\(region).\(partition.dualStackDNSSuffix)"
        case (false, false):
            if service == .sts, region == "aws-global" { return "https://sts.amazonaws.com" }
            return "https://\(name).\(region).\(partition.dnsSuffix)"
        }
    }

    /// The SSO portal's host is `portal.sso.<region>` (`sso/2019-06-10/endpoint-rule-set-1.json`); GovCloud's FIPS
    /// endpoint is its standard one.
    private static func ssoPortalURL(region: String, partition: AWSPartition, useFIPS: Bool, useDualStack: Bool) -> String {
        switch (useFIPS, useDualStack) {
        case (true, true): return "https://portal.sso-fips.\(region).\(partition.dualStackDNSSuffix)"
        case (true, false):
            if partition.id == "aws-us-gov" { return "https://portal.sso.\(region).amazonaws.com" }
            return "https://portal.sso-fips.\(region).\(partition.dnsSuffix)"
        case (false, true): return "https://portal.sso.\(region).\(partition.dualStackDNSSuffix)"
        case (false, false): return "https://portal.sso.\(region).\(partition.dnsSuffix)"
        }
    }
}
