import AWSCore

extension KMS {
    /// CreateGrant input: lets another principal (an account's root, an EC2 service role) use the key.
    public struct CreateGrantInput: AWSJSONInput, Hashable {
        /// `CreateGrant`.
        public static let operation = "CreateGrant"
        /// `KeyId`.
        public var keyId: String
        /// `GranteePrincipal`.
        public var granteePrincipal: String
        /// `RetiringPrincipal`.
        public var retiringPrincipal: String?
        /// `Operations` (`Decrypt`, `ReEncryptFrom`, `CreateGrant`, …).
        public var operations: [String]
        /// `Name`: a repeated request with the same name and parameters returns the same grant.
        public var name: String?

        /// Creates the input.
        public init(
            keyId: String, granteePrincipal: String, operations: [String], retiringPrincipal: String? = nil,
            name: String? = nil
        ) {
            self.keyId = keyId
            self.granteePrincipal = granteePrincipal
            self.retiringPrincipal = retiringPrincipal
            self.operations = operations
            self.name = name
        }

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case keyId = "KeyId"
            case granteePrincipal = "GranteePrincipal"
            case retiringPrincipal = "RetiringPrincipal"
            case operations = "Operations"
            case name = "Name"
        }
    }

    /// CreateGrant output.
    public struct CreateGrantOutput: Sendable, Hashable, Decodable {
        /// `GrantToken`.
        public var grantToken: String?
        /// `GrantId`.
        public var grantId: String?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case grantToken = "GrantToken"
            case grantId = "GrantId"
        }
    }

    /// CreateGrant: mutating without a client token (only a `Name` makes repeats converge), so `notIdempotent`.
    public static func createGrant(_ input: CreateGrantInput) throws -> AWSOperation<CreateGrantOutput> {
        try .json(.kms, service: service, input, idempotency: .notIdempotent)
    }
}
