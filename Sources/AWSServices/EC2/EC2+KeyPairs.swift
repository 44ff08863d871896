import AWSCore
import Foundation

extension EC2 {
    /// DescribeKeyPairs input (not paginated).
    public struct DescribeKeyPairsInput: AWSQueryInput, Hashable {
        /// `DescribeKeyPairs`.
        public static let action = "DescribeKeyPairs"
        /// `KeyName.N`.
        public var keyNames: [String]
        /// `KeyPairId.N`.
        public var keyPairIds: [String]
        /// `IncludePublicKey`: return each key's OpenSSH public key.
        public var includePublicKey: Bool?
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Filter.N` (`key-pair-id`, `fingerprint`, `key-name`, `tag-key`, `tag:<key>`).
        public var filters: [Filter]

        /// Creates the input; empty lists are left off the wire.
        public init(
            keyNames: [String] = [], keyPairIds: [String] = [], includePublicKey: Bool? = nil, dryRun: Bool? = nil,
            filters: [Filter] = []
        ) {
            self.keyNames = keyNames
            self.keyPairIds = keyPairIds
            self.includePublicKey = includePublicKey
            self.dryRun = dryRun
            self.filters = filters
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addList("KeyName", keyNames)
            parameters.addList("KeyPairId", keyPairIds)
            parameters.add("IncludePublicKey", includePublicKey)
            parameters.add("DryRun", dryRun)
            parameters.addFilters(filters)
        }
    }

    /// One key pair (`<keySet><item>`).
    public struct KeyPairInfo: Sendable, Hashable, XMLDecodable {
        /// `keyPairId`.
        public var keyPairId: String?
        /// `keyType`: `rsa` or `ed25519`.
        public var keyType: String?
        /// `tagSet`.
        public var tags: [Tag]
        /// `publicKey`: the OpenSSH one-line public key, only with `IncludePublicKey`.
        public var publicKey: String?
        /// `createTime`.
        public var createTime: Date?
        /// `keyName`.
        public var keyName: String
        /// `keyFingerprint` in AWS's spelling (MD5 of SPKI for imported RSA, SHA-1 of PKCS#8 for created RSA, base64 SHA-256 for Ed25519).
        public var keyFingerprint: String?

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            keyPairId = try node.decodeIfPresent("keyPairId")
            keyType = try node.decodeIfPresent("keyType")
            tags = try node.decodeItems("tagSet")
            publicKey = try node.decodeIfPresent("publicKey")
            createTime = try node.decodeIfPresent("createTime")
            keyName = try node.decode("keyName")
            keyFingerprint = try node.decodeIfPresent("keyFingerprint")
        }
    }

    /// DescribeKeyPairs output.
    public struct DescribeKeyPairsOutput: Sendable, Hashable, XMLDecodable {
        /// `keySet`, empty when none match.
        public var keyPairs: [KeyPairInfo]

        /// Reads `<keySet>`.
        public init(xml node: XMLNode) throws {
            keyPairs = try node.decodeItems("keySet")
        }
    }

    /// ImportKeyPair input. Has no ClientToken: never repeated blindly after an ambiguous failure.
    public struct ImportKeyPairInput: AWSQueryInput, Hashable {
        /// `ImportKeyPair`.
        public static let action = "ImportKeyPair"
        /// `TagSpecification.N` (resource type `key-pair`).
        public var tagSpecifications: [TagSpecification]
        /// `DryRun`.
        public var dryRun: Bool?
        /// `KeyName`.
        public var keyName: String
        /// The public key file's bytes (an OpenSSH line, RFC 4716, or base64 DER); sent base64-encoded as
        /// `PublicKeyMaterial`. Public material only: never pass a private key.
        public var publicKeyMaterial: [UInt8]

        /// Creates the input.
        public init(
            keyName: String, publicKeyMaterial: [UInt8], tagSpecifications: [TagSpecification] = [],
            dryRun: Bool? = nil
        ) {
            self.tagSpecifications = tagSpecifications
            self.dryRun = dryRun
            self.keyName = keyName
            self.publicKeyMaterial = publicKeyMaterial
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addTagSpecifications(tagSpecifications)
            parameters.add("DryRun", dryRun)
            parameters.add("KeyName", keyName)
            parameters.addBlob("PublicKeyMaterial", publicKeyMaterial)
        }
    }

    /// ImportKeyPair output.
    public struct ImportKeyPairOutput: Sendable, Hashable, XMLDecodable {
        /// `keyFingerprint` as AWS computes it for imported keys.
        public var keyFingerprint: String?
        /// `keyName`.
        public var keyName: String
        /// `keyPairId`.
        public var keyPairId: String?
        /// `tagSet`.
        public var tags: [Tag]

        /// An output from its fields (a reconcile step reports a key pair it found this way).
        public init(keyName: String, keyPairId: String? = nil, keyFingerprint: String? = nil, tags: [Tag] = []) {
            self.keyName = keyName
            self.keyPairId = keyPairId
            self.keyFingerprint = keyFingerprint
            self.tags = tags
        }

        /// Reads the response fields.
        public init(xml node: XMLNode) throws {
            keyFingerprint = try node.decodeIfPresent("keyFingerprint")
            keyName = try node.decode("keyName")
            keyPairId = try node.decodeIfPresent("keyPairId")
            tags = try node.decodeItems("tagSet")
        }
    }

    /// DescribeKeyPairs: read-only.
    public static func describeKeyPairs(_ input: DescribeKeyPairsInput) -> AWSOperation<DescribeKeyPairsOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// ImportKeyPair: mutating, no idempotency token.
    public static func importKeyPair(_ input: ImportKeyPairInput) -> AWSOperation<ImportKeyPairOutput> {
        operation(input, idempotency: .notIdempotent)
    }
}
