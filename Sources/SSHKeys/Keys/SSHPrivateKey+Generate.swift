import Crypto

extension SSHPrivateKey {
    /// A fresh Ed25519 key made in process from the system's random generator, as `ssh-keygen -t ed25519` makes one.
    ///
    /// ```swift
    /// let key = SSHPrivateKey.generateEd25519(comment: "K_A")
    /// let line = key.publicKey.openSSHRepresentation(comment: key.comment)   // the only part sent to AWS
    /// ```
    public static func generateEd25519(comment: String) -> SSHPrivateKey {
        let key = Curve25519.Signing.PrivateKey()
        return SSHPrivateKey(
            .ed25519(seed: Array(key.rawRepresentation), publicKey: Array(key.publicKey.rawRepresentation)),
            comment: comment)
    }
}
