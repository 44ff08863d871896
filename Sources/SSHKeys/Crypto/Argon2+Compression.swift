extension Argon2 {
    /// RFC 9106 §3.5 compression G(X, Y) into `out`; with `accumulate` the result is XORed into `out` (v1.3, passes > 0).
    ///
    /// `scratch` must hold two blocks. `out` may alias `y`, because both inputs are consumed before `out` is written.
    static func compress(
        _ x: UnsafePointer<UInt64>,
        _ y: UnsafePointer<UInt64>,
        into out: UnsafeMutablePointer<UInt64>,
        accumulate: Bool,
        scratch: UnsafeMutablePointer<UInt64>
    ) {
        let r = scratch
        let q = scratch + wordsPerBlock
        // RFC 9106 §3.5: R = X XOR Y; Q starts as a copy that P then rewrites in place.
        for word in 0..<wordsPerBlock {
            let value = x[word] ^ y[word]
            r[word] = value
            q[word] = value
        }
        // RFC 9106 §3.5: P on each row, i.e. eight consecutive 16-byte registers.
        for row in 0..<8 {
            permute(q, start: row * 16, stride: 2)
        }
        // RFC 9106 §3.5: P on each column, i.e. register `column` of every row.
        for column in 0..<8 {
            permute(q, start: column * 2, stride: 16)
        }
        // RFC 9106 §3.5: G = Z XOR R; §3.2 step 6 (v1.3) XORs later passes into the old block.
        if accumulate {
            for word in 0..<wordsPerBlock {
                out[word] ^= q[word] ^ r[word]
            }
        } else {
            for word in 0..<wordsPerBlock {
                out[word] = q[word] ^ r[word]
            }
        }
    }

    /// RFC 9106 §3.6 permutation P over eight 16-byte registers at `start`, `start + stride`, … (in words).
    static func permute(_ block: UnsafeMutablePointer<UInt64>, start: Int, stride: Int) {
        // Register S_i = (v_{2i+1} || v_{2i}); loading into locals keeps the 8 GB calls off memory.
        let s0 = block + start
        let s1 = s0 + stride
        let s2 = s1 + stride
        let s3 = s2 + stride
        let s4 = s3 + stride
        let s5 = s4 + stride
        let s6 = s5 + stride
        let s7 = s6 + stride
        var v0 = s0[0], v1 = s0[1], v2 = s1[0], v3 = s1[1]
        var v4 = s2[0], v5 = s2[1], v6 = s3[0], v7 = s3[1]
        var v8 = s4[0], v9 = s4[1], v10 = s5[0], v11 = s5[1]
        var v12 = s6[0], v13 = s6[1], v14 = s7[0], v15 = s7[1]
        // RFC 9106 §3.6: GB over the columns of the 4×4 word matrix…
        mix(&v0, &v4, &v8, &v12)
        mix(&v1, &v5, &v9, &v13)
        mix(&v2, &v6, &v10, &v14)
        mix(&v3, &v7, &v11, &v15)
        // …then over its diagonals.
        mix(&v0, &v5, &v10, &v15)
        mix(&v1, &v6, &v11, &v12)
        mix(&v2, &v7, &v8, &v13)
        mix(&v3, &v4, &v9, &v14)
        s0[0] = v0; s0[1] = v1; s1[0] = v2; s1[1] = v3
        s2[0] = v4; s2[1] = v5; s3[0] = v6; s3[1] = v7
        s4[0] = v8; s4[1] = v9; s5[0] = v10; s5[1] = v11
        s6[0] = v12; s6[1] = v13; s7[0] = v14; s7[1] = v15
    }

    /// RFC 9106 §3.6 GB: BLAKE2b's G with BlaMka multiplication, rotations 32/24/16/63, no message words.
    static func mix(_ a: inout UInt64, _ b: inout UInt64, _ c: inout UInt64, _ d: inout UInt64) {
        // Written out by hand rather than via helpers: calls are not inlined at -Onone and this is the hot loop.
        let low: UInt64 = 0xFFFF_FFFF
        // RFC 9106 §3.6: a = a + b + 2 * trunc(a) * trunc(b); d = (d XOR a) >>> 32
        a = a &+ b &+ 2 &* (a & low) &* (b & low)
        d ^= a
        d = (d >> 32) | (d << 32)
        // c = c + d + 2 * trunc(c) * trunc(d); b = (b XOR c) >>> 24
        c = c &+ d &+ 2 &* (c & low) &* (d & low)
        b ^= c
        b = (b >> 24) | (b << 40)
        // a = a + b + 2 * trunc(a) * trunc(b); d = (d XOR a) >>> 16
        a = a &+ b &+ 2 &* (a & low) &* (b & low)
        d ^= a
        d = (d >> 16) | (d << 48)
        // c = c + d + 2 * trunc(c) * trunc(d); b = (b XOR c) >>> 63
        c = c &+ d &+ 2 &* (c & low) &* (d & low)
        b ^= c
        b = (b >> 63) | (b << 1)
    }
}
