import Crypto
import Foundation
import _CryptoExtras

/// The three secrets a PPK passphrase yields (Appendix C §C.4): AES-256 key, CBC IV and MAC key.
///
/// An unencrypted v3 file has all three empty (its MAC key is the empty string); an unencrypted v2
/// file still has a MAC key, derived from the empty passphrase (§C.5.1).
struct PPKKeyMaterial {
    /// 32 bytes when encrypted, else empty.
    var cipherKey: [UInt8]
    /// 16 bytes when encrypted, else empty.
    var iv: [UInt8]
    /// The HMAC key.
    var macKey: [UInt8]
}

extension PPKFormat {
    /// Argon2 output length for aes256-cbc: key 32 + IV 16 + MAC key 32 (§C.4).
    static let argon2TagLength = 80

    /// Derives the key material from a passphrase (`ssh2_ppk_derive_keys` in `sshpubk.c`).
    static func deriveKeys(version: Int, encrypted: Bool, passphrase: [UInt8],
                           argon2: (parameters: Argon2Parameters, salt: [UInt8])?) throws(SSHKeyError) -> PPKKeyMaterial
    {
        if version == 3 {
            // §C.4: with no cipher all three pieces are empty and Argon2 is not run at all.
            guard encrypted else { return PPKKeyMaterial(cipherKey: [], iv: [], macKey: []) }
            guard let argon2 else { throw .malformed("encrypted PPK v3 key without Argon2 parameters") }
            let tag = try argon2Tag(passphrase: passphrase, parameters: argon2.parameters, salt: argon2.salt)
            return PPKKeyMaterial(cipherKey: Array(tag[0..<32]), iv: Array(tag[32..<48]), macKey: Array(tag[48..<80]))
        }
        // §C.5.1: MAC key = SHA-1("putty-private-key-file-mac-key" ‖ passphrase), passphrase "" when unencrypted.
        let macKey = Array(Insecure.SHA1.hash(data: Array("putty-private-key-file-mac-key".utf8) + passphrase))
        guard encrypted else { return PPKKeyMaterial(cipherKey: [], iv: [], macKey: macKey) }
        // §C.5.1: key = (SHA-1(uint32 0 ‖ passphrase) ‖ SHA-1(uint32 1 ‖ passphrase))[0..<32], IV all zero.
        let first = Insecure.SHA1.hash(data: [0, 0, 0, 0] + passphrase)
        let second = Insecure.SHA1.hash(data: [0, 0, 0, 1] + passphrase)
        return PPKKeyMaterial(cipherKey: Array((Array(first) + Array(second)).prefix(32)),
                              iv: [UInt8](repeating: 0, count: 16), macKey: macKey)
    }

    /// Runs Argon2 (version 0x13, empty secret and associated data, §C.4) after refusing parameters
    /// that would make a hostile file cost gigabytes or hours.
    private static func argon2Tag(passphrase: [UInt8], parameters: Argon2Parameters, salt: [UInt8]) throws(SSHKeyError)
        -> [UInt8]
    {
        if case let (code, problem)? = argon2Problem(parameters) {
            throw SSHKeyError(code, "PuTTY key's Argon2 settings: \(problem)")
        }
        do {
            return try Argon2.deriveKey(password: passphrase, salt: salt, variant: parameters.variant,
                                        memoryKiB: parameters.memoryKiB, passes: parameters.passes,
                                        parallelism: parameters.parallelism, tagLength: argon2TagLength)
        } catch {
            throw .unsupported("Argon2 cannot run with this PuTTY key's settings: \(error)")
        }
    }

