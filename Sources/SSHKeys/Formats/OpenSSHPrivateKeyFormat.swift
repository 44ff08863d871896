/// OpenSSH's own private key format, `openssh-key-v1` (PROTOCOL.key; sshkey.c `sshkey_private_to_blob2`).
///
/// The public key sits in clear in front of the encrypted section, so fingerprints never need the passphrase.
enum OpenSSHPrivateKeyFormat {
    static let label = "OPENSSH PRIVATE KEY"
    /// PROTOCOL.key: "openssh-key-v1" followed by a NUL.
    static let magic = Array("openssh-key-v1".utf8) + [0]

    /// Reads the armored block; opens the private part when unencrypted, or when asked to and a passphrase is given.
    static func read(_ block: PEMBlock, options: KeyReadOptions) throws(SSHKeyError) -> KeyFileEntry {
        do {
            return try readBody(block.body, options: options)
        } catch {
            throw error.line == nil ? error.at(line: block.line) : error
        }
    }

    private static func readBody(_ body: [UInt8], options: KeyReadOptions) throws(SSHKeyError) -> KeyFileEntry {
        guard body.starts(with: magic) else { throw .malformed("not an openssh-key-v1 key: the magic bytes are wrong") }
        var reader = SSHWireReader(body)
        _ = try reader.readBytes(magic.count, field: "magic")
        let cipherName = try reader.readUTF8(field: "cipher name")
        let kdfName = try reader.readUTF8(field: "KDF name")
        let kdfOptions = try reader.readString(field: "KDF options")
        let count = try reader.readUInt32(field: "number of keys")
        guard count == 1 else { throw .unsupported("the file holds \(count) keys; OpenSSH only ever writes one") }
        let publicKey = try SSHPublicKey(wireRepresentation: try reader.readString(field: "public key"))
        let cipher = OpenSSHCipher(name: cipherName)
        let encrypted = try reader.readString(field: "private section")
        let tag = try reader.readBytes(cipher?.tagLength ?? 0, field: "authentication tag")
        // A cipher not in the table may append a tag of unknown length (chacha20-poly1305: 16 bytes).
        if cipher != nil || cipherName == "none" { try reader.expectEnd("the private section") }

        var entry = KeyFileEntry(format: .opensshPrivate, publicKey: publicKey, comment: nil,
                                 isEncrypted: cipherName != "none")
        let plaintext: [UInt8]
        if cipherName == "none" {
            guard kdfName == "none" else { throw .malformed("cipher none with KDF \(kdfName)") }
            plaintext = encrypted
        } else {
            let advice = "re-encrypt it with ssh-keygen -p -Z aes256-ctr -f FILE"
            let description = "OpenSSH key (\(publicKey.algorithm))"
            // The public key is in clear, so a cipher amikey cannot open only matters once the private part is wanted.
            guard options.decryptPrivateKeys else {
                entry.notes.append(cipher == nil
                    ? "the comment and private key are encrypted with \(cipherName), which amikey cannot open; \(advice)"
                    : "the comment and private key are encrypted; not opened")
                return entry
            }
            guard let cipher else { throw .unsupported("cipher \(cipherName) is not supported; \(advice)") }
            guard kdfName == "bcrypt" else { throw .unsupported("KDF \(kdfName) is not supported (OpenSSH uses bcrypt)") }
            guard let passphrase = options.passphrase?(description) else {
                entry.notes.append("the comment and private key are encrypted; no passphrase given")
                return entry
            }
            // ssh-keygen never encrypts with an empty passphrase (and bcrypt_pbkdf refuses one).
            guard !passphrase.isEmpty else { throw SSHKeyError(.wrongPassphrase, "wrong passphrase for \(description): it is empty") }
            var kdfReader = SSHWireReader(kdfOptions)
            let salt = try kdfReader.readString(field: "bcrypt salt")
            let rounds = try kdfReader.readUInt32(field: "bcrypt rounds")
            guard rounds >= 1, rounds <= 1 << 16 else { throw .malformed("bcrypt rounds \(rounds) out of range") }
            let material: [UInt8]
            do {
                material = try BcryptPBKDF.deriveKey(passphrase: passphrase, salt: salt, rounds: Int(rounds),
                                                     outputByteCount: cipher.keyLength + cipher.ivLength)
            } catch {
                throw .malformed("bcrypt parameters are invalid: \(error)")
            }
            plaintext = try cipher.decrypt(encrypted, tag: tag, key: Array(material[..<cipher.keyLength]),
                                           iv: Array(material[cipher.keyLength...]), what: description)
        }
        let opened = try readPrivateSection(plaintext, publicKey: publicKey, encrypted: entry.isEncrypted)
        entry.comment = opened.comment
        entry.privateKey = opened.key
        if let note = opened.note { entry.notes.append(note) }
        return entry
    }

