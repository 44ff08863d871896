import Crypto
import _CryptoExtras

/// The ciphers OpenSSH may use for a private key file (cipher.c `ciphers[]`), as far as swift-crypto provides them.
struct OpenSSHCipher {
    enum Mode { case ctr, cbc, gcm }

    let name: String
    let keyLength: Int
    let ivLength: Int
    let blockSize: Int
    let mode: Mode

    /// Bytes of authentication tag after the encrypted section.
    var tagLength: Int { mode == .gcm ? 16 : 0 }

    /// The cipher of this name, or nil when unsupported (chacha20-poly1305, 3des-cbc).
    init?(name: String) {
        let table: [String: (Int, Int, Int, Mode)] = [
            "aes128-ctr": (16, 16, 16, .ctr), "aes192-ctr": (24, 16, 16, .ctr), "aes256-ctr": (32, 16, 16, .ctr),
            "aes128-cbc": (16, 16, 16, .cbc), "aes192-cbc": (24, 16, 16, .cbc), "aes256-cbc": (32, 16, 16, .cbc),
            "aes128-gcm@openssh.com": (16, 12, 16, .gcm), "aes256-gcm@openssh.com": (32, 12, 16, .gcm),
        ]
        guard let (keyLength, ivLength, blockSize, mode) = table[name] else { return nil }
        self.name = name
        self.keyLength = keyLength
        self.ivLength = ivLength
        self.blockSize = blockSize
        self.mode = mode
    }

    /// Decrypts the private section; a failed GCM tag or a misaligned length means a wrong passphrase or corruption.
    func decrypt(_ data: [UInt8], tag: [UInt8], key: [UInt8], iv: [UInt8], what: String) throws(SSHKeyError) -> [UInt8] {
        guard data.count % blockSize == 0 else {
            throw .malformed("the encrypted section is not a whole number of \(blockSize)-byte blocks")
        }
        let symmetricKey = SymmetricKey(data: key)
        do {
            switch mode {
            case .ctr:
                return Array(try AES._CTR.decrypt(data, using: symmetricKey, nonce: try AES._CTR.Nonce(nonceBytes: iv)))
            case .cbc:
                return Array(try AES._CBC.decrypt(data, using: symmetricKey, iv: try AES._CBC.IV(ivBytes: iv), noPadding: true))
            case .gcm:
                let box = try AES.GCM.SealedBox(nonce: try AES.GCM.Nonce(data: iv), ciphertext: data, tag: tag)
                return Array(try AES.GCM.open(box, using: symmetricKey))
            }
        } catch {
            throw SSHKeyError(.wrongPassphrase, "wrong passphrase for \(what), or the file was altered")
        }
    }

    /// Encrypts a padded section (CTR only is used for writing, as ssh-keygen does by default).
    func encrypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) -> [UInt8] {
        let symmetricKey = SymmetricKey(data: key)
        // Lengths are fixed by the table above, so these cannot fail.
        switch mode {
        case .ctr:
            return (try? AES._CTR.encrypt(data, using: symmetricKey, nonce: AES._CTR.Nonce(nonceBytes: iv))).map(Array.init) ?? []
        case .cbc:
            return (try? AES._CBC.encrypt(data, using: symmetricKey, iv: AES._CBC.IV(ivBytes: iv), noPadding: true)).map(Array.init) ?? []
        case .gcm:
            preconditionFailure("GCM keys are only read")
        }
    }
}