    /// Why Argon2 settings are refused: beyond amikey's limits (`unsupported`) or invalid in RFC 9106 §3.1 (`malformed`).
    static func argon2Problem(_ parameters: Argon2Parameters) -> (SSHKeyError.Code, String)? {
        if parameters.memoryKiB > maximumArgon2MemoryKiB {
            return (.unsupported, "\(parameters.memoryKiB) KiB of memory, more than the 4 GiB amikey allows")
        }
        if parameters.passes > maximumArgon2Passes {
            return (.unsupported, "\(parameters.passes) passes, more than the \(maximumArgon2Passes) amikey allows")
        }
        if parameters.passes < 1 || parameters.parallelism < 1 || parameters.memoryKiB < 8 * parameters.parallelism {
            return (.malformed, "Argon2 needs at least 1 pass, 1 lane and 8 KiB per lane, not passes \(parameters.passes), "
                    + "parallelism \(parameters.parallelism), memory \(parameters.memoryKiB) KiB")
        }
        return nil
    }

    /// The MAC input of versions 2 and 3 (§C.2): every header that matters, the public blob and the
    /// private plaintext including its padding, each as an SSH `string`.
    static func macInput(algorithm: String, encryption: String, comment: [UInt8], publicBlob: [UInt8],
                         privatePlaintext: [UInt8]) -> [UInt8]
    {
        var writer = SSHWireWriter()
        writer.writeString(algorithm)
        writer.writeString(encryption)
        writer.writeString(comment)
        writer.writeString(publicBlob)
        writer.writeString(privatePlaintext)
        return writer.bytes
    }

    /// HMAC-SHA-256 for v3, HMAC-SHA-1 for v2.
    static func mac(version: Int, key: [UInt8], input: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        if version == 3 { return Array(HMAC<SHA256>.authenticationCode(for: input, using: key)) }
        return Array(HMAC<Insecure.SHA1>.authenticationCode(for: input, using: key))
    }

    /// Compares a stored MAC in constant time.
    static func macMatches(_ stored: [UInt8], version: Int, key: [UInt8], input: [UInt8]) -> Bool {
        let key = SymmetricKey(data: key)
        if version == 3 { return HMAC<SHA256>.isValidAuthenticationCode(stored, authenticating: input, using: key) }
        return HMAC<Insecure.SHA1>.isValidAuthenticationCode(stored, authenticating: input, using: key)
    }

    /// AES-256-CBC without padding: PPK pads the plaintext itself before encrypting (§C.2).
    static func aes256CBC(encrypt: Bool, _ data: [UInt8], keys: PPKKeyMaterial) throws(SSHKeyError) -> [UInt8] {
        guard data.count % 16 == 0 else {
            throw .malformed("encrypted private part is \(data.count) bytes, not a whole number of AES blocks")
        }
        do {
            let key = SymmetricKey(data: keys.cipherKey)
            let iv = try AES._CBC.IV(ivBytes: keys.iv)
            return encrypt
                ? Array(try AES._CBC.encrypt(data, using: key, iv: iv, noPadding: true))
                : Array(try AES._CBC.decrypt(data, using: key, iv: iv, noPadding: true))
        } catch {
            throw .malformed("AES-256-CBC failed on the private part: \(error)")
        }
    }
}

extension PPKFile {
    /// Decrypts the private blob when needed and checks the MAC; returns the plaintext, padding included.
    func openPrivateBlob(passphrase: [UInt8]) throws(SSHKeyError) -> [UInt8] {
        let keys = try PPKFormat.deriveKeys(version: version, encrypted: isEncrypted, passphrase: passphrase, argon2: argon2)
        let plaintext = isEncrypted ? try PPKFormat.aes256CBC(encrypt: false, privateBlob, keys: keys) : privateBlob
        let input = PPKFormat.macInput(algorithm: algorithm, encryption: encryption, comment: commentBytes,
                                       publicBlob: publicBlob, privatePlaintext: plaintext)
        guard PPKFormat.macMatches(mac, version: version, key: keys.macKey, input: input) else {
            // As PuTTY does: a bad MAC means a wrong passphrase when there is one, corruption otherwise.
            if isEncrypted {
                throw SSHKeyError(.wrongPassphrase,
                                  "wrong passphrase for PuTTY key \(comment.debugDescription), or the file was altered")
            }
            throw .malformed("MAC check failed: the file was altered or corrupted")
        }
        return plaintext
    }
}
