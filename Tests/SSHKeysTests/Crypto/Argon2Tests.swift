import Testing

@testable import SSHKeys

/// Argon2 v0x13 (RFC 9106): the RFC's own vectors plus argon2-cffi (the C reference) as an oracle.
@Suite("Argon2")
struct Argon2Tests {
    // MARK: - RFC 9106 §5

    /// One RFC 9106 §5 tag; all three share the inputs below and differ only in the variant.
    struct RFCVector: Sendable, CustomTestStringConvertible {
        let section: String
        let variant: Argon2.Variant
        let tag: String
        var testDescription: String { "RFC 9106 \(section)" }
    }

    static let rfcVectors: [RFCVector] = [
        // RFC 9106 §5.1 Argon2d tag.
        RFCVector(
            section: "§5.1 Argon2d", variant: .d,
            tag: "512b391b6f1162975371d30919734294 f868e3be3984f3c1a13a4db9fabe4acb"
        ),
        // RFC 9106 §5.2 Argon2i tag.
        RFCVector(
            section: "§5.2 Argon2i", variant: .i,
            tag: "c814d9d1dc7f37aa13f0d77f2494bda1 c8de6b016dd388d29952a4c4672b6ce8"
        ),
        // RFC 9106 §5.3 Argon2id tag.
        RFCVector(
            section: "§5.3 Argon2id", variant: .id,
            tag: "0d640df58d78766c08c037a34a8b53c9 d01ef0452d75b65eb52520e96b01e659"
        ),
    ]

    /// RFC 9106 §5: m = 32 KiB, t = 3, p = 4, T = 32, P = 32 × 01, S = 16 × 02, K = 8 × 03, X = 12 × 04.
    @Test("RFC 9106 §5 test vectors", arguments: rfcVectors)
    func rfcVector(_ vector: RFCVector) throws {
        let tag = try Argon2.deriveKey(
            password: [UInt8](repeating: 0x01, count: 32),
            salt: [UInt8](repeating: 0x02, count: 16),
            variant: vector.variant,
            memoryKiB: 32,
            passes: 3,
            parallelism: 4,
            tagLength: 32,
            secret: [UInt8](repeating: 0x03, count: 8),
            associatedData: [UInt8](repeating: 0x04, count: 12)
        )
        #expect(Self.hex(tag) == Self.normalised(vector.tag))
    }

    // MARK: - argon2-cffi oracle

    /// A PuTTY-shaped derivation (tag 80 = key 32 + IV 16 + MAC key 32, no secret or associated data).
    struct OracleVector: Sendable, CustomTestStringConvertible {
        let variant: Argon2.Variant
        let memoryKiB: Int
        let passes: Int
        let parallelism: Int
        let password: [UInt8]
        let tag: String
        var testDescription: String { "Argon2\(variant) m=\(memoryKiB) t=\(passes) p=\(parallelism)" }
    }

    static let oraclePassword = Array("correct horse battery staple".utf8)
    static let oracleSalt = [UInt8](0..<16)

