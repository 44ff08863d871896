/// An OpenSSH certificate (PROTOCOL.certkeys): a plain key signed by a CA, with validity and principals.
public struct SSHCertificate: Sendable, Hashable {
    static let suffix = "-cert-v01@openssh.com"

    /// Whether the certificate identifies a user or a host.
    public enum Kind: Sendable, Hashable {
        /// SSH2_CERT_TYPE_USER (1).
        case user
        /// SSH2_CERT_TYPE_HOST (2).
        case host
        /// Any other value, kept as found.
        case other(UInt32)
    }

    /// The certified key without its wrapper.
    public let plainKey: SSHPublicKey
    /// The CA-assigned serial number.
    public let serial: UInt64
    /// User or host certificate.
    public let kind: Kind
    /// The free-form key identifier the CA logged.
    public let keyID: String
    /// The users or hosts the certificate is valid for; empty means any.
    public let principals: [String]
    /// Start of validity, seconds since 1970.
    public let validAfter: UInt64
    /// End of validity, seconds since 1970 (`UInt64.max` means forever).
    public let validBefore: UInt64
    /// The CA key that signed it.
    public let signatureKey: SSHPublicKey

    /// Parses the fields after the algorithm name (PROTOCOL.certkeys "ssh-*-cert-v01@openssh.com").
    init(algorithm: String, reader: inout SSHWireReader) throws(SSHKeyError) {
        let plainAlgorithm = String(algorithm.dropLast(Self.suffix.count))
        _ = try reader.readString(field: "certificate nonce")
        let backing = try SSHPublicKey.readFields(algorithm: plainAlgorithm, reader: &reader)
        if case .unknown = backing {
            throw .unsupported("certificate for unknown key type \(plainAlgorithm)")
        }
        plainKey = SSHPublicKey(algorithm: plainAlgorithm, backing: backing)
        serial = try reader.readUInt64(field: "certificate serial")
        kind = switch try reader.readUInt32(field: "certificate type") {
        case 1: .user
        case 2: .host
        case let other: .other(other)
        }
        keyID = try reader.readUTF8(field: "certificate key id")
        var principalReader = SSHWireReader(try reader.readString(field: "certificate principals"))
        var names: [String] = []
        while !principalReader.isAtEnd { names.append(try principalReader.readUTF8(field: "certificate principal")) }
        principals = names
        validAfter = try reader.readUInt64(field: "certificate valid-after")
        validBefore = try reader.readUInt64(field: "certificate valid-before")
        _ = try reader.readString(field: "certificate critical options")
        _ = try reader.readString(field: "certificate extensions")
        _ = try reader.readString(field: "certificate reserved")
        signatureKey = try SSHPublicKey(wireRepresentation: try reader.readString(field: "certificate signature key"))
        _ = try reader.readString(field: "certificate signature")
    }
}
