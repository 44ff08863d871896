/// A NIST curve used by `ecdsa-sha2-*` keys.
public enum ECCurve: String, Sendable, Hashable, CaseIterable {
    /// P-256, `nistp256`.
    case nistp256
    /// P-384, `nistp384`.
    case nistp384
    /// P-521, `nistp521`.
    case nistp521

    /// The size in bits, as `ssh-keygen -l` prints it.
    public var bits: Int {
        switch self {
        case .nistp256: 256
        case .nistp384: 384
        case .nistp521: 521
        }
    }

    /// The SSH algorithm name for this curve (RFC 5656 §6.2).
    public var algorithm: String { "ecdsa-sha2-\(rawValue)" }

    /// Length of the private scalar in bytes.
    var scalarLength: Int { (bits + 7) / 8 }

    /// Length of the uncompressed SEC1 point `04‖X‖Y`.
    var pointLength: Int { 1 + 2 * scalarLength }

    /// DER content bytes of the curve's object identifier (RFC 5480 §2.1.1.1).
    var oidContent: [UInt8] {
        switch self {
        case .nistp256: [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]  // 1.2.840.10045.3.1.7
        case .nistp384: [0x2B, 0x81, 0x04, 0x00, 0x22]  // 1.3.132.0.34
        case .nistp521: [0x2B, 0x81, 0x04, 0x00, 0x23]  // 1.3.132.0.35
        }
    }

    /// The curve whose OID content bytes these are.
    init?(oidContent: some Sequence<UInt8>) {
        let bytes = Array(oidContent)
        guard let curve = ECCurve.allCases.first(where: { $0.oidContent == bytes }) else { return nil }
        self = curve
    }
}
