import Testing

@testable import SSHKeys

/// BLAKE2b (RFC 7693): published vectors plus Python's hashlib as an independent oracle.
@Suite("BLAKE2b")
struct BLAKE2bTests {
    /// One digest: optional key, message, digest length and expected digest, with where it was published.
    struct Vector: Sendable, CustomTestStringConvertible {
        let source: String
        let key: [UInt8]
        let message: [UInt8]
        let outputByteCount: Int
        let digest: String
        var testDescription: String { source }
    }

    /// Key 00 01 … 3f, as used throughout the BLAKE2 reference KAT file.
    static let katKey = [UInt8](0..<64)

    /// hashlib vectors were made with Python 3.11 `hashlib.blake2b(message, key=key, digest_size=n).hexdigest()`.
    static let vectors: [Vector] = [
        // RFC 7693 Appendix A: BLAKE2b-512("abc").
        Vector(
            source: "RFC 7693 App. A, \"abc\"", key: [], message: Array("abc".utf8), outputByteCount: 64,
            digest: """
                ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1\
                7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923
                """
        ),
        // BLAKE2b-512 of the empty string (BLAKE2 reference implementation, b2sum; also hashlib).
        Vector(
            source: "empty input", key: [], message: [], outputByteCount: 64,
            digest: """
                786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419\
                d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce
                """
        ),
        // BLAKE2 reference blake2b-kat.txt, key 00..3f, in = (empty): the key block is also the last block.
        Vector(
            source: "KAT keyed, empty input", key: katKey, message: [], outputByteCount: 64,
            digest: """
                10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786\
                b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568
                """
        ),
        // BLAKE2 reference blake2b-kat.txt, key 00..3f, in = 00.
        Vector(
            source: "KAT keyed, input 00", key: katKey, message: [0x00], outputByteCount: 64,
            digest: """
                961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4\
                187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd
                """
        ),
        // blake2b-kat.txt entry 128 (hashlib): exactly one full message block after the key block.
        Vector(
            source: "KAT keyed, input 00..7f", key: katKey, message: Array(0..<128), outputByteCount: 64,
            digest: """
                72065ee4dd91c2d8509fa1fc28a37c7fc9fa7d5b3f8ad3d0d7a25626b57b1b44\
                788d4caf806290425f9890a3a2a35a905ab4b37acfd0da6e4517b2525c9651e4
                """
        ),
        // blake2b-kat.txt last entry (hashlib): 255 bytes, a partial final block.
        Vector(
            source: "KAT keyed, input 00..fe", key: katKey, message: Array(0..<255), outputByteCount: 64,
            digest: """
                142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248\
                4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461
                """
        ),
        // hashlib: short key, which is zero-padded to a whole block.
        Vector(
            source: "hashlib, 3-byte key", key: Array("key".utf8),
            message: Array("The quick brown fox jumps over the lazy dog".utf8), outputByteCount: 64,
            digest: """
                66f642208454bf2e066dac9eab68fae0146bb544c1d46e1f427008f068a45d87\
                2cd0c1fc23e7ba82a95d084aadf5e4af9edaf761fb6ced9e485a28c59a3f714c
                """
        ),
        // hashlib: truncated digests change the parameter block, not just the output length.
        Vector(
            source: "hashlib, 00..ff, 32-byte digest", key: [], message: Array(0...255), outputByteCount: 32,
            digest: "39a7eb9fedc19aabc83425c6755dd90e6f9d0c804964a1f4aaeea3b9fb599835"
        ),
        Vector(
            source: "hashlib, 00..7f, 20-byte digest", key: [], message: Array(0..<128), outputByteCount: 20,
            digest: "e6992372ab022447b34f6d6032fbab707a11adef"
        ),
        Vector(
            source: "hashlib, 00..80, 1-byte digest", key: [], message: Array(0...128), outputByteCount: 1,
            digest: "c7"
        ),
    ]

    @Test("Published and oracle vectors", arguments: vectors)
    func digest(_ vector: Vector) {
        var hasher = BLAKE2b(outputByteCount: vector.outputByteCount, key: vector.key)
        hasher.update(vector.message)
        #expect(Self.hex(hasher.finalize()) == Self.normalised(vector.digest))
    }

    @Test("One-shot hash matches the streaming API", arguments: vectors.filter { $0.key.isEmpty })
    func oneShot(_ vector: Vector) {
        let digest = BLAKE2b.hash(vector.message, outputByteCount: vector.outputByteCount)
        #expect(Self.hex(digest) == Self.normalised(vector.digest))
    }

    /// Chunk sizes straddling the 128-byte block boundary, where the "hold back the last block" rule matters.
    @Test("Chunked updates give the same digest", arguments: [1, 7, 64, 127, 128, 129, 255, 256, 1000])
    func chunkedUpdates(chunkSize: Int) {
        let message = (0..<777).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = BLAKE2b.hash(message, outputByteCount: 64)
        for key in [[], Self.katKey] {
            var oneShot = BLAKE2b(outputByteCount: 64, key: key)
            oneShot.update(message)
            var chunked = BLAKE2b(outputByteCount: 64, key: key)
            var offset = 0
            while offset < message.count {
                let end = min(offset + chunkSize, message.count)
                chunked.update(message[offset..<end])
                offset = end
            }
            let chunkedDigest = chunked.finalize()
            let oneShotDigest = oneShot.finalize()
            #expect(chunkedDigest == oneShotDigest)
            if key.isEmpty { #expect(chunkedDigest == expected) }
        }
    }

    @Test("Non-contiguous sequences are accepted")
    func nonContiguousSequence() {
        var hasher = BLAKE2b(outputByteCount: 32)
        hasher.update((0...255).lazy.map { UInt8($0) })
        // Same message and digest as the "hashlib, 00..ff, 32-byte digest" vector.
        #expect(Self.hex(hasher.finalize()) == "39a7eb9fedc19aabc83425c6755dd90e6f9d0c804964a1f4aaeea3b9fb599835")
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
