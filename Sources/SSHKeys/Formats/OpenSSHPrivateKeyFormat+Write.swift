/// Writing `openssh-key-v1`, as `ssh-keygen` does: aes256-ctr with bcrypt_pbkdf when there is a passphrase.
extension OpenSSHPrivateKeyFormat {
    /// Rounds ssh-keygen 9.9+ uses by default.
    static let defaultRounds = 24

    /// The armored key (70-column body, like ssh-keygen's).
    static func write(_ key: SSHPrivateKey, passphrase: [UInt8]?, rounds: Int = defaultRounds,
                      using generator: inout some RandomNumberGenerator) -> String
    {
        let publicKey = key.publicKey
        // An empty passphrase means no encryption, as with `ssh-keygen -N ''` (bcrypt_pbkdf refuses an empty one).
        let passphrase = passphrase?.isEmpty == false ? passphrase : nil
        let cipher = passphrase == nil ? nil : OpenSSHCipher(name: "aes256-ctr")
        var section = SSHWireWriter()
        let check = generator.next() as UInt32
        section.writeUInt32(check)
        section.writeUInt32(check)
        section.writeString(publicKey.algorithm)
        writePrivateFields(key, into: &section)
        section.writeString(key.comment)
        var plaintext = section.bytes
        let blockSize = cipher?.blockSize ?? 8
        var pad: UInt8 = 1
        while plaintext.count % blockSize != 0 {
            plaintext.append(pad)
            pad += 1
        }

        var body = SSHWireWriter()
        body.writeBytes(magic)
        if let cipher, let passphrase {
            let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            var kdf = SSHWireWriter()
            kdf.writeString(salt)
            kdf.writeUInt32(UInt32(rounds))
            // Parameters are fixed and valid here, so derivation cannot fail.
            let material = (try? BcryptPBKDF.deriveKey(passphrase: passphrase, salt: salt, rounds: rounds,
                                                       outputByteCount: cipher.keyLength + cipher.ivLength)) ?? []
            body.writeString(cipher.name)
            body.writeString("bcrypt")
            body.writeString(kdf.bytes)
            body.writeUInt32(1)
            body.writeString(publicKey.wireRepresentation)
            body.writeString(cipher.encrypt(plaintext, key: Array(material[..<cipher.keyLength]),
                                            iv: Array(material[cipher.keyLength...])))
        } else {
            body.writeString("none")
            body.writeString("none")
            body.writeString([UInt8]())
            body.writeUInt32(1)
            body.writeString(publicKey.wireRepresentation)
            body.writeString(plaintext)
        }
        return PEMBlock.armor(label: label, body: body.bytes, width: 70)
    }

    /// The type-specific private fields (PROTOCOL.key; sshkey.c `sshkey_private_serialize`).
    private static func writePrivateFields(_ key: SSHPrivateKey, into writer: inout SSHWireWriter) {
        switch key.backing {
        case .rsa(let n, let e, let d, let p, let q, let iqmp):
            for value in [n, e, d, iqmp, p, q] { writer.writeMPInt(value) }
        case .ed25519(let seed, let publicKey):
            writer.writeString(publicKey)
            writer.writeString(seed + publicKey)
        case .ecdsa(let curve, let point, let scalar):
            writer.writeString(curve.rawValue)
            writer.writeString(point)
            writer.writeMPInt(scalar)
        case .dsa(let p, let q, let g, let y, let x):
            for value in [p, q, g, y, x] { writer.writeMPInt(value) }
        }
    }
}
