import AWSCore

extension EC2 {
    /// CreateKeyPair input: AWS makes the key and returns its private key once. Has no ClientToken.
    public struct CreateKeyPairInput: AWSQueryInput, Hashable {
        /// `CreateKeyPair`.
        public static let action = "CreateKeyPair"
        /// `KeyName`.
        public var keyName: String
        /// `KeyType` (`rsa`, `ed25519`).
        public var keyType: String?
        /// `TagSpecification.N` (`key-pair`).
        public var tagSpecifications: [TagSpecification]
        /// `KeyFormat` (`pem`, `ppk`).
        public var keyFormat: String?
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input.
        public init(
            keyName: String, keyType: String? = nil, keyFormat: String? = nil, tagSpecifications: [TagSpecification] = [],
            dryRun: Bool? = nil
        ) {
            self.keyName = keyName
            self.keyType = keyType
            self.tagSpecifications = tagSpecifications
            self.keyFormat = keyFormat
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("KeyName", keyName)
            parameters.add("KeyType", keyType)
            parameters.addTagSpecifications(tagSpecifications)
            parameters.add("KeyFormat", keyFormat)
            parameters.add("DryRun", dryRun)
        }
    }

    /// CreateKeyPair output. `keyMaterial` is the new private key: its descriptions never show it.
    public struct CreateKeyPairOutput: Sendable, Hashable, XMLDecodable, CustomStringConvertible, CustomReflectable {
        /// `keyPairId`.
        public var keyPairId: String?
        /// `keyName`.
        public var keyName: String
        /// `keyFingerprint`, as AWS computes it for keys it created.
        public var keyFingerprint: String?
        /// `keyMaterial`: the private key (PEM or PPK), to be written 0600 and never printed.
        public var keyMaterial: String

        /// Reads the response fields.
        public init(xml node: XMLNode) throws {
            keyPairId = try node.decodeIfPresent("keyPairId")
            keyName = try node.decode("keyName")
            keyFingerprint = try node.decodeIfPresent("keyFingerprint")
            keyMaterial = try node.decode("keyMaterial")
        }

        /// Name, id and fingerprint only.
        public var description: String {
            "CreateKeyPairOutput(\(keyName), \(keyPairId ?? "no id"), \(keyFingerprint ?? "no fingerprint"))"
        }

        /// No key material in `dump` either.
        public var customMirror: Mirror { Mirror(self, children: ["summary": description]) }
    }

    /// CreateKeyPair: mutating, no idempotency token (a repeat fails with `InvalidKeyPair.Duplicate`).
    public static func createKeyPair(_ input: CreateKeyPairInput) -> AWSOperation<CreateKeyPairOutput> {
        operation(input, idempotency: .notIdempotent)
    }
}
