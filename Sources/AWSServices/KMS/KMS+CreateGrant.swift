import AWSCore
import Foundation

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
        /// `Name`: KMS's de-duplication key: "When this value is present, you can retry a CreateGrant request with
        /// identical parameters; if the grant already exists, the original GrantId is returned without creating a
        /// new grant" (API_CreateGrant.html). `nil` makes every repeat a new grant.
        public var name: String?

        /// Creates the input; `name` defaults to a fresh `amikey-<UUID>` so retries never grant twice (pass a
        /// journaled name to keep that across processes).
        public init(
            keyId: String, granteePrincipal: String, operations: [String], retiringPrincipal: String? = nil,
            name: String? = "amikey-" + UUID().uuidString.lowercased()
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

    /// CreateGrant: with a `Name` it behaves as a ClientToken call (`clientToken`); without one, `notIdempotent`.
    public static func createGrant(_ input: CreateGrantInput) throws -> AWSOperation<CreateGrantOutput> {
        try .json(.kms, service: service, input, idempotency: input.name == nil ? .notIdempotent : .clientToken)
    }
}
