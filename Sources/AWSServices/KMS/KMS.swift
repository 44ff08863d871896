import AWSCore
import Foundation

/// AWS KMS (`kms/2014-11-01`, JSON 1.1): the key questions behind sharing encrypted AMIs.
public enum KMS {
    /// The service identity every KMS operation is addressed to.
    public static let service = AWSServiceID.kms

    /// DescribeKey input.
    public struct DescribeKeyInput: AWSJSONInput, Hashable {
        /// `DescribeKey`.
        public static let operation = "DescribeKey"
        /// `KeyId`: key ID, key ARN, alias name or alias ARN.
        public var keyId: String

        /// Creates the input.
        public init(keyId: String) { self.keyId = keyId }

        /// The wire names.
        enum CodingKeys: String, CodingKey { case keyId = "KeyId" }
    }

    /// A key's metadata (`KeyMetadata`), the fields amikey reads.
    public struct KeyMetadata: Sendable, Hashable, Decodable {
        /// `KeyId`.
        public var keyId: String
        /// `Arn`.
        public var arn: String?
        /// `AWSAccountId`.
        public var awsAccountId: String?
        /// `KeyManager`: `AWS` (not shareable across accounts) or `CUSTOMER`.
        public var keyManager: String?
        /// `KeyState` (`Enabled`, `Disabled`, `PendingDeletion`, …).
        public var keyState: String?
        /// `Enabled`.
        public var enabled: Bool?
        /// `KeyUsage`.
        public var keyUsage: String?
        /// `Description`.
        public var description: String?
        /// `CreationDate`.
        public var creationDate: Date?

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case keyId = "KeyId", arn = "Arn", awsAccountId = "AWSAccountId", keyManager = "KeyManager"
            case keyState = "KeyState", enabled = "Enabled", keyUsage = "KeyUsage", description = "Description"
            case creationDate = "CreationDate"
        }
    }

    /// DescribeKey output.
    public struct DescribeKeyOutput: Sendable, Hashable, Decodable {
        /// `KeyMetadata`.
        public var keyMetadata: KeyMetadata

        /// The wire names.
        enum CodingKeys: String, CodingKey { case keyMetadata = "KeyMetadata" }
    }

    /// DescribeKey: read-only.
    public static func describeKey(_ input: DescribeKeyInput) throws -> AWSOperation<DescribeKeyOutput> {
        try .json(.kms, service: service, input, idempotency: .readOnly)
    }

    /// GetKeyPolicy input.
    public struct GetKeyPolicyInput: AWSJSONInput, Hashable {
        /// `GetKeyPolicy`.
        public static let operation = "GetKeyPolicy"
        /// `KeyId`: key ID or key ARN.
        public var keyId: String
        /// `PolicyName`, `default` when nil.
        public var policyName: String?

        /// Creates the input.
        public init(keyId: String, policyName: String? = nil) {
            self.keyId = keyId
            self.policyName = policyName
        }

        /// The wire names.
        enum CodingKeys: String, CodingKey { case keyId = "KeyId", policyName = "PolicyName" }
    }

    /// GetKeyPolicy output.
    public struct GetKeyPolicyOutput: Sendable, Hashable, Decodable {
        /// `Policy`: the key policy document (JSON text).
        public var policy: String
        /// `PolicyName`.
        public var policyName: String?

        /// The wire names.
        enum CodingKeys: String, CodingKey { case policy = "Policy", policyName = "PolicyName" }
    }

    /// GetKeyPolicy: read-only.
    public static func getKeyPolicy(_ input: GetKeyPolicyInput) throws -> AWSOperation<GetKeyPolicyOutput> {
        try .json(.kms, service: service, input, idempotency: .readOnly)
    }
}
