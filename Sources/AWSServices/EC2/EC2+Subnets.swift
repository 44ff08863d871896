import AWSCore

extension EC2 {
    /// DescribeSubnets input (paginated by `NextToken`, botocore `paginators-1.json`).
    public struct DescribeSubnetsInput: AWSQueryInput, Hashable {
        /// `DescribeSubnets`.
        public static let action = "DescribeSubnets"
        /// `Filter.N` (`vpc-id`, `availability-zone`, `default-for-az`, `tag:<key>`, …).
        public var filters: [Filter]
        /// `SubnetId.N`.
        public var subnetIds: [String]
        /// `NextToken`.
        public var nextToken: String?
        /// `MaxResults` (5–1000).
        public var maxResults: Int?
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input.
        public init(
            subnetIds: [String] = [], filters: [Filter] = [], nextToken: String? = nil, maxResults: Int? = nil,
            dryRun: Bool? = nil
        ) {
            self.filters = filters
            self.subnetIds = subnetIds
            self.nextToken = nextToken
            self.maxResults = maxResults
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addFilters(filters)
            parameters.addList("SubnetId", subnetIds)
            parameters.add("NextToken", nextToken)
            parameters.add("MaxResults", maxResults)
            parameters.add("DryRun", dryRun)
        }
    }

    /// One subnet (`<subnetSet><item>`).
    public struct Subnet: Sendable, Hashable, XMLDecodable {
        /// `subnetId`.
        public var subnetId: String
        /// `vpcId`.
        public var vpcId: String?
        /// `state` (`pending`, `available`, …).
        public var state: String?
        /// `cidrBlock`.
        public var cidrBlock: String?
        /// `availabilityZone`.
        public var availabilityZone: String?
        /// `availabilityZoneId`.
        public var availabilityZoneId: String?
        /// `availableIpAddressCount`.
        public var availableIpAddressCount: Int?
        /// `defaultForAz`.
        public var defaultForAz: Bool?
        /// `mapPublicIpOnLaunch`: instances launched here get a public IPv4 address.
        public var mapPublicIpOnLaunch: Bool?
        /// `ownerId`.
        public var ownerId: String?
        /// `tagSet`.
        public var tags: [Tag]

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            subnetId = try node.decode("subnetId")
            vpcId = try node.decodeIfPresent("vpcId")
            state = try node.decodeIfPresent("state")
            cidrBlock = try node.decodeIfPresent("cidrBlock")
            availabilityZone = try node.decodeIfPresent("availabilityZone")
            availabilityZoneId = try node.decodeIfPresent("availabilityZoneId")
            availableIpAddressCount = try node.decodeIfPresent("availableIpAddressCount")
            defaultForAz = try node.decodeIfPresent("defaultForAz")
            mapPublicIpOnLaunch = try node.decodeIfPresent("mapPublicIpOnLaunch")
            ownerId = try node.decodeIfPresent("ownerId")
            tags = try node.decodeItems("tagSet")
        }
    }

    /// DescribeSubnets output: one page.
    public struct DescribeSubnetsOutput: Sendable, Hashable, XMLDecodable {
        /// `subnetSet`.
        public var subnets: [Subnet]
        /// `nextToken`; nil or empty on the last page.
        public var nextToken: String?

        /// Reads `<subnetSet>` and `<nextToken>`.
        public init(xml node: XMLNode) throws {
            subnets = try node.decodeItems("subnetSet")
            nextToken = try node.decodeIfPresent("nextToken")
        }
    }

    /// DescribeSubnets: read-only, one page.
    public static func describeSubnets(_ input: DescribeSubnetsInput) -> AWSOperation<DescribeSubnetsOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// Every page of DescribeSubnets, each request sent by `send` with the previous page's `nextToken`.
    public static func describeSubnetsPages(
        _ input: DescribeSubnetsInput,
        send: @escaping @Sendable (AWSOperation<DescribeSubnetsOutput>) async throws -> DescribeSubnetsOutput
    ) -> Paginator<DescribeSubnetsOutput> {
        Paginator(startingToken: input.nextToken) { token in
            var page = input
            page.nextToken = token
            let output = try await send(describeSubnets(page))
            return (output, output.nextToken)
        }
    }
}
