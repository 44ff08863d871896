import AWSCore

extension EC2 {
    /// DescribeSecurityGroups input (paginated by `NextToken`, botocore `paginators-1.json`).
    public struct DescribeSecurityGroupsInput: AWSQueryInput, Hashable {
        /// `DescribeSecurityGroups`.
        public static let action = "DescribeSecurityGroups"
        /// `GroupId.N`.
        public var groupIds: [String]
        /// `GroupName.N` (default VPC only).
        public var groupNames: [String]
        /// `NextToken`.
        public var nextToken: String?
        /// `MaxResults` (5–1000; not allowed together with group IDs).
        public var maxResults: Int?
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Filter.N` (`group-id`, `group-name`, `vpc-id`, `ip-permission.from-port`, `tag:<key>`, …).
        public var filters: [Filter]

        /// Creates the input.
        public init(
            groupIds: [String] = [], groupNames: [String] = [], filters: [Filter] = [], nextToken: String? = nil,
            maxResults: Int? = nil, dryRun: Bool? = nil
        ) {
            self.groupIds = groupIds
            self.groupNames = groupNames
            self.nextToken = nextToken
            self.maxResults = maxResults
            self.dryRun = dryRun
            self.filters = filters
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addList("GroupId", groupIds)
            parameters.addList("GroupName", groupNames)
            parameters.add("NextToken", nextToken)
            parameters.add("MaxResults", maxResults)
            parameters.add("DryRun", dryRun)
            parameters.addFilters(filters)
        }
    }

    /// One rule of a security group (`<ipPermissions><item>`): which protocol and ports, from where.
    public struct IpPermission: Sendable, Hashable, XMLDecodable {
        /// `ipProtocol`: `tcp`, `udp`, `icmp`, a protocol number, or `-1` for all.
        public var ipProtocol: String
        /// `fromPort` (nil for all ports).
        public var fromPort: Int?
        /// `toPort`.
        public var toPort: Int?
        /// `ipRanges/item/cidrIp`: IPv4 sources (or destinations for egress).
        public var ipv4Ranges: [String]
        /// `ipv6Ranges/item/cidrIpv6`.
        public var ipv6Ranges: [String]
        /// `groups/item/groupId`: security groups allowed as sources.
        public var groupIds: [String]
        /// `prefixListIds/item/prefixListId`.
        public var prefixListIds: [String]

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            ipProtocol = try node.decode("ipProtocol")
            fromPort = try node.decodeIfPresent("fromPort")
            toPort = try node.decodeIfPresent("toPort")
            ipv4Ranges = try node.items("ipRanges").compactMap { try $0.decodeIfPresent("cidrIp") }
            ipv6Ranges = try node.items("ipv6Ranges").compactMap { try $0.decodeIfPresent("cidrIpv6") }
            groupIds = try node.items("groups").compactMap { try $0.decodeIfPresent("groupId") }
            prefixListIds = try node.items("prefixListIds").compactMap { try $0.decodeIfPresent("prefixListId") }
        }
    }

    /// One security group (`<securityGroupInfo><item>`).
    public struct SecurityGroup: Sendable, Hashable, XMLDecodable {
        /// `groupId`.
        public var groupId: String
        /// `groupName`.
        public var groupName: String?
        /// `groupDescription`.
        public var description: String?
        /// `vpcId`.
        public var vpcId: String?
        /// `ownerId`.
        public var ownerId: String?
        /// `ipPermissions`: inbound rules.
        public var ingress: [IpPermission]
        /// `ipPermissionsEgress`: outbound rules.
        public var egress: [IpPermission]
        /// `tagSet`.
        public var tags: [Tag]

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            groupId = try node.decode("groupId")
            groupName = try node.decodeIfPresent("groupName")
            description = try node.decodeIfPresent("groupDescription")
            vpcId = try node.decodeIfPresent("vpcId")
            ownerId = try node.decodeIfPresent("ownerId")
            ingress = try node.decodeItems("ipPermissions")
            egress = try node.decodeItems("ipPermissionsEgress")
            tags = try node.decodeItems("tagSet")
        }
    }

    /// DescribeSecurityGroups output: one page.
    public struct DescribeSecurityGroupsOutput: Sendable, Hashable, XMLDecodable {
        /// `securityGroupInfo`.
        public var securityGroups: [SecurityGroup]
        /// `nextToken`; nil or empty on the last page.
        public var nextToken: String?

        /// Reads `<securityGroupInfo>` and `<nextToken>`.
        public init(xml node: XMLNode) throws {
            securityGroups = try node.decodeItems("securityGroupInfo")
            nextToken = try node.decodeIfPresent("nextToken")
        }
    }

    /// DescribeSecurityGroups: read-only, one page.
    public static func describeSecurityGroups(
        _ input: DescribeSecurityGroupsInput
    ) -> AWSOperation<DescribeSecurityGroupsOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// Every page of DescribeSecurityGroups, each request sent by `send` with the previous page's `nextToken`.
    public static func describeSecurityGroupsPages(
        _ input: DescribeSecurityGroupsInput,
        send: @escaping @Sendable (AWSOperation<DescribeSecurityGroupsOutput>) async throws
            -> DescribeSecurityGroupsOutput
    ) -> Paginator<DescribeSecurityGroupsOutput> {
        Paginator(startingToken: input.nextToken) { token in
            var page = input
            page.nextToken = token
            let output = try await send(describeSecurityGroups(page))
            return (output, output.nextToken)
        }
    }
}
