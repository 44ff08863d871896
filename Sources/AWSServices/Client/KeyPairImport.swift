/// How ``AWSServiceClient/importKeyPair(_:isolation:)`` ended: the key pair is now in the account and Region,
/// holding the public key asked for.
public enum KeyPairImport: Sendable, Hashable {
    /// This call imported it (or, after an ambiguous failure, found its own import done).
    case imported(EC2.ImportKeyPairOutput)
    /// A key pair of that name already held the same public key (EC2 said `InvalidKeyPair.Duplicate`).
    case alreadyPresent(EC2.KeyPairInfo)

    /// The key pair's name.
    public var keyName: String {
        switch self {
        case .imported(let output): output.keyName
        case .alreadyPresent(let info): info.keyName
        }
    }

    /// The key pair's id, when EC2 reported one.
    public var keyPairId: String? {
        switch self {
        case .imported(let output): output.keyPairId
        case .alreadyPresent(let info): info.keyPairId
        }
    }

    /// The fingerprint EC2 shows for the key pair.
    public var keyFingerprint: String? {
        switch self {
        case .imported(let output): output.keyFingerprint
        case .alreadyPresent(let info): info.keyFingerprint
        }
    }
}
