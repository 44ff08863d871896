import AWSCore
import Foundation

extension KMS {
    /// ListGrants input (paginated by `Marker`).
    public struct ListGrantsInput: AWSJSONInput, Hashable {
        /// `ListGrants`.
        public static let operation = "ListGrants"
        /// `Limit` (1–100).
        public var limit: Int?
        /// `Marker`: the `NextMarker` of the previous page.
        public var marker: String?
        /// `KeyId`.
        public var keyId: String
        /// `GrantId`.
        public var grantId: String?
        /// `GranteePrincipal`.
        public var granteePrincipal: String?

        /// Creates the input.
        public init(
            keyId: String, limit: Int? = nil, marker: String? = nil, grantId: String? = nil,
            granteePrincipal: String? = nil
        ) {
            self.limit = limit
            self.marker = marker
            self.keyId = keyId
            self.grantId = grantId
            self.granteePrincipal = granteePrincipal
        }

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case limit = "Limit"
            case marker = "Marker"
            case keyId = "KeyId"
            case grantId = "GrantId"
            case granteePrincipal = "GranteePrincipal"
        }
    }

    /// One grant (`GrantListEntry`).
    public struct GrantListEntry: Sendable, Hashable, Decodable {
        /// `KeyId`.
        public var keyId: String?
        /// `GrantId`.
        public var grantId: String?
        /// `Name`.
        public var name: String?
        /// `CreationDate`.
        public var creationDate: Date?
        /// `GranteePrincipal`.
        public var granteePrincipal: String?
        /// `RetiringPrincipal`.
        public var retiringPrincipal: String?
        /// `IssuingAccount`.
        public var issuingAccount: String?
        /// `Operations` (`Decrypt`, `CreateGrant`, …).
        public var operations: [String]?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case keyId = "KeyId"
            case grantId = "GrantId"
            case name = "Name"
            case creationDate = "CreationDate"
            case granteePrincipal = "GranteePrincipal"
            case retiringPrincipal = "RetiringPrincipal"
            case issuingAccount = "IssuingAccount"
            case operations = "Operations"
        }
    }

    /// ListGrants output: one page.
    public struct ListGrantsOutput: Sendable, Hashable, Decodable {
        /// `Grants`.
        public var grants: [GrantListEntry]
        /// `NextMarker`.
        public var nextMarker: String?
        /// `Truncated`: more pages follow.
        public var truncated: Bool?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case grants = "Grants"
            case nextMarker = "NextMarker"
            case truncated = "Truncated"
        }
    }

    /// ListGrants: read-only, one page.
    public static func listGrants(_ input: ListGrantsInput) throws -> AWSOperation<ListGrantsOutput> {
        try .json(.kms, service: service, input, idempotency: .readOnly)
    }
}
