import Crypto
import _CryptoExtras

/// `ENCRYPTED PRIVATE KEY`: PKCS#8 EncryptedPrivateKeyInfo (RFC 5208 §6) with PBES2 (RFC 8018 §6.2, §A.4).
extension PEMKeyFormat {
    /// id-PBES2, 1.2.840.113549.1.5.13 (RFC 8018 §A.4).
    static let pbes2OID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D]
    /// id-PBKDF2, 1.2.840.113549.1.5.12 (RFC 8018 §A.2).
    static let pbkdf2OID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0C]
    /// Iterations beyond this are refused: no real key uses them, and a damaged count must not hang the reader.
    static let maxPBKDF2Iterations = 10_000_000
    /// What OpenSSL 3 `pkcs8 -topk8` writes, and so what `write` uses.
    static let writtenPBKDF2Iterations = 2048

    /// The PBKDF2 pseudorandom functions (RFC 8018 §B.1.1, §B.1.2).
    enum PRF: CaseIterable {
        case hmacSHA1, hmacSHA224, hmacSHA256, hmacSHA384, hmacSHA512

        /// OID content bytes: 1.2.840.113549.2.{7,8,9,10,11}.
        var oid: [UInt8] {
            let last: UInt8 = switch self {
            case .hmacSHA1: 0x07
            case .hmacSHA224: 0x08
            case .hmacSHA256: 0x09
            case .hmacSHA384: 0x0A
            case .hmacSHA512: 0x0B
            }
            return [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, last]
        }

        /// The matching swift-crypto hash.
        var hash: KDF.Insecure.PBKDF2.HashFunction {
            switch self {
            case .hmacSHA1: .insecureSHA1
            case .hmacSHA224: .insecureSHA224
            case .hmacSHA256: .sha256
            case .hmacSHA384: .sha384
            case .hmacSHA512: .sha512
            }
        }
    }

    /// Password-based schemes an `ENCRYPTED PRIVATE KEY` may use that amikey does not, named for the error.
    private static let knownUnsupportedSchemes: [[UInt8]: String] = [
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x03]: "PBES1 pbeWithMD5AndDES-CBC",
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0A]: "PBES1 pbeWithSHA1AndDES-CBC",
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x03]: "PKCS#12 pbeWithSHAAnd3-KeyTripleDES-CBC",
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C, 0x01, 0x06]: "PKCS#12 pbeWithSHAAnd40BitRC2-CBC",
        [0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x04, 0x0B]: "scrypt",
    ]

    /// Decrypts an EncryptedPrivateKeyInfo to the PrivateKeyInfo DER inside.
    ///
    /// The structure is checked completely before the passphrase is asked for.
    static func pbes2Decrypted(_ der: [UInt8], options: KeyReadOptions, description: String) throws(SSHKeyError) -> [UInt8] {
        var outer = DERReader(der, context: "PKCS#8 EncryptedPrivateKeyInfo")
        // RFC 5208 §6: EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm, encryptedData OCTET STRING }
        var info = try outer.readConstructed("SEQUENCE EncryptedPrivateKeyInfo")
        try outer.expectEnd()
        var algorithm = try info.readConstructed("SEQUENCE encryptionAlgorithm")
        let scheme = try algorithm.readOID("algorithm")
        guard scheme == pbes2OID else {
            let name = knownUnsupportedSchemes[scheme] ?? "password-based encryption \(DERReader.dotted(oid: scheme))"
            throw .unsupported("\(name) is not supported; re-encrypt with `openssl pkcs8 -topk8 -v2 aes-256-cbc`")
        }
        // RFC 8018 §A.4: PBES2-params ::= SEQUENCE { keyDerivationFunc, encryptionScheme }
        var parameters = try algorithm.readConstructed("SEQUENCE PBES2-params", context: "PBES2-params")
        try algorithm.expectEnd()
        var kdf = try parameters.readConstructed("SEQUENCE keyDerivationFunc", context: "PBES2 keyDerivationFunc")
        let kdfOID = try kdf.readOID("algorithm")
        guard kdfOID == pbkdf2OID else {
            let name = knownUnsupportedSchemes[kdfOID] ?? DERReader.dotted(oid: kdfOID)
            throw .unsupported("PBES2 key derivation \(name) is not supported, only PBKDF2")
        }
        let pbkdf2 = try readPBKDF2Parameters(&kdf)
        try kdf.expectEnd()
        // RFC 8018 §B.2: encryptionScheme AlgorithmIdentifier { cipher OID, IV OCTET STRING }
        var encryption = try parameters.readConstructed("SEQUENCE encryptionScheme", context: "PBES2 encryptionScheme")
        try parameters.expectEnd()
        let cipherOID = try encryption.readOID("algorithm")
        guard let cipher = Cipher.allCases.first(where: { $0.oid == cipherOID }) else {
            throw .unsupported("PBES2 cipher \(DERReader.dotted(oid: cipherOID)) is not AES-CBC or DES-EDE3-CBC")
        }
        let iv = try encryption.readOctetString("IV")
        try encryption.expectEnd()
        guard iv.count == cipher.blockSize else {
            throw .malformed("PBES2 encryptionScheme: the \(cipher.legacyName) IV is \(iv.count) bytes, not \(cipher.blockSize)")
        }
        if let keyLength = pbkdf2.keyLength, keyLength != cipher.keySize {
            throw .malformed("PBKDF2-params: keyLength \(keyLength) does not fit \(cipher.legacyName)")
        }
        let encrypted = try info.readOctetString("encryptedData")
        try info.expectEnd()

        let passphrase = try options.requirePassphrase(for: description)
        let key: [UInt8]
        do {
            // RFC 8018 §6.2.2 step 3; the checked API refuses the 2048 iterations OpenSSL writes.
            key = try KDF.Insecure.PBKDF2.deriveKey(from: passphrase, salt: pbkdf2.salt, using: pbkdf2.prf.hash,
                                                     outputByteCount: cipher.keySize,
                                                     unsafeUncheckedRounds: pbkdf2.iterations)
                .withUnsafeBytes { Array($0) }
        } catch {
            throw .malformed("PBKDF2 failed: \(error)")
        }
        return try cipher.decrypt(encrypted, key: key, iv: iv, what: description)
    }

    /// The fields of PBKDF2-params amikey uses.
    struct PBKDF2Parameters {
        var salt: [UInt8]
        var iterations: Int
        var keyLength: Int?
        var prf: PRF
    }

    /// PBKDF2-params ::= SEQUENCE { salt CHOICE, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1 } (RFC 8018 §A.2).
    private static func readPBKDF2Parameters(_ kdf: inout DERReader) throws(SSHKeyError) -> PBKDF2Parameters {
        var reader = try kdf.readConstructed("SEQUENCE PBKDF2-params", context: "PBKDF2-params")
        if reader.nextTag == DERReader.Tag.sequence {
            throw .unsupported("PBKDF2-params: a salt from another source (otherSource) is not supported")
        }
        let salt = try reader.readOctetString("salt")
        let iterations = try reader.readSmallInteger("iterationCount")
        guard iterations >= 1 else { throw .malformed("PBKDF2-params: iterationCount is 0") }
        guard iterations <= maxPBKDF2Iterations else {
            throw .unsupported("PBKDF2-params: \(iterations) iterations is more than amikey accepts (\(maxPBKDF2Iterations))")
        }
        var keyLength: Int?
        if reader.nextTag == DERReader.Tag.integer { keyLength = try reader.readSmallInteger("keyLength") }
        var prf = PRF.hmacSHA1
        if reader.nextTag == DERReader.Tag.sequence {
            var algorithm = try reader.readConstructed("SEQUENCE prf", context: "PBKDF2-params prf")
            let oid = try algorithm.readOID("algorithm")
            guard let found = PRF.allCases.first(where: { $0.oid == oid }) else {
                throw .unsupported("PBKDF2 pseudorandom function \(DERReader.dotted(oid: oid)) is not HMAC-SHA-1/224/256/384/512")
            }
            // RFC 8018 §B.1.2: parameters NULL, which some writers omit.
            if !algorithm.isAtEnd { try algorithm.readNull("parameters") }
            try algorithm.expectEnd()
            prf = found
        }
        try reader.expectEnd()
        return PBKDF2Parameters(salt: salt, iterations: iterations, keyLength: keyLength, prf: prf)
    }

    /// Encrypts PrivateKeyInfo DER as OpenSSL 3 `pkcs8 -topk8` does: PBKDF2-HMAC-SHA256, 2048 iterations,
    /// a 16-byte salt, AES-256-CBC.
    static func pbes2Encrypted(_ der: [UInt8], passphrase: [UInt8], using generator: inout some RandomNumberGenerator)
        throws(SSHKeyError) -> [UInt8]
    {
        let cipher = Cipher.aes256CBC
        let prf = PRF.hmacSHA256
        let salt = randomBytes(16, using: &generator)
        let iv = randomBytes(cipher.blockSize, using: &generator)
        let key: [UInt8]
        do {
            key = try KDF.Insecure.PBKDF2.deriveKey(from: passphrase, salt: salt, using: prf.hash, outputByteCount: cipher.keySize,
                                                     unsafeUncheckedRounds: writtenPBKDF2Iterations)
                .withUnsafeBytes { Array($0) }
        } catch {
            throw SSHKeyError(.cannotRepresent, "PBKDF2 failed: \(error)")
        }
        let encrypted = try cipher.encrypt(der, key: key, iv: iv)
        var writer = DERWriter()
        writer.writeConstructed { info in
            info.writeConstructed { algorithm in
                algorithm.writeOID(pbes2OID)
                algorithm.writeConstructed { parameters in
                    parameters.writeConstructed { kdf in
                        kdf.writeOID(pbkdf2OID)
                        kdf.writeConstructed { pbkdf2 in
                            pbkdf2.writeOctetString(salt)
                            pbkdf2.writeInteger(writtenPBKDF2Iterations)
                            pbkdf2.writeConstructed { $0.writeOID(prf.oid); $0.writeNull() }
                        }
                    }
                    parameters.writeConstructed { $0.writeOID(cipher.oid); $0.writeOctetString(iv) }
                }
            }
            info.writeOctetString(encrypted)
        }
        return writer.bytes
    }
}
