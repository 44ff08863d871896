/// One line of the `-----BEGIN SSH HOST KEY FINGERPRINTS-----` block: `ssh-keygen -l` of a host key.
public struct HostKeyFingerprint: Sendable, Hashable {
    /// The type in parentheses, as ssh-keygen prints it: `RSA`, `ECDSA`, `ED25519`.
    public var type: String
    /// The key size ssh-keygen reports.
    public var bits: Int
    /// `SHA256:<base64>` on current OpenSSH, colon-separated MD5 hex on very old ones.
    public var fingerprint: String
    /// The key's comment (ssh-keygen prints `no comment` when there is none).
    public var comment: String

    /// Creates a fingerprint line.
    public init(type: String, bits: Int, fingerprint: String, comment: String) {
        self.type = type
        self.bits = bits
        self.fingerprint = fingerprint
        self.comment = comment
    }
}
