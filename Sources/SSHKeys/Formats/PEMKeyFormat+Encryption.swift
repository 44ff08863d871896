import Crypto
import Foundation
import _CryptoExtras

/// The ciphers of encrypted PEM keys, legacy (`DEK-Info`) and PKCS#8 (PBES2), and the legacy scheme itself.
extension PEMKeyFormat {
    /// A CBC cipher an encrypted PEM key may use.
    enum Cipher: CaseIterable {
        case aes128CBC, aes192CBC, aes256CBC, desEDE3CBC, desCBC

        /// The `DEK-Info` spelling (OpenSSL's cipher names, as BoringSSL `cipher_by_name` accepts them).
        var legacyName: String {
            switch self {
            case .aes128CBC: "AES-128-CBC"
            case .aes192CBC: "AES-192-CBC"
            case .aes256CBC: "AES-256-CBC"
            case .desEDE3CBC: "DES-EDE3-CBC"
            case .desCBC: "DES-CBC"
            }
        }

        /// The encryptionScheme OID content bytes in PBES2 (RFC 8018 §B.2, NIST CSOR for AES).
        var oid: [UInt8] {
            switch self {
            case .aes128CBC: [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02]  // 2.16.840.1.101.3.4.1.2
            case .aes192CBC: [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16]  // 2.16.840.1.101.3.4.1.22
            case .aes256CBC: [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A]  // 2.16.840.1.101.3.4.1.42
            case .desEDE3CBC: [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x03, 0x07]  // 1.2.840.113549.3.7
            case .desCBC: [0x2B, 0x0E, 0x03, 0x02, 0x07]  // 1.3.14.3.2.7
            }
        }

        /// Key length in bytes.
        var keySize: Int {
            switch self {
            case .aes128CBC: 16
            case .aes192CBC: 24
            case .aes256CBC: 32
            case .desEDE3CBC: TripleDES.keySize
            case .desCBC: DES.keySize
            }
        }

        /// Block (and IV) length in bytes.
        var blockSize: Int {
            switch self {
            case .aes128CBC, .aes192CBC, .aes256CBC: 16
            case .desEDE3CBC, .desCBC: 8
            }
        }

        /// Decrypts whole blocks and strips PKCS#7 padding (RFC 1423 §1.1, RFC 8018 §6.2.1 step 4).
        ///
        /// Bad padding is how a wrong passphrase shows, so it is reported as `wrongPassphrase` for `what`.
        func decrypt(_ data: [UInt8], key: [UInt8], iv: [UInt8], what: String) throws(SSHKeyError) -> [UInt8] {
            guard !data.isEmpty, data.count % blockSize == 0 else {
                throw .malformed("the encrypted \(what) is \(data.count) bytes, not a whole number of \(blockSize)-byte blocks")
            }
            let padded: [UInt8]
            do {
                switch self {
                case .aes128CBC, .aes192CBC, .aes256CBC:
                    padded = Array(try AES._CBC.decrypt(data, using: SymmetricKey(data: key), iv: AES._CBC.IV(ivBytes: iv),
                                                        noPadding: true))
                case .desEDE3CBC: padded = try TripleDES.cbcDecrypt(data, key: key, iv: iv)
                case .desCBC: padded = try DES.cbcDecrypt(data, key: key, iv: iv)
                }
            } catch {
                throw .malformed("\(legacyName) could not decrypt the \(what): \(error)")
            }
            do {
                return try PKCS7.unpad(padded, blockSize: blockSize)
            } catch {
                throw SSHKeyError(.wrongPassphrase, "wrong passphrase for \(what): the decrypted data has invalid padding")
            }
        }

        /// Pads with PKCS#7 and encrypts (the writer's side of `decrypt`).
        func encrypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws(SSHKeyError) -> [UInt8] {
            let padded = PKCS7.pad(data, blockSize: blockSize)
            do {
                switch self {
                case .aes128CBC, .aes192CBC, .aes256CBC:
                    return Array(try AES._CBC.encrypt(padded, using: SymmetricKey(data: key), iv: AES._CBC.IV(ivBytes: iv),
                                                      noPadding: true))
                case .desEDE3CBC: return try TripleDES.cbcEncrypt(padded, key: key, iv: iv)
                case .desCBC: return try DES.cbcEncrypt(padded, key: key, iv: iv)
                }
            } catch {
                throw SSHKeyError(.cannotRepresent, "\(legacyName) encryption failed: \(error)")
            }
        }
    }