    /// Made with argon2-cffi 25.1.0 (Python 3.11), which wraps the reference C implementation:
    /// `argon2.low_level.hash_secret_raw(secret=password, salt=bytes(range(16)), time_cost=t,
    ///  memory_cost=m, parallelism=p, hash_len=80, type=Type.ID/I/D, version=19).hex()`
    /// with password b"correct horse battery staple" unless stated otherwise.
    static let oracleVectors: [OracleVector] = [
        // puttygen's default shape, cut to one pass: Argon2id, 8 MiB, p = 1.
        OracleVector(
            variant: .id, memoryKiB: 8192, passes: 1, parallelism: 1, password: oraclePassword,
            tag: """
                eee3c74af6c8faad62f9bca850c4ca2af3cc2373b44cc91be8fc9d352af9f1be\
                a3fa2dcba533f44b2f452c54d00d453d39a4a7dca2a82e5b573d08cede4760a4\
                89df4be5102fc38b28d10e0a1603841d
                """
        ),
        OracleVector(
            variant: .i, memoryKiB: 64, passes: 3, parallelism: 1, password: oraclePassword,
            tag: """
                7a4352d8c0839cb37c0e5e6d5df1b53acc7e1e19da6ea3c777b06a5fde641ae6\
                7ed434ccf2ca05f8584107b0239915bc911c05d311e427c174ac4360f4f96f43\
                4e979f7b48eb8c5ecaa27ba294ab2efd
                """
        ),
        OracleVector(
            variant: .d, memoryKiB: 64, passes: 3, parallelism: 1, password: oraclePassword,
            tag: """
                12d33349ee7f1dabef8ab8e436131232b16335522d479721af67a26b0d066497\
                9aa960a1ece40b2559d8bc9f40eba97129d2d285c6bdec5dbfe334b476d0c566\
                aa0026452ad01f8ab9d12c3c3fee81e6
                """
        ),
        // Empty passphrase (password = b"").
        OracleVector(
            variant: .id, memoryKiB: 64, passes: 1, parallelism: 1, password: [],
            tag: """
                ca1cf1615eb1b06f817104b7354a1485e5d62b3490a2a527f2046a74d271c7df\
                bd32aac216fb31ed88116bd7f245da94796a686bc754dba8342c830f53d8a25f\
                09494845d50cf7302b5446afb39f17bf
                """
        ),
        // Two lanes with Argon2id: cross-lane references and the switch to data-dependent addressing.
        OracleVector(
            variant: .id, memoryKiB: 64, passes: 2, parallelism: 2, password: oraclePassword,
            tag: """
                f47d28d58f4d20cb8af34c2ff03cfc1352b01a0fc7040e62b2a542dda107042c\
                4415b75e8c05f01c3ee239c761344fc9c38fc6983c9e1309a1c8f67e0d5565b4\
                e03b0f75946c5c9cc431268919c20749
                """
        ),
        // Argon2i with 256-block segments: address blocks are regenerated mid-segment.
        OracleVector(
            variant: .i, memoryKiB: 2048, passes: 2, parallelism: 2, password: oraclePassword,
            tag: """
                63b6bb98fe35c485401ca9d86686021d35025b83ad1a5070da30ca210e90dcd1\
                aefeca13bcb5d40380a995065a759b58532594b99c0611aa36ddb3ff85d13016\
                789600903a65068d5ec1bb7dbb26ebf8
                """
        ),
        // m = 1024 with p = 3 rounds down to m' = 1020 blocks (RFC 9106 §3.2 step 2).
        OracleVector(
            variant: .d, memoryKiB: 1024, passes: 2, parallelism: 3, password: oraclePassword,
            tag: """
                6765e11f930923a6629061de50b5771d98577f9d10b9dc7c9136200b4e4e627d\
                0af312ecb035d5ddff291fa2fa32716cbc0e4e504203560ae620b70aed4c118b\
                036c4f448ea9c342201620a1c3a7b751
                """
        ),
        // m = 37 rounds down to 36 blocks, but H0 still hashes the requested 37.
        OracleVector(
            variant: .id, memoryKiB: 37, passes: 3, parallelism: 1, password: oraclePassword,
            tag: """
                0ce8334c93aac2a21616ea4c35b9683941f228a9db652d70b8be91c909ff7b74\
                582585a4949a5d14dde71bc1c6464f3bbc57f11adc1f32c8413fced2bfd50d38\
                7a83d2de2701a790e9f4b9497f4114de
                """
        ),
    ]

    @Test("argon2-cffi oracle vectors", arguments: oracleVectors)
    func oracleVector(_ vector: OracleVector) throws {
        let tag = try Argon2.deriveKey(
            password: vector.password,
            salt: Self.oracleSalt,
            variant: vector.variant,
            memoryKiB: vector.memoryKiB,
            passes: vector.passes,
            parallelism: vector.parallelism,
            tagLength: 80
        )
        #expect(Self.hex(tag) == Self.normalised(vector.tag))
    }

    // MARK: - H′

