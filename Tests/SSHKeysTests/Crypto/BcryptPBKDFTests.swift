import Testing
@testable import SSHKeys

/// Known-answer tests for `Blowfish` and `BcryptPBKDF`.
@Suite("bcrypt_pbkdf")
struct BcryptPBKDFTests {
    /// One bcrypt_pbkdf known answer.
    struct KDFVector: Sendable, CustomTestStringConvertible {
        let name: String
        let passphrase: [UInt8]
        let saltHex: String
        let rounds: Int
        let expectedHex: String

        var testDescription: String { "\(name), rounds \(rounds), \(expectedHex.count / 2) bytes" }
    }

    // Expected outputs come from an independent oracle, pyca/bcrypt 5.0.0 (Rust
    // implementation of OpenBSD bcrypt_pbkdf), installed with `pip install bcrypt`:
    //
    //   python3 -c 'import bcrypt; print(bcrypt.kdf(PASSPHRASE, SALT, LENGTH, ROUNDS,
    //                                              ignore_few_rounds=True).hex())'
    //
    // with PASSPHRASE as the UTF-8 bytes shown, SALT = bytes.fromhex(saltHex) and
    // LENGTH = len(expectedHex) / 2.
    static let vectors: [KDFVector] = [
        KDFVector(
            name: "password/salt",
            passphrase: Array("password".utf8), saltHex: "73616c74", rounds: 4,
            expectedHex: "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9"
        ),
        KDFVector(
            name: "single round",
            passphrase: Array("password".utf8), saltHex: "73616c74", rounds: 1,
            expectedHex: "7af41469e52860da49debfaa6a4e12a2cb857b907b2bb20d2902a9ccd424adb1"
        ),
        // 48 bytes is aes256-ctr's key + IV, the common OpenSSH case (stride 2).
        KDFVector(
            name: "aes256-ctr key+iv",
            passphrase: Array("password".utf8), saltHex: "000102030405060708090a0b0c0d0e0f", rounds: 16,
            expectedHex: "3bf00d79f63fbfe0da0fb0fdf469a1a144b39eb1c527e3e7e7acc2639b77a272"
                + "851b705e76d964c0277a199a494ca980"
        ),
        KDFVector(
            name: "two full blocks",
            passphrase: Array("password".utf8), saltHex: "73616c74", rounds: 4,
            expectedHex: "5ba4bfc60c7ac272931458407f4c1c4936ea356c55125c5a279b791d65bf9842"
                + "d49d7e1b572a9052715ebfa9421e7e949d8f8f19be3284732af1ba28341dd9bf"
        ),
        // 80 bytes: stride 3, so the last block only fills part of its share.
        KDFVector(
            name: "three-way stride",
            passphrase: Array("correct horse battery staple".utf8), saltHex: "4e61436c", rounds: 4,
            expectedHex: "0f0aa58e104ee0e7b539c7f28bd54a24c0d57a80f3b9026c087996052f18d0db"
                + "98d3cdaed77f0a97ea7099f0e463970fcd6a6e9e5073b8a6085029a2dbc6b294"
                + "e29b915ca2a66fac4bfc25f92f6c8d2e"
        ),
        // 33 bytes: stride 2 with 17 bytes per block, so the scatter must stop early.
        KDFVector(
            name: "long passphrase, odd length",
            passphrase: [UInt8](repeating: 0x78, count: 100), saltHex: "73", rounds: 2,
            expectedHex: "371c41e5fa4d2a8ab3e0409c9b8d2547e4b3214f39ef56b1184ce3de8881cf0776"
        ),
        KDFVector(
            name: "non-ASCII passphrase",
            passphrase: Array("pässwörd ✓ 🔑".utf8), saltHex: "e3f42f7b4a1649b146257c5a97f65964", rounds: 16,
            expectedHex: "fe0ae7d9d1ece2db7f56ce6168bca573f2cd11d9a998573ff6dba598be9f70b0"
                + "50aa4056b64df694c9269464861c2770"
        ),
        KDFVector(
            name: "binary passphrase, one byte",
            passphrase: [0x00, 0xff, 0x80, 0x7f], saltHex: "ffffffffffffff", rounds: 1,
            expectedHex: "1e"
        ),
        // End to end: a key written by `ssh-keygen -t ed25519 -N 'pässwörd' -a 16 -f /tmp/x
        // -C amikey-test` (OpenSSH_9.2p1 Debian-2+deb12u10). Its kdfoptions were read with
        //
        //   blob = base64.b64decode(b64 body of /tmp/x); off = len(b"openssh-key-v1\0")
        //   read three SSH strings (ciphername, kdfname, kdfoptions) from blob at off
        //   salt = kdfoptions[4:4+be32(kdfoptions[0:4])]; rounds = be32(next 4 bytes)
        //
        // giving aes256-ctr, bcrypt, salt e3f42f7b4a1649b146257c5a97f65964, rounds 16;
        // bcrypt.kdf("pässwörd".encode(), salt, 48, 16) then gave the bytes below, and
        // AES-256-CTR with them decrypted the file's private section (checkints matched).
        KDFVector(
            name: "ssh-keygen ed25519 key",
            passphrase: Array("pässwörd".utf8), saltHex: "e3f42f7b4a1649b146257c5a97f65964", rounds: 16,
            expectedHex: "c8b296f7a4fd5a488bc622fc5066f6250f1f7ae58ea6fe6b717d44756bea8342"
                + "ed21d3079fd236653a2c239b12e4223d"
        ),
    ]

