import Crypto

/// OpenBSD's bcrypt_pbkdf, the passphrase KDF of OpenSSH's `openssh-key-v1`
/// private-key format (kdfname "bcrypt").
enum BcryptPBKDF {
    /// Parameter errors; OpenBSD's implementation rejects the same inputs.
    enum Error: Swift.Error, Equatable, Sendable {
        /// `rounds` was below 1.
        case invalidRounds
        /// The requested output was empty or longer than 1024 bytes.
        case invalidOutputLength
        /// The passphrase was empty; OpenBSD refuses it rather than deriving a key.
        case emptyPassphrase
        /// The salt was empty.
        case emptySalt
        /// The salt was longer than 1 MiB.
        case saltTooLong
    }

    /// Size of one bcrypt_hash output block in bytes.
    private static let hashSize = 32

    /// Largest output OpenBSD allows: at most 32 blocks, each contributing up to 32 bytes.
    static let maximumOutputByteCount = hashSize * hashSize

    /// Largest salt OpenBSD accepts.
    static let maximumSaltByteCount = 1 << 20

    /// bcrypt_hash's fixed plaintext, encrypted 64 times under the expanded state.
    private static let magic: [UInt8] = Array("OxychromaticBlowfishSwatDynamite".utf8)

    /// Derives `outputByteCount` key bytes from `passphrase` and `salt`.
    static func deriveKey(
        passphrase: [UInt8],
        salt: [UInt8],
        rounds: Int,
        outputByteCount: Int
    ) throws(BcryptPBKDF.Error) -> [UInt8] {
        // bcrypt_pbkdf, OpenBSD lib/libutil/bcrypt_pbkdf.c: parameter checks.
        guard rounds >= 1 else { throw .invalidRounds }
        guard outputByteCount >= 1, outputByteCount <= maximumOutputByteCount else {
            throw .invalidOutputLength
        }
        guard !passphrase.isEmpty else { throw .emptyPassphrase }
        guard !salt.isEmpty else { throw .emptySalt }
        guard salt.count <= maximumSaltByteCount else { throw .saltTooLong }

        // Each block contributes one byte per stride position, so every output
        // byte depends on all blocks being computed (defeats partial cracking).
        let stride = (outputByteCount + hashSize - 1) / hashSize
        let bytesPerBlock = (outputByteCount + stride - 1) / stride

        let sha2pass = sha512(passphrase)
        var key = [UInt8](repeating: 0, count: outputByteCount)
        var remaining = outputByteCount
        var block: UInt32 = 1

        while remaining > 0 {
            // bcrypt_pbkdf: block salt is SHA-512(salt ‖ big-endian 32-bit block counter).
            var countSalt = salt
            countSalt.append(UInt8(truncatingIfNeeded: block >> 24))
            countSalt.append(UInt8(truncatingIfNeeded: block >> 16))
            countSalt.append(UInt8(truncatingIfNeeded: block >> 8))
            countSalt.append(UInt8(truncatingIfNeeded: block))

            var tmp = bcryptHash(sha2pass: sha2pass, sha2salt: sha512(countSalt))
            var out = tmp
            var round = 1
            while round < rounds {
                // bcrypt_pbkdf: later rounds salt with the hash of the previous output.
                tmp = bcryptHash(sha2pass: sha2pass, sha2salt: sha512(tmp))
                var i = 0
                while i < hashSize {
                    out[i] ^= tmp[i]
                    i += 1
                }
                round += 1
            }

            // bcrypt_pbkdf, OpenBSD lib/libutil/bcrypt_pbkdf.c: scatter output across blocks.
            let amount = min(bytesPerBlock, remaining)
            var written = 0
            while written < amount {
                let destination = written * stride + Int(block - 1)
                if destination >= outputByteCount { break }
                key[destination] = out[written]
                written += 1
            }
            remaining -= written
            block += 1
        }
        return key
    }

    /// The bcrypt-style core ("bhash"): an eksblowfish state keyed by both
    /// hashes encrypts the magic string; yields 32 bytes.
    private static func bcryptHash(sha2pass: [UInt8], sha2salt: [UInt8]) -> [UInt8] {
        // bcrypt_pbkdf, OpenBSD lib/libutil/bcrypt_pbkdf.c: bcrypt_hash key setup.
        var state = Blowfish()
        state.expandState(salt: sha2salt, key: sha2pass)
        var i = 0
        while i < 64 {
            state.expand0State(key: sha2salt)
            state.expand0State(key: sha2pass)
            i += 1
        }

        // bcrypt_hash: the magic string read as eight big-endian words.
        var cdata = [UInt32](repeating: 0, count: magic.count / 4)
        var position = 0
        for index in cdata.indices {
            cdata[index] = Blowfish.stream2word(magic, position: &position)
        }
        i = 0
        while i < 64 {
            state.encrypt(blocks: &cdata)
            i += 1
        }

        // bcrypt_hash: words are emitted little-endian, unlike the big-endian input.
        var output = [UInt8]()
        output.reserveCapacity(cdata.count * 4)
        for word in cdata {
            output.append(UInt8(truncatingIfNeeded: word))
            output.append(UInt8(truncatingIfNeeded: word >> 8))
            output.append(UInt8(truncatingIfNeeded: word >> 16))
            output.append(UInt8(truncatingIfNeeded: word >> 24))
        }
        return output
    }

    /// The single SHA-512 call site, so the swift-crypto dependency stays in one line.
    static func sha512(_ bytes: [UInt8]) -> [UInt8] {
        Array(SHA512.hash(data: bytes))
    }
}
