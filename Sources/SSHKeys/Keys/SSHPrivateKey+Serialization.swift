/// The file formats a private key can be written in; each reader in `KeyFile` reads them back.
extension SSHPrivateKey {
    /// `-----BEGIN OPENSSH PRIVATE KEY-----`; with a passphrase, aes256-ctr and bcrypt_pbkdf as ssh-keygen writes.
    public func opensshRepresentation(passphrase: [UInt8]? = nil) -> String {
        var generator = SystemRandomNumberGenerator()
        return OpenSSHPrivateKeyFormat.write(self, passphrase: passphrase, using: &generator)
    }

    /// PEM: PKCS#1 for RSA, SEC1 for ECDSA, OpenSSL's DSA form, PKCS#8 for Ed25519 (which has no other PEM form).
    /// The comment is not kept: PEM has no place for it.
    public func pemRepresentation(passphrase: [UInt8]? = nil) throws(SSHKeyError) -> String {
        try PEMKeyFormat.write(self, passphrase: passphrase)
    }

    /// A PuTTY `.ppk`, version 2 (PuTTY 0.52–0.74) or 3 (PuTTY 0.75 and later).
    public func ppkRepresentation(version: Int = 3, passphrase: [UInt8]? = nil) throws(SSHKeyError) -> String {
        try PPKFormat.write(self, version: version, passphrase: passphrase)
    }
}

extension SSHPublicKey {
    /// An RFC 4716 `---- BEGIN SSH2 PUBLIC KEY ----` file, as PuTTYgen writes it.
    public func rfc4716Representation(comment: String? = nil) -> String {
        RFC4716Format.write(self, comment: comment)
    }
}