    // MARK: - Legacy `Proc-Type: 4,ENCRYPTED` (RFC 1421 §4.6.1, OpenSSL PEM_do_header)

    /// The block's DER, decrypted when its headers say `Proc-Type: 4,ENCRYPTED`; also whether it was encrypted.
    static func legacyDecrypted(_ block: PEMBlock, options: KeyReadOptions, description: String)
        throws(SSHKeyError) -> (der: [UInt8], encrypted: Bool)
    {
        guard let procType = block.header("Proc-Type") else {
            if block.header("DEK-Info") != nil { throw .malformed("a DEK-Info header without Proc-Type: 4,ENCRYPTED") }
            return (block.body, false)
        }
        // RFC 1421 §4.6.1.1: Proc-Type: <version>,<type>; OpenSSL only knows version 4 and ENCRYPTED.
        let parts = procType.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts[0] == "4" else { throw .unsupported("Proc-Type \"\(procType)\" is not 4,ENCRYPTED") }
        guard parts[1].uppercased() == "ENCRYPTED" else {
            throw .unsupported("Proc-Type \(parts[1]) PEM blocks are not supported")
        }
        guard let dekInfo = block.header("DEK-Info") else {
            throw .malformed("Proc-Type says ENCRYPTED but there is no DEK-Info header")
        }
        // RFC 1421 §4.6.1.3 as OpenSSL writes it: DEK-Info: <cipher name>,<IV in hex>.
        let fields = dekInfo.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard fields.count == 2 else { throw .malformed("DEK-Info \"\(dekInfo)\" is not CIPHER,IV") }
        guard let cipher = Cipher.allCases.first(where: { $0.legacyName == fields[0].uppercased() }) else {
            throw .unsupported("DEK-Info cipher \(fields[0]) is not one of "
                + Cipher.allCases.map(\.legacyName).joined(separator: ", "))
        }
        guard let iv = Hex.decode(fields[1]), iv.count == cipher.blockSize else {
            throw .malformed("DEK-Info IV \"\(fields[1])\" is not \(cipher.blockSize) bytes of hex")
        }
        let passphrase = try options.requirePassphrase(for: description)
        let key = evpBytesToKey(passphrase: passphrase, salt: Array(iv.prefix(8)), count: cipher.keySize)
        return (try cipher.decrypt(block.body, key: key, iv: iv, what: description), true)
    }

    /// OpenSSL `EVP_BytesToKey` with MD5 and one iteration: D_i = MD5(D_{i−1} ‖ pass ‖ salt), key = D_1 ‖ D_2 ‖ …
    static func evpBytesToKey(passphrase: [UInt8], salt: [UInt8], count: Int) -> [UInt8] {
        var key: [UInt8] = []
        var previous: [UInt8] = []
        while key.count < count {
            previous = Array(Insecure.MD5.hash(data: previous + passphrase + salt))
            key += previous
        }
        return Array(key.prefix(count))
    }

    /// Encrypts traditional DER as `ssh-keygen -m PEM -N …` does: AES-128-CBC, random IV, EVP_BytesToKey key.
    static func legacyEncrypted(_ der: [UInt8], passphrase: [UInt8], using generator: inout some RandomNumberGenerator)
        throws(SSHKeyError) -> (headers: [(String, String)], body: [UInt8])
    {
        let cipher = Cipher.aes128CBC
        let iv = randomBytes(cipher.blockSize, using: &generator)
        let key = evpBytesToKey(passphrase: passphrase, salt: Array(iv.prefix(8)), count: cipher.keySize)
        let body = try cipher.encrypt(der, key: key, iv: iv)
        return ([("Proc-Type", "4,ENCRYPTED"), ("DEK-Info", "\(cipher.legacyName),\(Hex.encode(iv, uppercase: true))")], body)
    }

    /// `count` bytes from the generator (the caller's, so tests can make output reproducible).
    static func randomBytes(_ count: Int, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
