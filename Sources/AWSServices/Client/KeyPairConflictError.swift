import AWSCore

/// A key pair of the requested name already exists with a different public key: nothing was imported and the
/// existing key pair was left alone (DESIGN.md: an existing key pair is never overwritten).
public struct KeyPairConflictError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name asked for.
    public let keyName: String
    /// The public key that was to be imported, as given.
    public let requestedPublicKey: String
    /// The key pair found under that name: its `publicKey`, `keyFingerprint` (AWS's spelling), id and type.
    public let existing: EC2.KeyPairInfo
    /// EC2's `InvalidKeyPair.Duplicate` answer, when that is how the conflict showed (nil when a reconcile step
    /// after an ambiguous failure found it).
    public let duplicate: AWSServiceError?

    /// Creates the error.
    public init(keyName: String, requestedPublicKey: String, existing: EC2.KeyPairInfo, duplicate: AWSServiceError?) {
        self.keyName = keyName
        self.requestedPublicKey = requestedPublicKey
        self.existing = existing
        self.duplicate = duplicate
    }

    /// One line for users and logs (public keys and fingerprints only; nothing secret).
    public var description: String {
        let fingerprint = existing.keyFingerprint.map { " (fingerprint \($0))" } ?? ""
        return "key pair '\(keyName)' already exists with a different public key\(fingerprint); it was left unchanged"
    }
}
