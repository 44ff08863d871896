/// PEM keys of the OpenSSL family (PKCS#1, PKCS#8, SEC1, DSA, SPKI), plain or encrypted, read and written.
///
/// PEM holds no comment, so entries carry `comment: nil` and written keys lose theirs.
///
/// ## Usage
/// ```swift
/// let entries = try PEMKeyFormat.read(try PEMBlock.parseAll(text), options: options)
/// let pem = try PEMKeyFormat.write(entries[0].privateKey!, passphrase: Array("secret".utf8))
/// ```
enum PEMKeyFormat {
    /// The labels `read` understands, for the error naming an unknown one.
    static let keyLabels = ["RSA PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY",
                            "PUBLIC KEY", "RSA PUBLIC KEY"]

    /// Whether a block with this label is read: a key, or the curve of one.
    static func reads(label: String) -> Bool { keyLabels.contains(label) || label == "EC PARAMETERS" }

    /// One entry per key block, in order; `EC PARAMETERS` blocks only supply a curve to a SEC1 key lacking one.
    ///
    /// Other blocks (the certificate of a TLS bundle) are passed over with a note on the first key.
    static func read(_ blocks: [PEMBlock], options: KeyReadOptions) throws(SSHKeyError) -> [KeyFileEntry] {
        var entries: [KeyFileEntry] = []
        var parametersCurve: ECCurve?
        for block in blocks where reads(label: block.label) {
            do throws(SSHKeyError) {
                if block.label == "EC PARAMETERS" {
                    // Only a fallback for a SEC1 key without [0] parameters; explicit or odd parameters
                    // become an error only if such a key needs them.
                    parametersCurve = try? ecParametersCurve(block.body)
                } else {
                    entries.append(try readBlock(block, options: options, parametersCurve: parametersCurve))
                }
            } catch {
                throw error.line == nil ? error.at(line: block.line) : error
            }
        }
        guard !entries.isEmpty else {
            throw SSHKeyError(.unrecognizedFormat, "the PEM text holds no key, only "
                + Set(blocks.map(\.label)).sorted().joined(separator: ", "))
        }
        let others = blocks.filter { !reads(label: $0.label) }
        if !others.isEmpty {
            entries[0].notes.append("passed over: " + others.map { "\($0.label) (line \($0.line))" }.joined(separator: ", ")
                + ", not a key")
        }
        return entries
    }

    /// Reads one key block.
    private static func readBlock(_ block: PEMBlock, options: KeyReadOptions, parametersCurve: ECCurve?)
        throws(SSHKeyError) -> KeyFileEntry
    {
        let description = "PEM key (\(block.label))"
        // RFC 1421 §4.6.1 headers may wrap any block (OpenSSL PEM_do_header does not look at the label).
        var (der, encrypted) = try legacyDecrypted(block, options: options, description: description)
        if block.label == "ENCRYPTED PRIVATE KEY" {
            der = try pbes2Decrypted(der, options: options, description: description)
            encrypted = true
        }
        let format: KeyFileFormat
        var privateKey: SSHPrivateKey?
        let publicKey: SSHPublicKey
        do throws(SSHKeyError) {
            switch block.label {
            case "RSA PRIVATE KEY":
                format = .pemPKCS1
                privateKey = try rsaPrivateKey(pkcs1: der)
            case "PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
                format = .pemPKCS8
                privateKey = try pkcs8PrivateKey(der)
            case "EC PRIVATE KEY":
                format = .pemSEC1
                privateKey = try ecPrivateKey(sec1: der, algorithmCurve: nil, parametersCurve: parametersCurve)
            case "DSA PRIVATE KEY":
                format = .pemDSA
                privateKey = try dsaPrivateKey(der)
            case "PUBLIC KEY":
                format = .pemSPKI
            default:
                format = .pemPKCS1Public
            }
            if let privateKey {
                publicKey = privateKey.publicKey
            } else if format == .pemSPKI {
                publicKey = try subjectPublicKeyInfo(der)
            } else {
                publicKey = try rsaPublicKey(pkcs1: der)
            }
        } catch where encrypted && (error.code == .malformed || error.code == .truncated) {
            // A wrong passphrase passes the padding check about once in 256 tries; the DER then fails to parse.
            // `unsupported` and `inconsistent` need a well-formed structure, which garbage does not give, so they stand.
            throw SSHKeyError(.wrongPassphrase,
                              "wrong passphrase for \(description), or the file is damaged: after decryption, \(error.message)")
        }
        return KeyFileEntry(format: format, line: block.line, publicKey: publicKey, comment: nil, isEncrypted: encrypted,
                            privateKey: privateKey)
    }

    /// Writes a private key as `ssh-keygen -m PEM` / OpenSSL would: traditional PEM for RSA, ECDSA and DSA,
    /// PKCS#8 for Ed25519 (which has no traditional form); encrypted when a non-empty passphrase is given.
    static func write(_ key: SSHPrivateKey, passphrase: [UInt8]?) throws(SSHKeyError) -> String {
        var generator = SystemRandomNumberGenerator()
        return try write(key, passphrase: passphrase, using: &generator)
    }

    /// `write` with the IV and salt drawn from `generator`.
    static func write(_ key: SSHPrivateKey, passphrase: [UInt8]?, using generator: inout some RandomNumberGenerator)
        throws(SSHKeyError) -> String
    {
        // An empty passphrase means no encryption, as with `ssh-keygen -N ''`.
        let passphrase = passphrase?.isEmpty == false ? passphrase : nil
        if let (label, der) = DERKeyEncoding.traditional(key) {
            guard let passphrase else { return PEMBlock.armor(label: label, body: der) }
            let (headers, body) = try legacyEncrypted(der, passphrase: passphrase, using: &generator)
            return PEMBlock.armor(label: label, headers: headers, body: body)
        }
        let der = DERKeyEncoding.pkcs8(key)
        guard let passphrase else { return PEMBlock.armor(label: "PRIVATE KEY", body: der) }
        let encrypted = try pbes2Encrypted(der, passphrase: passphrase, using: &generator)
        return PEMBlock.armor(label: "ENCRYPTED PRIVATE KEY", body: encrypted)
    }
}
