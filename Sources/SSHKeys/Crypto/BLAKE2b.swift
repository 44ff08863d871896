/// BLAKE2b hash function (RFC 7693), the primitive underneath Argon2's H and H′.
///
/// Kept dependency-free because neither swift-crypto nor CryptoKit exposes BLAKE2b.
struct BLAKE2b {
    /// Bytes per message block (RFC 7693 §2.1: bb = 128).
    static let blockByteCount = 128
    /// Largest digest and key size (RFC 7693 §2.1: nn, kk ≤ 64).
    static let maxOutputByteCount = 64

    // RFC 7693 §2.6: the IV equals SHA-512's initial hash value.
    private static let iv: [UInt64] = [
        0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1,
        0x510E_527F_ADE6_82D1, 0x9B05_688C_2B3E_6C1F, 0x1F83_D9AB_FB41_BD6B, 0x5BE0_CD19_137E_2179,
    ]

    // RFC 7693 §2.7: message schedule; rounds 10 and 11 reuse rows 0 and 1.
    private static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    /// Digest length nn in bytes, 1...64.
    let outputByteCount: Int
    private var state: [UInt64]
    // The newest full block stays buffered because only finalize knows whether it is the last one (§3.3).
    private var buffer: [UInt8]
    private var bufferedByteCount = 0
    // RFC 7693 §3.2: t is a 128-bit byte counter.
    private var counterLow: UInt64 = 0
    private var counterHigh: UInt64 = 0

    /// Starts a hash with digest length 1...64 bytes and an optional key of at most 64 bytes.
    init(outputByteCount: Int, key: [UInt8] = []) {
        precondition((1...Self.maxOutputByteCount).contains(outputByteCount), "BLAKE2b digest length must be 1...64")
        precondition(key.count <= Self.maxOutputByteCount, "BLAKE2b key must be at most 64 bytes")
        self.outputByteCount = outputByteCount
        // RFC 7693 §3.3: h[0] ^= 0x0101kknn (parameter block with fanout = depth = 1).
        var state = Self.iv
        state[0] ^= 0x0101_0000 ^ (UInt64(key.count) << 8) ^ UInt64(outputByteCount)
        self.state = state
        self.buffer = [UInt8](repeating: 0, count: Self.blockByteCount)
        if !key.isEmpty {
            // RFC 7693 §3.3: a non-empty key is padded to a full block and processed as the first block.
            buffer.replaceSubrange(0..<key.count, with: key)
            bufferedByteCount = Self.blockByteCount
        }
    }

    /// Absorbs more message bytes.
    mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(contiguous: $0) }
        if handled == nil {
            Array(bytes).withUnsafeBufferPointer { update(contiguous: $0) }
        }
    }

    /// Absorbs bytes from contiguous storage, compressing every block that is known not to be the last.
    private mutating func update(contiguous input: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < input.count {
            if bufferedByteCount == Self.blockByteCount {
                // More input follows, so the buffered block is not final (§3.3).
                addToCounter(Self.blockByteCount)
                compressBuffer(isLastBlock: false)
                bufferedByteCount = 0
            }
            let take = min(Self.blockByteCount - bufferedByteCount, input.count - offset)
            for index in 0..<take {
                buffer[bufferedByteCount + index] = input[offset + index]
            }
            bufferedByteCount += take
            offset += take
        }
    }

    /// Pads and compresses the final block, returning the nn-byte digest.
    consuming func finalize() -> [UInt8] {
        // RFC 7693 §3.3: the last block is zero-padded and the counter counts only real bytes.
        addToCounter(bufferedByteCount)
        for index in bufferedByteCount..<Self.blockByteCount {
            buffer[index] = 0
        }
        compressBuffer(isLastBlock: true)
        // RFC 7693 §3.3: the digest is the little-endian encoding of h, truncated to nn bytes.
        var digest = [UInt8]()
        digest.reserveCapacity(outputByteCount)
        for index in 0..<outputByteCount {
            digest.append(UInt8(truncatingIfNeeded: state[index / 8] >> (UInt64(index % 8) * 8)))
        }
        return digest
    }

    /// One-shot unkeyed BLAKE2b with a digest of 1...64 bytes.
    static func hash(_ bytes: [UInt8], outputByteCount: Int) -> [UInt8] {
        var hasher = BLAKE2b(outputByteCount: outputByteCount)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Adds a byte count to the 128-bit counter t.
    private mutating func addToCounter(_ byteCount: Int) {
        let (sum, overflow) = counterLow.addingReportingOverflow(UInt64(byteCount))
        counterLow = sum
        if overflow { counterHigh &+= 1 }
    }

    /// RFC 7693 §3.2 compression function F applied to the buffered block.
    private mutating func compressBuffer(isLastBlock: Bool) {
        // RFC 7693 §2.4: message words are little-endian.
        var m = [UInt64](repeating: 0, count: 16)
        for word in 0..<16 {
            var value: UInt64 = 0
            for byte in 0..<8 {
                value |= UInt64(buffer[word * 8 + byte]) << (UInt64(byte) * 8)
            }
            m[word] = value
        }
        // RFC 7693 §3.2: v[0..7] = h, v[8..15] = IV, then mix in the counter and the final-block flag.
        var v = state + Self.iv
        v[12] ^= counterLow
        v[13] ^= counterHigh
        if isLastBlock { v[14] = ~v[14] }
        // RFC 7693 §3.2: twelve rounds; the schedule wraps after ten.
        for round in 0..<12 {
            let s = Self.sigma[round % 10]
            Self.mix(&v, 0, 4, 8, 12, m[s[0]], m[s[1]])
            Self.mix(&v, 1, 5, 9, 13, m[s[2]], m[s[3]])
            Self.mix(&v, 2, 6, 10, 14, m[s[4]], m[s[5]])
            Self.mix(&v, 3, 7, 11, 15, m[s[6]], m[s[7]])
            Self.mix(&v, 0, 5, 10, 15, m[s[8]], m[s[9]])
            Self.mix(&v, 1, 6, 11, 12, m[s[10]], m[s[11]])
            Self.mix(&v, 2, 7, 8, 13, m[s[12]], m[s[13]])
            Self.mix(&v, 3, 4, 9, 14, m[s[14]], m[s[15]])
        }
        // RFC 7693 §3.2: h ^= v[0..7] ^ v[8..15].
        for index in 0..<8 {
            state[index] ^= v[index] ^ v[index + 8]
        }
    }

    /// RFC 7693 §3.1 mixing function G with rotations (R1, R2, R3, R4) = (32, 24, 16, 63).
    private static func mix(_ v: inout [UInt64], _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
        v[a] = v[a] &+ v[b] &+ x
        v[d] = rotateRight(v[d] ^ v[a], 32)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 24)
        v[a] = v[a] &+ v[b] &+ y
        v[d] = rotateRight(v[d] ^ v[a], 16)
        v[c] = v[c] &+ v[d]
        v[b] = rotateRight(v[b] ^ v[c], 63)
    }

    /// 64-bit right rotation.
    private static func rotateRight(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value >> count) | (value << (64 - count))
    }
}
