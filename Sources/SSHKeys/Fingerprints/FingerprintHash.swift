import Crypto

/// A digest algorithm a fingerprint may use.
public enum FingerprintHash: String, Sendable, Hashable, CaseIterable {
    /// MD5 (16 bytes): ssh-keygen `-E md5`, RFC 4716 §4, PuTTY ≤ 0.74, cloud-init < 20.1, AWS imported RSA.
    case md5
    /// SHA-1 (20 bytes): cloud-init `authkey_hash: sha1`, AWS-created RSA.
    case sha1
    /// SHA-256 (32 bytes): the modern default everywhere.
    case sha256
    /// SHA-512 (64 bytes): cloud-init `authkey_hash: sha512`.
    case sha512

    /// Digest length in bytes.
    public var byteCount: Int {
        switch self {
        case .md5: 16
        case .sha1: 20
        case .sha256: 32
        case .sha512: 64
        }
    }

    /// The hash with this digest length, if exactly one has it.
    init?(byteCount: Int) {
        guard let hash = Self.allCases.first(where: { $0.byteCount == byteCount }) else { return nil }
        self = hash
    }

    /// Hashes bytes.
    func digest(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .md5: Array(Insecure.MD5.hash(data: bytes))
        case .sha1: Array(Insecure.SHA1.hash(data: bytes))
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha512: Array(SHA512.hash(data: bytes))
        }
    }
}

/// Renderings of digests as the tools users know print them.
enum DigestText {
    /// Lowercase hex pairs joined by `:` (ssh-keygen MD5 body, cloud-init, AWS RSA).
    static func colonHex(_ digest: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 3)
        for (index, pair) in Hex.encode(digest).utf8.enumerated() {
            if index > 0, index % 2 == 0 { out.append(UInt8(ascii: ":")) }
            out.append(pair)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 as ssh-keygen prints it: no `=` padding.
    static func unpaddedBase64(_ digest: [UInt8]) -> String {
        var text = Base64.encode(digest)
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
