import Crypto

extension PPKFormat {
    /// Writes a key as PuTTYgen does, with a fresh random salt and PuTTY's default Argon2 settings for v3.
    ///
    /// A nil or empty passphrase writes an unencrypted file, as PuTTYgen does for an empty passphrase.
    static func write(_ key: SSHPrivateKey, version: Int, passphrase: [UInt8]?) throws(SSHKeyError) -> String {
        var generator = SystemRandomNumberGenerator()
        return try write(key, version: version, passphrase: passphrase, argon2: .puttyDefault, using: &generator)
    }

    /// Writes a key with the given Argon2 settings (v3 encrypted only); `generator` supplies the
    /// 16-byte salt as two `next()` words, each little-endian, so tests can fix it.
    ///
    /// Everything else is deterministic, as in `ppk_save_sb`: an encrypted v2 file, and any
    /// unencrypted file, is byte for byte what PuTTYgen writes for the same key, comment and passphrase.
    static func write(_ key: SSHPrivateKey, version: Int, passphrase: [UInt8]?, argon2: Argon2Parameters,
                      using generator: inout some RandomNumberGenerator) throws(SSHKeyError) -> String
    {
        guard version == 2 || version == 3 else {
            throw SSHKeyError(.cannotRepresent,
                              "PPK version \(version) does not exist: PuTTY reads 2 (0.52 to 0.74) and 3 (0.75 on)")
        }
        // §C.2: the comment is one line and may hold any byte but CR and LF.
        guard !key.comment.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            throw SSHKeyError(.cannotRepresent, "a PuTTY key comment cannot contain a line break")
        }
        let passphrase = passphrase.flatMap { $0.isEmpty ? nil : $0 }
        if version == 3, passphrase != nil, case let (_, problem)? = argon2Problem(argon2) {
            throw SSHKeyError(.cannotRepresent, "Argon2 settings for a PuTTY key: \(problem)")
        }
        let algorithm = key.publicKey.algorithm
        let publicBlob = key.publicKey.wireRepresentation
        let encryption = passphrase == nil ? "none" : "aes256-cbc"
        var plaintext = privateBlob(key)
        var kdf: (parameters: Argon2Parameters, salt: [UInt8])?
        if passphrase != nil {
            // `ppk_save_sb` pads to the AES block with the first bytes of SHA-1 of the unpadded blob,
            // not the random bytes §C.2 mentions; unencrypted files get no padding at all.
            let padding = (16 - plaintext.count % 16) % 16
            plaintext += Insecure.SHA1.hash(data: plaintext).prefix(padding)
            if version == 3 { kdf = (argon2, salt(using: &generator)) }
        }
        let keys = try deriveKeys(version: version, encrypted: passphrase != nil, passphrase: passphrase ?? [], argon2: kdf)
        let input = macInput(algorithm: algorithm, encryption: encryption, comment: Array(key.comment.utf8),
                             publicBlob: publicBlob, privatePlaintext: plaintext)
        let tag = mac(version: version, key: keys.macKey, input: input)
        let stored = passphrase == nil ? plaintext : try aes256CBC(encrypt: true, plaintext, keys: keys)

        // §C.2 layout; 64 base64 characters (48 bytes) per line, so the line count is ceil(length / 48).
        let publicLines = Base64.encodeWrapped(publicBlob, width: 64)
        let privateLines = Base64.encodeWrapped(stored, width: 64)
        var lines = ["PuTTY-User-Key-File-\(version): \(algorithm)", "Encryption: \(encryption)",
                     "Comment: \(key.comment)", "Public-Lines: \(publicLines.count)"]
        lines += publicLines
        if let kdf {
            lines += ["Key-Derivation: \(argon2Name(kdf.parameters.variant))",
                      "Argon2-Memory: \(kdf.parameters.memoryKiB)", "Argon2-Passes: \(kdf.parameters.passes)",
                      "Argon2-Parallelism: \(kdf.parameters.parallelism)", "Argon2-Salt: \(Hex.encode(kdf.salt))"]
        }
        lines.append("Private-Lines: \(privateLines.count)")
        lines += privateLines
        lines.append("Private-MAC: \(Hex.encode(tag))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The unpadded private blob (Appendix C §C.3), as PuTTY's `*_private_blob` functions write it.
    static func privateBlob(_ key: SSHPrivateKey) -> [UInt8] {
        var writer = SSHWireWriter()
        switch key.backing {
        case .rsa(_, _, let d, let p, let q, let iqmp):
            for value in [d, p, q, iqmp] { writer.writeMPInt(value) }
        case .dsa(_, _, _, _, let x):
            writer.writeMPInt(x)
        case .ecdsa(_, _, let scalar):
            writer.writeMPInt(scalar)
        case .ed25519(let seed, _):
            // `put_mp_le_fixedlen(…, 32)` of the little-endian private integer gives back the seed itself.
            writer.writeString(seed)
        }
        return writer.bytes
    }

    /// The `Key-Derivation` spelling of a variant.
    static func argon2Name(_ variant: Argon2.Variant) -> String {
        switch variant {
        case .d: "Argon2d"
        case .i: "Argon2i"
        case .id: "Argon2id"
        }
    }

    /// 16 salt bytes, PuTTY's length, from two generator words taken little-endian.
    private static func salt(using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return bytes
    }
}