    /// Lengths around the 64-byte switch-over and the r = ceil(T/32) - 2 chaining of RFC 9106 §3.3.
    /// Made with Python 3.11 hashlib.blake2b following RFC 9106 §3.3 step by step, for X = "abc".
    @Test(
        "Variable-length hash H′",
        arguments: [
            (4, "3e6c02ac"),
            (64, """
                f32577a3172f56657d531faaa43077bb8c9726ada7bb04dd337ec5a65454abff\
                241ad6b87a72440e5127c6f9caa70327f2a699096e52d163eb52d9cd99620593
                """),
            (65, """
                77baa447fe6f777c9bcb519545ce80badaf08ecb973fbb4ff45af7d8b569ec7c\
                aad65f72669d05153cdeaa563a162bb5ae4c42214551593816008dc560c5a653\
                91
                """),
            (80, """
                5d68eb82d654079acb319d902b8d6171deea7b9b5070c8ec78696e85cd53744e\
                3a0e094200767307474275ff1870fcd6d8dca4f68abe1f0be270e88618b3e0fe\
                f8721ff6b0ea05aa7769576eb6eccfc1
                """),
            (128, """
                e03f682135fde8cb7caea3c8ad7c0a7e78efb026e119732d27b1eea7ba92335a\
                7eb8825c755809add7833e7f75e7a5915bb1b3e70eca7b61bec34cd8c486f800\
                5b05f94166103045f120f568fa1952f24e2a032a35d96e5a61fe520090178a4b\
                60490d839f773b71f88589442d94bf5614c401e1a49b7d4d6e34782c0130e1c2
                """),
        ]
    )
    func variableLengthHash(length: Int, expected: String) {
        let output = Argon2.variableLengthHash(Array("abc".utf8), outputByteCount: length)
        #expect(output.count == length)
        #expect(Self.hex(output) == Self.normalised(expected))
    }

    // MARK: - Parameter validation

    /// Parameters that must be refused, with the error each one should produce.
    struct InvalidParameters: Sendable, CustomTestStringConvertible {
        let name: String
        var saltLength = 16
        var memoryKiB = 64
        var passes = 1
        var parallelism = 1
        var tagLength = 32
        let error: Argon2.Error
        var testDescription: String { name }
    }

    static let invalidParameters: [InvalidParameters] = [
        InvalidParameters(name: "parallelism 0", parallelism: 0, error: .invalidParallelism(0)),
        InvalidParameters(
            name: "parallelism 2^24", memoryKiB: 1 << 30, parallelism: 1 << 24, error: .invalidParallelism(1 << 24)
        ),
        InvalidParameters(name: "tag 3 bytes", tagLength: 3, error: .invalidTagLength(3)),
        InvalidParameters(name: "tag 2^32 bytes", tagLength: 1 << 32, error: .invalidTagLength(1 << 32)),
        InvalidParameters(
            name: "memory below 8p", memoryKiB: 31, parallelism: 4,
            error: .memoryTooSmall(memoryKiB: 31, minimumKiB: 32)
        ),
        InvalidParameters(
            name: "negative memory", memoryKiB: -8, error: .memoryTooSmall(memoryKiB: -8, minimumKiB: 8)
        ),
        InvalidParameters(
            name: "memory above 4 GiB", memoryKiB: 4 * 1024 * 1024 + 1,
            error: .memoryTooLarge(memoryKiB: 4 * 1024 * 1024 + 1, maximumKiB: 4 * 1024 * 1024)
        ),
        InvalidParameters(name: "zero passes", passes: 0, error: .invalidPasses(0)),
        InvalidParameters(name: "2^32 passes", passes: 1 << 32, error: .invalidPasses(1 << 32)),
        InvalidParameters(name: "7-byte salt", saltLength: 7, error: .saltTooShort(7)),
    ]

    @Test("Out-of-range parameters are refused", arguments: invalidParameters)
    func invalid(_ parameters: InvalidParameters) {
        #expect(throws: parameters.error) {
            try Argon2.deriveKey(
                password: Self.oraclePassword,
                salt: [UInt8](repeating: 0x02, count: parameters.saltLength),
                variant: .id,
                memoryKiB: parameters.memoryKiB,
                passes: parameters.passes,
                parallelism: parameters.parallelism,
                tagLength: parameters.tagLength
            )
        }
    }

    @Test("Boundary parameters are accepted")
    func boundaries() throws {
        // RFC 9106 §3.1 minimums: 8-byte salt, 4-byte tag, m = 8p.
        let tag = try Argon2.deriveKey(
            password: [], salt: [UInt8](repeating: 0, count: 8), variant: .d,
            memoryKiB: 16, passes: 1, parallelism: 2, tagLength: 4
        )
        #expect(tag.count == 4)
    }

    // MARK: - Helpers

    /// Bytes from hex, ignoring whitespace; vectors are literals, so a typo should stop the test loudly.
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = hex.filter { !$0.isWhitespace }.compactMap { $0.hexDigitValue }
        precondition(digits.count % 2 == 0, "odd-length hex literal in a test vector")
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
    }

    /// Lower-case hex without separators.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
    }

    /// A hex literal with whitespace removed, for comparison with `hex(_:)`.
    static func normalised(_ hex: String) -> String {
        Self.hex(bytes(hex))
    }
}