    /// The decrypted section: check ints, the key, the comment, padding 1, 2, 3, … (PROTOCOL.key).
    private static func readPrivateSection(_ plaintext: [UInt8], publicKey: SSHPublicKey, encrypted: Bool)
        throws(SSHKeyError) -> (key: SSHPrivateKey?, comment: String?, note: String?)
    {
        var reader = SSHWireReader(plaintext)
        let check1 = try reader.readUInt32(field: "check integer")
        let check2 = try reader.readUInt32(field: "check integer")
        guard check1 == check2 else {
            throw encrypted ? SSHKeyError(.wrongPassphrase, "wrong passphrase for this OpenSSH key")
                : .malformed("the private section's check integers differ: the file is corrupted")
        }
        let type = try reader.readUTF8(field: "private key type")
        guard type == publicKey.algorithm else {
            throw SSHKeyError(.inconsistent, "the private key is \(type) but the public key is \(publicKey.algorithm)")
        }
        let key: SSHPrivateKey
        switch publicKey.backing {
        case .rsa:
            let n = try reader.readMPInt(field: "RSA n"), e = try reader.readMPInt(field: "RSA e")
            let d = try reader.readMPInt(field: "RSA d"), iqmp = try reader.readMPInt(field: "RSA iqmp")
            let p = try reader.readMPInt(field: "RSA p"), q = try reader.readMPInt(field: "RSA q")
            key = try SSHPrivateKey.rsa(n: n, e: e, d: d, p: p, q: q, iqmp: iqmp, comment: "")
        case .ed25519(let expected):
            let pk = try reader.readString(field: "Ed25519 public key")
            let sk = try reader.readString(field: "Ed25519 private key")
            guard sk.count == 64, Array(sk[32...]) == pk, pk == expected else {
                throw SSHKeyError(.inconsistent, "Ed25519 private key does not match its public key")
            }
            key = try SSHPrivateKey.ed25519(seed: Array(sk[..<32]), expectedPublicKey: pk, comment: "")
        case .ecdsa(let curve, let point):
            _ = try reader.readUTF8(field: "ECDSA curve")
            let q = try reader.readString(field: "ECDSA public point")
            guard q == point else { throw SSHKeyError(.inconsistent, "ECDSA private key does not match its public key") }
            key = try SSHPrivateKey.ecdsa(curve: curve, scalar: try reader.readMPInt(field: "ECDSA scalar"),
                                          expectedPoint: point, comment: "")
        case .dsa(let p, let q, let g, let y):
            for field in ["DSA p", "DSA q", "DSA g", "DSA y"] { _ = try reader.readMPInt(field: field) }
            key = try SSHPrivateKey.dsa(p: p, q: q, g: g, y: y, x: try reader.readMPInt(field: "DSA x"), comment: "")
        default:
            // Security-key handles and certificates have no PEM/PPK form; their comment follows fields we do not model.
            return (nil, nil, "\(publicKey.algorithm) private keys are read for their public part only")
        }
        var withComment = key
        withComment.comment = try reader.readUTF8(field: "comment")
        let padding = try reader.readBytes(reader.remaining, field: "padding")
        // Only the 1, 2, 3, … sequence is checked, as OpenSSH's private2_check_padding does: PuTTY pads to 16 bytes
        // even for cipher none, and with a whole extra block when the section is already aligned.
        guard padding.enumerated().allSatisfy({ $0.element == UInt8(truncatingIfNeeded: $0.offset + 1) }) else {
            throw .malformed("the private section's padding is wrong: the file is corrupted")
        }
        return (withComment, withComment.comment, nil)
    }
}
