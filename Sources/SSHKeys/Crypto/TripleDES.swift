// Triple-DES (TDEA, NIST SP 800-67) and the CBC mode (NIST SP 800-38A §6.2) used by legacy
// encrypted PEM keys. Padding is deliberately left to the caller: PEM uses PKCS#7 (RFC 1423 §1.1),
// and checking it is how a wrong passphrase shows up, so the caller must see it happen.

/// Why a DES-family encryption or decryption could not run.
enum LegacyCipherError: Error, Equatable, Sendable {
    /// The key is not 8 bytes (DES) or 24 bytes (TDEA).
    case invalidKeyLength
    /// The IV is not one block (8 bytes).
    case invalidIVLength
    /// The data is not a whole number of blocks.
    case notBlockAligned
    /// PKCS#7 padding is malformed — for a decrypted key, almost always a wrong passphrase.
    case badPadding
}

/// A block cipher with 64-bit blocks, so CBC can be written once for DES and TDEA.
protocol BlockCipher64: Sendable {
    /// Encrypts one big-endian block.
    func encryptBlock(_ block: UInt64) -> UInt64
    /// Decrypts one big-endian block.
    func decryptBlock(_ block: UInt64) -> UInt64
}

extension DES: BlockCipher64 {
    /// DES-CBC encryption of whole blocks (PEM `DEK-Info: DES-CBC`); no padding is added.
    static func cbcEncrypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        try BlockCipherCBC.encrypt(data, cipher: DES(key: key), iv: iv)
    }

    /// DES-CBC decryption of whole blocks; padding is left in place.
    static func cbcDecrypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        try BlockCipherCBC.decrypt(data, cipher: DES(key: key), iv: iv)
    }
}

/// TDEA with three independent keys, E_K3(D_K2(E_K1(P))) (SP 800-67 Rev. 2 §3, keying option 1).
struct TripleDES: BlockCipher64 {
    /// Key length in bytes: K1 ‖ K2 ‖ K3.
    static let keySize = 24
    /// Block length in bytes.
    static let blockSize = 8

    /// The first key, applied first when encrypting.
    private let k1: DES
    /// The middle key, used in the decrypt direction (this is what makes K1 = K2 = K3 equal single DES).
    private let k2: DES
    /// The last key, applied last when encrypting.
    private let k3: DES

    /// Splits a 24-byte key into K1, K2, K3; parity bits are ignored as in DES.
    init(key: [UInt8]) throws {
        guard key.count == TripleDES.keySize else { throw LegacyCipherError.invalidKeyLength }
        k1 = try DES(key: Array(key[0..<8]))
        k2 = try DES(key: Array(key[8..<16]))
        k3 = try DES(key: Array(key[16..<24]))
    }

    /// TDEA encryption operation (SP 800-67 Rev. 2 §3): encrypt K1, decrypt K2, encrypt K3.
    func encryptBlock(_ block: UInt64) -> UInt64 {
        k3.encryptBlock(k2.decryptBlock(k1.encryptBlock(block)))
    }

    /// TDEA decryption operation (SP 800-67 Rev. 2 §3): decrypt K3, encrypt K2, decrypt K1.
    func decryptBlock(_ block: UInt64) -> UInt64 {
        k1.decryptBlock(k2.encryptBlock(k3.decryptBlock(block)))
    }

    /// DES-EDE3-CBC encryption of whole blocks (PEM `DEK-Info: DES-EDE3-CBC`); no padding is added.
    static func cbcEncrypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        try BlockCipherCBC.encrypt(data, cipher: TripleDES(key: key), iv: iv)
    }

    /// DES-EDE3-CBC decryption of whole blocks; padding is left in place.
    static func cbcDecrypt(_ data: [UInt8], key: [UInt8], iv: [UInt8]) throws -> [UInt8] {
        try BlockCipherCBC.decrypt(data, cipher: TripleDES(key: key), iv: iv)
    }
}

/// Cipher block chaining for 64-bit block ciphers (SP 800-38A §6.2), without padding.
enum BlockCipherCBC {
    /// Block length in bytes shared by every `BlockCipher64`.
    static let blockSize = 8

    /// C_i = E(P_i ⊕ C_{i-1}) with C_0 = IV; `data` must be a whole number of blocks.
    static func encrypt<Cipher: BlockCipher64>(_ data: [UInt8], cipher: Cipher, iv: [UInt8]) throws -> [UInt8] {
        var chain = try validate(data, iv: iv)
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        for offset in stride(from: 0, to: data.count, by: blockSize) {
            chain = cipher.encryptBlock(loadBlock(data, at: offset) ^ chain)
            storeBlock(chain, to: &out)
        }
        return out
    }

    /// P_i = D(C_i) ⊕ C_{i-1} with C_0 = IV; `data` must be a whole number of blocks.
    static func decrypt<Cipher: BlockCipher64>(_ data: [UInt8], cipher: Cipher, iv: [UInt8]) throws -> [UInt8] {
        var chain = try validate(data, iv: iv)
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        for offset in stride(from: 0, to: data.count, by: blockSize) {
            let block = loadBlock(data, at: offset)
            storeBlock(cipher.decryptBlock(block) ^ chain, to: &out)
            chain = block
        }
        return out
    }

    /// Checks the IV and alignment up front so no partial output is ever produced; returns the IV as C_0.
    private static func validate(_ data: [UInt8], iv: [UInt8]) throws -> UInt64 {
        guard iv.count == blockSize else { throw LegacyCipherError.invalidIVLength }
        guard data.count % blockSize == 0 else { throw LegacyCipherError.notBlockAligned }
        return loadBlock(iv, at: 0)
    }

    /// Reads 8 bytes at `offset` big-endian (FIPS 46-3 numbers bit 1 as the most significant).
    static func loadBlock(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        precondition(offset >= 0 && offset + blockSize <= bytes.count, "callers check lengths first")
        var value: UInt64 = 0
        for index in offset..<(offset + blockSize) {
            value = (value << 8) | UInt64(bytes[index])
        }
        return value
    }

    /// Appends a block as 8 big-endian bytes.
    static func storeBlock(_ block: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: block >> UInt64(shift)))
        }
    }
}

/// PKCS#7 padding (RFC 5652 §6.3; RFC 1423 §1.1 for PEM): always 1…blockSize bytes, each equal to the count.
enum PKCS7 {
    /// Appends 1…blockSize bytes so the result is block-aligned (a full block when already aligned).
    static func pad(_ data: [UInt8], blockSize: Int) -> [UInt8] {
        precondition((1...255).contains(blockSize), "PKCS#7 block size must fit in one byte")
        let count = blockSize - data.count % blockSize
        return data + [UInt8](repeating: UInt8(count), count: count)
    }

    /// Strips the padding, rejecting anything `pad` could not have produced.
    static func unpad(_ data: [UInt8], blockSize: Int) throws -> [UInt8] {
        precondition((1...255).contains(blockSize), "PKCS#7 block size must fit in one byte")
        guard data.count % blockSize == 0 else { throw LegacyCipherError.notBlockAligned }
        guard let last = data.last else { throw LegacyCipherError.badPadding }
        let count = Int(last)
        guard count >= 1, count <= blockSize else { throw LegacyCipherError.badPadding }
        // Examine every pad byte rather than stopping at the first mismatch; cheap, and leaks nothing about where.
        var mismatch: UInt8 = 0
        for byte in data[(data.count - count)...] {
            mismatch |= byte ^ last
        }
        guard mismatch == 0 else { throw LegacyCipherError.badPadding }
        return Array(data[..<(data.count - count)])
    }
}
