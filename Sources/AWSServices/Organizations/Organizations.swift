import AWSCore

/// AWS Organizations (`organizations/2016-11-28`, JSON 1.1): which organization an account belongs to.
public enum Organizations {
    /// The service identity every Organizations operation is addressed to.
    public static let service = AWSServiceID.organizations

    /// DescribeOrganization input: no parameters (body `{}`).
    public struct DescribeOrganizationInput: AWSJSONInput, Hashable {
        /// `DescribeOrganization`.
        public static let operation = "DescribeOrganization"

        /// Creates the input.
        public init() {}
    }

    /// An organization (`Organization`).
    public struct Organization: Sendable, Hashable, Decodable {
        /// `Id` (`o-…`).
        public var id: String
        /// `Arn`: the `OrganizationArn` a launch permission names.
        public var arn: String?
        /// `FeatureSet` (`ALL`, `CONSOLIDATED_BILLING`).
        public var featureSet: String?
        /// `MasterAccountArn`.
        public var masterAccountArn: String?
        /// `MasterAccountId`.
        public var masterAccountId: String?
        /// `MasterAccountEmail`.
        public var masterAccountEmail: String?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case id = "Id", arn = "Arn", featureSet = "FeatureSet", masterAccountArn = "MasterAccountArn"
            case masterAccountId = "MasterAccountId", masterAccountEmail = "MasterAccountEmail"
        }
    }

    /// DescribeOrganization output.
    public struct DescribeOrganizationOutput: Sendable, Hashable, Decodable {
        /// `Organization`.
        public var organization: Organization

        /// The wire names.
        enum CodingKeys: String, CodingKey { case organization = "Organization" }
    }

    /// DescribeOrganization: read-only.
    public static func describeOrganization(
        _ input: DescribeOrganizationInput = DescribeOrganizationInput()
    ) throws -> AWSOperation<DescribeOrganizationOutput> {
        try .json(.organizations, service: service, input, idempotency: .readOnly)
    }
}
