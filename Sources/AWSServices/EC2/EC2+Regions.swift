import AWSCore

extension EC2 {
    /// DescribeRegions input.
    public struct DescribeRegionsInput: AWSQueryInput, Hashable {
        /// `DescribeRegions`.
        public static let action = "DescribeRegions"
        /// `RegionName.N`.
        public var regionNames: [String]
        /// `AllRegions`: include Regions the account has not opted in to.
        public var allRegions: Bool?
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Filter.N` (`endpoint`, `opt-in-status`, `region-name`).
        public var filters: [Filter]

        /// Creates the input.
        public init(regionNames: [String] = [], allRegions: Bool? = nil, filters: [Filter] = [], dryRun: Bool? = nil) {
            self.regionNames = regionNames
            self.allRegions = allRegions
            self.dryRun = dryRun
            self.filters = filters
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addList("RegionName", regionNames)
            parameters.add("AllRegions", allRegions)
            parameters.add("DryRun", dryRun)
            parameters.addFilters(filters)
        }
    }

    /// One Region (`<regionInfo><item>`).
    public struct Region: Sendable, Hashable, XMLDecodable {
        /// `regionName`.
        public var regionName: String
        /// `regionEndpoint`.
        public var endpoint: String?
        /// `optInStatus` (`opt-in-not-required`, `opted-in`, `not-opted-in`).
        public var optInStatus: String?

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            regionName = try node.decode("regionName")
            endpoint = try node.decodeIfPresent("regionEndpoint")
            optInStatus = try node.decodeIfPresent("optInStatus")
        }
    }

    /// DescribeRegions output.
    public struct DescribeRegionsOutput: Sendable, Hashable, XMLDecodable {
        /// `regionInfo`.
        public var regions: [Region]

        /// Reads `<regionInfo>`.
        public init(xml node: XMLNode) throws {
            regions = try node.decodeItems("regionInfo")
        }
    }

    /// DescribeRegions: read-only.
    public static func describeRegions(_ input: DescribeRegionsInput) -> AWSOperation<DescribeRegionsOutput> {
        operation(input, idempotency: .readOnly)
    }
}
