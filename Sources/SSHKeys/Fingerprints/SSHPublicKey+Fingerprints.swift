/// Every fingerprint flavour a user meets (key-formats.md §0).
extension SSHPublicKey {
    /// The digest of the plain key's wire blob, as every SSH tool computes fingerprints.
    public func fingerprintDigest(_ hash: FingerprintHash) -> [UInt8] {
        hash.digest(plainKey.wireRepresentation)
    }

    /// `SHA256:` + unpadded base64, as `ssh-keygen -l`, sshd logs and PuTTY ≥ 0.75 print it.
    public var sha256Fingerprint: String { "SHA256:" + DigestText.unpaddedBase64(fingerprintDigest(.sha256)) }

    /// `MD5:` + colon hex, as `ssh-keygen -l -E md5` prints it (PuTTY prints the same without the prefix).
    public var md5Fingerprint: String { "MD5:" + DigestText.colonHex(fingerprintDigest(.md5)) }

    /// Colon hex of the blob digest, as cloud-init's authorized-keys table prints it on the console.
    public func cloudInitFingerprint(_ hash: FingerprintHash = .sha256) -> String {
        DigestText.colonHex(fingerprintDigest(hash))
    }

    /// What EC2 shows for this key once imported with ImportKeyPair: RSA is the MD5 of the SPKI DER
    /// (not of the blob, whatever the API text says), Ed25519 the padded base64 SHA-256; other types are not importable.
    public var awsImportedFingerprint: String? {
        switch plainKey.backing {
        case .rsa(let e, let n):
            return DigestText.colonHex(FingerprintHash.md5.digest(DERKeyEncoding.rsaSubjectPublicKeyInfo(n: n, e: e)))
        case .ed25519:
            return Base64.encode(fingerprintDigest(.sha256))
        default:
            return nil
        }
    }

    /// The name and size PuTTY prints in front of a fingerprint (Ed25519 is 255 bits there, 256 in OpenSSH).
    public var puttyPrefix: String {
        let puttyBits: Int? = if case .ed25519 = plainKey.backing { 255 } else { bits }
        return puttyBits.map { "\(algorithm) \($0)" } ?? algorithm
    }

    /// PuTTYgen's display, `ssh-rsa 2048 SHA256:…` (`-E md5`: bare colon hex).
    public func puttyFingerprint(_ hash: FingerprintHash = .sha256) -> String {
        switch hash {
        case .sha256: "\(puttyPrefix) \(sha256Fingerprint)"
        default: "\(puttyPrefix) \(DigestText.colonHex(fingerprintDigest(hash)))"
        }
    }

    /// `ssh-keygen -l`'s line: `2048 SHA256:… comment (RSA)`.
    public func sshKeygenLine(comment: String?) -> String {
        let shown = (comment?.isEmpty ?? true) ? "no comment" : comment!
        return "\(bits.map(String.init) ?? "?") \(sha256Fingerprint) \(shown) (\(shortTypeName))"
    }
}