    @Test("derives the oracle's bytes", arguments: vectors)
    func derivesKnownAnswer(_ vector: KDFVector) throws {
        let salt = try #require(Self.bytes(fromHex: vector.saltHex))
        let expected = try #require(Self.bytes(fromHex: vector.expectedHex))
        let derived = try BcryptPBKDF.deriveKey(
            passphrase: vector.passphrase,
            salt: salt,
            rounds: vector.rounds,
            outputByteCount: expected.count
        )
        #expect(derived == expected)
    }

    /// One set of parameters OpenBSD's bcrypt_pbkdf refuses, with the error we expect.
    struct InvalidParameters: Sendable, CustomTestStringConvertible {
        let passphrase: [UInt8]
        let salt: [UInt8]
        let rounds: Int
        let outputByteCount: Int
        let error: BcryptPBKDF.Error

        var testDescription: String {
            "\(error): rounds \(rounds), output \(outputByteCount), passphrase \(passphrase.count) B, salt \(salt.count) B"
        }
    }

    // OpenBSD (and pyca/bcrypt) refuse an empty passphrase instead of deriving a key,
    // so there is no oracle value for it; we match the refusal.
    static let invalidParameters: [InvalidParameters] = [
        InvalidParameters(passphrase: [1], salt: [1], rounds: 0, outputByteCount: 32, error: .invalidRounds),
        InvalidParameters(passphrase: [1], salt: [1], rounds: -5, outputByteCount: 32, error: .invalidRounds),
        InvalidParameters(passphrase: [1], salt: [1], rounds: 1, outputByteCount: 0, error: .invalidOutputLength),
        InvalidParameters(passphrase: [1], salt: [1], rounds: 1, outputByteCount: 1025, error: .invalidOutputLength),
        InvalidParameters(passphrase: [], salt: [1], rounds: 1, outputByteCount: 32, error: .emptyPassphrase),
        InvalidParameters(passphrase: [1], salt: [], rounds: 1, outputByteCount: 32, error: .emptySalt),
        InvalidParameters(
            passphrase: [1], salt: [UInt8](repeating: 0, count: (1 << 20) + 1), rounds: 1, outputByteCount: 32,
            error: .saltTooLong
        ),
    ]

