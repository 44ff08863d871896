/// A fingerprint as a user pasted it, with every digest it could be.
///
/// A digest alone does not say what was hashed: 16 hex bytes are the MD5 of the SSH blob (ssh-keygen,
/// old PuTTY, old cloud-init) or of the SPKI DER (AWS imported RSA), so every reading is kept.
///
/// ## Usage
/// ```swift
/// let query = try FingerprintQuery("ssh-ed25519 255 SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk")
/// query.kinds            // [.sha256Blob]
/// query.matches(entry)   // [.sha256Blob] when `entry` holds that key
/// ```
public struct FingerprintQuery: Sendable, Hashable {
    /// What a digest was computed over, and with which hash.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// SHA-256 of the SSH wire blob: ssh-keygen, PuTTY ≥ 0.75, cloud-init ≥ 20.1, AWS Ed25519.
        case sha256Blob = "sha256-blob"
        /// MD5 of the SSH wire blob: ssh-keygen -E md5, PuTTY ≤ 0.74, cloud-init < 20.1.
        case md5Blob = "md5-blob"
        /// SHA-1 of the SSH wire blob: cloud-init with `authkey_hash: sha1`.
        case sha1Blob = "sha1-blob"
        /// SHA-512 of the SSH wire blob: cloud-init with `authkey_hash: sha512`.
        case sha512Blob = "sha512-blob"
        /// SHA-1 of the PKCS#8 DER private key: an RSA key pair AWS created.
        case sha1PKCS8 = "sha1-pkcs8"
        /// MD5 of the SubjectPublicKeyInfo DER: an RSA key pair imported into AWS.
        case md5SPKI = "md5-spki"

        /// What the digest is of, in words.
        public var explanation: String {
            switch self {
            case .sha256Blob: "SHA-256 of the public key (ssh-keygen, PuTTY 0.75+, cloud-init 20.1+, AWS Ed25519 key pairs)"
            case .md5Blob: "MD5 of the public key (ssh-keygen -E md5, PuTTY 0.74 and older, cloud-init before 20.1)"
            case .sha1Blob: "SHA-1 of the public key (cloud-init with authkey_hash: sha1)"
            case .sha512Blob: "SHA-512 of the public key (cloud-init with authkey_hash: sha512)"
            case .sha1PKCS8: "SHA-1 of the PKCS#8 private key (an RSA key pair created by AWS)"
            case .md5SPKI: "MD5 of the DER public key (an RSA key pair imported into AWS)"
            }
        }

        var hash: FingerprintHash {
            switch self {
            case .sha256Blob: .sha256
            case .md5Blob, .md5SPKI: .md5
            case .sha1Blob, .sha1PKCS8: .sha1
            case .sha512Blob: .sha512
            }
        }
    }

    /// The text as given.
    public let original: String
    /// The digest bytes.
    public let digest: [UInt8]
    /// Every reading of the digest, most likely first.
    public let kinds: [Kind]

    /// Recognises any spelling in key-formats.md §0 and §2: prefixes, key type and bits in front, case, padding.
    public init(_ text: String) throws(SSHKeyError) {
        original = text
        let tokens = text.split { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        for token in tokens {
            if let (digest, kinds) = Self.read(token) {
                self.digest = digest
                self.kinds = kinds
                return
            }
        }
        throw SSHKeyError(.unrecognizedFingerprint,
                          "\"\(text)\" is not a fingerprint amikey knows (SHA256:…, MD5:…, colon hex as AWS or cloud-init print it, or base64)")
    }

    private static func read(_ token: Substring) -> ([UInt8], [Kind])? {
        let lower = token.lowercased()
        for (prefix, hash) in [("sha256:", FingerprintHash.sha256), ("md5:", .md5), ("sha1:", .sha1), ("sha512:", .sha512)]
        where lower.hasPrefix(prefix) {
            let body = token.dropFirst(prefix.count)
            // ssh-keygen prints MD5 as hex and the others as base64; `-E` accepts either for any hash.
            guard let digest = hex(body) ?? Base64.decode(body), digest.count == hash.byteCount else { return nil }
            return (digest, [blobKind(hash)])
        }
        if let digest = hex(token) {
            switch digest.count {
            case 16: return (digest, [.md5Blob, .md5SPKI])
            case 20: return (digest, [.sha1PKCS8, .sha1Blob])
            case 32: return (digest, [.sha256Blob])
            case 64: return (digest, [.sha512Blob])
            default: return nil
            }
        }
        if token.count >= 40, let digest = Base64.decode(token), let hash = FingerprintHash(byteCount: digest.count) {
            return (digest, [blobKind(hash)])
        }
        return nil
    }

    private static func blobKind(_ hash: FingerprintHash) -> Kind {
        switch hash {
        case .md5: .md5Blob
        case .sha1: .sha1Blob
        case .sha256: .sha256Blob
        case .sha512: .sha512Blob
        }
    }

    /// Hex with or without colons, any case; nil unless every pair is hex.
    private static func hex(_ token: Substring) -> [UInt8]? {
        let compact = token.filter { $0 != ":" }
        guard compact.count >= 32, compact.count % 2 == 0, !token.hasPrefix(":"), !token.hasSuffix(":") else { return nil }
        if token.contains(":") {
            guard token.split(separator: ":", omittingEmptySubsequences: false).allSatisfy({ $0.count == 2 }) else { return nil }
        }
        return Hex.decode(compact)
    }

    /// The readings under which this key has this digest.
    public func matches(_ key: SSHPublicKey, privateKey: SSHPrivateKey? = nil) -> [Kind] {
        kinds.filter { kind in
            switch kind {
            case .sha256Blob, .md5Blob, .sha1Blob, .sha512Blob:
                return key.fingerprintDigest(kind.hash) == digest
            case .md5SPKI:
                guard case .rsa(let e, let n) = key.plainKey.backing else { return false }
                return FingerprintHash.md5.digest(DERKeyEncoding.rsaSubjectPublicKeyInfo(n: n, e: e)) == digest
            case .sha1PKCS8:
                guard let privateKey, case .rsa = privateKey.backing else { return false }
                return FingerprintHash.sha1.digest(DERKeyEncoding.pkcs8(privateKey)) == digest
            }
        }
    }
}