    @Test("rejects what OpenBSD rejects", arguments: invalidParameters)
    func rejectsInvalidParameters(_ parameters: InvalidParameters) {
        #expect(throws: parameters.error) {
            try BcryptPBKDF.deriveKey(
                passphrase: parameters.passphrase,
                salt: parameters.salt,
                rounds: parameters.rounds,
                outputByteCount: parameters.outputByteCount
            )
        }
    }

    @Test("accepts the largest output OpenBSD allows")
    func acceptsMaximumOutput() throws {
        let derived = try BcryptPBKDF.deriveKey(passphrase: [1], salt: [1], rounds: 1, outputByteCount: 1024)
        #expect(derived.count == 1024)
    }

    /// One Blowfish ECB known answer: key, plaintext, ciphertext in hex.
    struct BlockVector: Sendable, CustomTestStringConvertible {
        let keyHex: String
        let plaintextHex: String
        let ciphertextHex: String

        var testDescription: String { "key \(keyHex)" }
    }

    // Eric Young's Blowfish test vectors as published on Schneier's Blowfish page: the
    // first six from the 8-byte-key ECB table, the rest from the variable-key-length
    // table, whose 5-, 7- and 13-byte keys make the key schedule wrap mid-word.
    // All were also cross-checked with Python `cryptography` 48.0.0's Blowfish-ECB.
    static let blockVectors: [BlockVector] = [
        BlockVector(keyHex: "0000000000000000", plaintextHex: "0000000000000000", ciphertextHex: "4ef997456198dd78"),
        BlockVector(keyHex: "ffffffffffffffff", plaintextHex: "ffffffffffffffff", ciphertextHex: "51866fd5b85ecb8a"),
        BlockVector(keyHex: "3000000000000000", plaintextHex: "1000000000000001", ciphertextHex: "7d856f9a613063f2"),
        BlockVector(keyHex: "1111111111111111", plaintextHex: "1111111111111111", ciphertextHex: "2466dd878b963c9d"),
        BlockVector(keyHex: "0123456789abcdef", plaintextHex: "1111111111111111", ciphertextHex: "61f9c3802281b096"),
        BlockVector(keyHex: "fedcba9876543210", plaintextHex: "0123456789abcdef", ciphertextHex: "0aceab0fc6a0a28d"),
        BlockVector(keyHex: "f0e1d2c3b4", plaintextHex: "fedcba9876543210", ciphertextHex: "b39e44481bdb1e6e"),
        BlockVector(keyHex: "f0e1d2c3b4a596", plaintextHex: "fedcba9876543210", ciphertextHex: "8bb77032f960629d"),
        BlockVector(
            keyHex: "f0e1d2c3b4a5968778695a4b3c", plaintextHex: "fedcba9876543210",
            ciphertextHex: "884f80625060b8b4"
        ),
        BlockVector(
            keyHex: "f0e1d2c3b4a5968778695a4b3c2d1e0f0011223344556677", plaintextHex: "fedcba9876543210",
            ciphertextHex: "05044b62fa52d080"
        ),
    ]

    @Test("Blowfish matches Schneier's ECB vectors", arguments: blockVectors)
    func blowfishEncryptsBlock(_ vector: BlockVector) throws {
        let key = try #require(Self.bytes(fromHex: vector.keyHex))
        let plaintext = try #require(Self.bytes(fromHex: vector.plaintextHex))
        let expected = try #require(Self.bytes(fromHex: vector.ciphertextHex))

        var position = 0
        var left = Blowfish.stream2word(plaintext, position: &position)
        var right = Blowfish.stream2word(plaintext, position: &position)
        Blowfish(key: key).encrypt(&left, &right)

        var blocks = [left, right]
        var ciphertext: [UInt8] = []
        for word in blocks {
            ciphertext += [UInt8(word >> 24), UInt8((word >> 16) & 0xff), UInt8((word >> 8) & 0xff), UInt8(word & 0xff)]
        }
        #expect(ciphertext == expected)

        // blf_enc-style bulk encryption must agree with the single-block call.
        position = 0
        blocks = [Blowfish.stream2word(plaintext, position: &position), Blowfish.stream2word(plaintext, position: &position)]
        Blowfish(key: key).encrypt(blocks: &blocks)
        #expect(blocks == [left, right])
    }

    @Test("stream2word cycles through short data as OpenBSD does")
    func stream2wordWraps() {
        var position = 0
        let data: [UInt8] = [0x01, 0x02, 0x03]
        #expect(Blowfish.stream2word(data, position: &position) == 0x0102_0301)
        #expect(Blowfish.stream2word(data, position: &position) == 0x0203_0102)
        #expect(position == 2)
    }

    /// Decodes an even-length hex string, or nil if it is malformed.
    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// Value of one ASCII hex digit.
    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
