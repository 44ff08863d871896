// DES (FIPS 46-3). Obsolete as a cipher; amikey needs it only because legacy PEM private keys
// (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: DES-CBC` / `DES-EDE3-CBC`) are still written by puttygen
// and `openssl rsa -des3 -traditional`. Bit positions in every table are 1-based from the most
// significant bit, exactly as printed in the standard, so each table can be checked against it by eye.

/// The DES block cipher (FIPS 46-3) on one 64-bit block, big-endian bit numbering.
struct DES: Sendable {
    /// Key length in bytes: 56 key bits plus 8 parity bits.
    static let keySize = 8
    /// Block length in bytes.
    static let blockSize = 8

    /// K1…K16, each 48 bits right-aligned (FIPS 46-3 "Key Schedule Calculation").
    private let roundKeys: [UInt64]

    /// Derives the 16 round keys from an 8-byte key; parity bits are ignored because PC-1 never selects them.
    init(key: [UInt8]) throws {
        guard key.count == DES.keySize else { throw LegacyCipherError.invalidKeyLength }
        let cd = DES.permutedChoice1.apply(BlockCipherCBC.loadBlock(key, at: 0))
        var c = UInt32(truncatingIfNeeded: cd >> 28) & 0x0FFF_FFFF
        var d = UInt32(truncatingIfNeeded: cd) & 0x0FFF_FFFF
        var keys: [UInt64] = []
        keys.reserveCapacity(16)
        for shift in DES.leftShifts {
            c = DES.rotateLeft28(c, by: shift)
            d = DES.rotateLeft28(d, by: shift)
            keys.append(DES.permutedChoice2.apply(UInt64(c) << 28 | UInt64(d)))
        }
        roundKeys = keys
    }

    /// Enciphers one block (FIPS 46-3 "Enciphering").
    func encryptBlock(_ block: UInt64) -> UInt64 {
        crypt(block, decrypting: false)
    }

    /// Deciphers one block: the same network with K16…K1 (FIPS 46-3 "Deciphering").
    func decryptBlock(_ block: UInt64) -> UInt64 {
        crypt(block, decrypting: true)
    }

    /// Runs IP, the 16 rounds and IP⁻¹ with the round keys in either order.
    private func crypt(_ block: UInt64, decrypting: Bool) -> UInt64 {
        // Hoisted so the loop does not re-check the static initialisers' once-tokens.
        let expansion = DES.expansion
        let sp = DES.spBoxes
        let permuted = DES.initialPermutation.apply(block)
        var left = UInt32(truncatingIfNeeded: permuted >> 32)
        var right = UInt32(truncatingIfNeeded: permuted)
        for round in 0..<16 {
            let key = roundKeys[decrypting ? 15 - round : round]
            let f = DES.cipherFunction(right, key: key, expansion: expansion, sp: sp)
            (left, right) = (right, left ^ f)
        }
        // FIPS 46-3: the preoutput is R16L16; the last round's halves are deliberately not swapped back.
        return DES.finalPermutation.apply(UInt64(right) << 32 | UInt64(left))
    }

    /// f(R, K) = P(S1…S8(E(R) ⊕ K)), with P already folded into the SP-boxes.
    private static func cipherFunction(
        _ right: UInt32, key: UInt64, expansion: BitPermutation, sp: [UInt32]
    ) -> UInt32 {
        let mixed = expansion.apply(UInt64(right)) ^ key
        var out: UInt32 = 0
        for box in 0..<8 {
            let sixBits = Int(truncatingIfNeeded: (mixed >> UInt64(42 - 6 * box)) & 0x3F)
            out |= sp[box &* 64 &+ sixBits]
        }
        return out
    }

    /// Rotates a 28-bit key half (C or D) left, as the key schedule's shifts are circular.
    private static func rotateLeft28(_ value: UInt32, by count: Int) -> UInt32 {
        ((value << UInt32(count)) | (value >> UInt32(28 - count))) & 0x0FFF_FFFF
    }

    // MARK: - Derived tables, built once from the FIPS tables below

    /// IP as byte-indexed lookups.
    private static let initialPermutation = BitPermutation(table: ipTable, inputWidth: 64)
    /// IP⁻¹ as byte-indexed lookups.
    private static let finalPermutation = BitPermutation(table: fpTable, inputWidth: 64)
    /// E as byte-indexed lookups (32 → 48 bits).
    private static let expansion = BitPermutation(table: eTable, inputWidth: 32)
    /// PC-1 (64 → 56 bits).
    private static let permutedChoice1 = BitPermutation(table: pc1Table, inputWidth: 64)
    /// PC-2 (56 → 48 bits).
    private static let permutedChoice2 = BitPermutation(table: pc2Table, inputWidth: 56)

    /// SP-boxes: for S-box n and 6-bit input b, P applied to Sn(b) placed in its nibble — so a round is 8 lookups.
    private static let spBoxes: [UInt32] = {
        let p = BitPermutation(table: pTable, inputWidth: 32)
        var boxes = [UInt32](repeating: 0, count: 8 * 64)
        for box in 0..<8 {
            for input in 0..<64 {
                // FIPS 46-3 "The Cipher Function f": the outer bits b1b6 pick the row, the inner four the column.
                let row = ((input >> 4) & 0b10) | (input & 1)
                let column = (input >> 1) & 0xF
                let nibble = UInt64(sBoxes[box][row * 16 + column])
                boxes[box * 64 + input] = UInt32(truncatingIfNeeded: p.apply(nibble << UInt64(28 - 4 * box)))
            }
        }
        return boxes
    }()

    // MARK: - FIPS 46-3 tables, as printed in the standard

    // FIPS 46-3 "Enciphering": initial permutation IP.
    private static let ipTable: [UInt8] = [
        58, 50, 42, 34, 26, 18, 10, 2,
        60, 52, 44, 36, 28, 20, 12, 4,
        62, 54, 46, 38, 30, 22, 14, 6,
        64, 56, 48, 40, 32, 24, 16, 8,
        57, 49, 41, 33, 25, 17, 9, 1,
        59, 51, 43, 35, 27, 19, 11, 3,
        61, 53, 45, 37, 29, 21, 13, 5,
        63, 55, 47, 39, 31, 23, 15, 7,
    ]

    // FIPS 46-3 "Enciphering": inverse initial permutation IP⁻¹.
    private static let fpTable: [UInt8] = [
        40, 8, 48, 16, 56, 24, 64, 32,
        39, 7, 47, 15, 55, 23, 63, 31,
        38, 6, 46, 14, 54, 22, 62, 30,
        37, 5, 45, 13, 53, 21, 61, 29,
        36, 4, 44, 12, 52, 20, 60, 28,
        35, 3, 43, 11, 51, 19, 59, 27,
        34, 2, 42, 10, 50, 18, 58, 26,
        33, 1, 41, 9, 49, 17, 57, 25,
    ]

    // FIPS 46-3 "The Cipher Function f": E bit-selection table.
    private static let eTable: [UInt8] = [
        32, 1, 2, 3, 4, 5,
        4, 5, 6, 7, 8, 9,
        8, 9, 10, 11, 12, 13,
        12, 13, 14, 15, 16, 17,
        16, 17, 18, 19, 20, 21,
        20, 21, 22, 23, 24, 25,
        24, 25, 26, 27, 28, 29,
        28, 29, 30, 31, 32, 1,
    ]

    // FIPS 46-3 "The Cipher Function f": permutation function P.
    private static let pTable: [UInt8] = [
        16, 7, 20, 21,
        29, 12, 28, 17,
        1, 15, 23, 26,
        5, 18, 31, 10,
        2, 8, 24, 14,
        32, 27, 3, 9,
        19, 13, 30, 6,
        22, 11, 4, 25,
    ]

    // FIPS 46-3 "Key Schedule Calculation": Permuted Choice 1, PC-1 (C0 then D0).
    private static let pc1Table: [UInt8] = [
        57, 49, 41, 33, 25, 17, 9,
        1, 58, 50, 42, 34, 26, 18,
        10, 2, 59, 51, 43, 35, 27,
        19, 11, 3, 60, 52, 44, 36,
        63, 55, 47, 39, 31, 23, 15,
        7, 62, 54, 46, 38, 30, 22,
        14, 6, 61, 53, 45, 37, 29,
        21, 13, 5, 28, 20, 12, 4,
    ]

    // FIPS 46-3 "Key Schedule Calculation": Permuted Choice 2, PC-2.
    private static let pc2Table: [UInt8] = [
        14, 17, 11, 24, 1, 5,
        3, 28, 15, 6, 21, 10,
        23, 19, 12, 4, 26, 8,
        16, 7, 27, 20, 13, 2,
        41, 52, 31, 37, 47, 55,
        30, 40, 51, 45, 33, 48,
        44, 49, 39, 56, 34, 53,
        46, 42, 50, 36, 29, 32,
    ]

    // FIPS 46-3 "Key Schedule Calculation": number of left shifts per iteration 1…16.
    private static let leftShifts: [Int] = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1]

    // FIPS 46-3 "The Cipher Function f": selection functions S1…S8, 4 rows × 16 columns each.
    private static let sBoxes: [[UInt8]] = [
        [  // S1
            14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
            0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
            4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
            15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
        ],
        [  // S2
            15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
            3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
            0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
            13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
        ],
        [  // S3
            10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
            13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
            13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
            1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
        ],
        [  // S4
            7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
            13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
            10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
            3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
        ],
        [  // S5
            2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
            14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
            4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
            11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
        ],
        [  // S6
            12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
            10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
            9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
            4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
        ],
        [  // S7
            4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
            13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
            1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
            6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
        ],
        [  // S8
            13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
            1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
            7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
            2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
        ],
    ]
}

extension DES {
    /// A fixed bit selection (IP, E, PC-1 …) precomputed as one lookup table per input byte.
    ///
    /// Every DES permutation is linear over bits, so the output is the OR of each input byte's
    /// contribution; that turns a 64-step bit loop into 8 lookups without hand-deriving tables.
    fileprivate struct BitPermutation: Sendable {
        /// Input width in bits (a multiple of 8, at most 64).
        private let inputWidth: Int
        /// `byteTables[i * 256 + v]`: output bits contributed by value `v` in input byte `i` (0 = most significant).
        private let byteTables: [UInt64]

        /// Builds the lookups from a table of 1-based source bit positions, most significant output bit first.
        init(table: [UInt8], inputWidth: Int) {
            precondition(inputWidth % 8 == 0 && (8...64).contains(inputWidth) && table.count <= 64)
            self.inputWidth = inputWidth
            let byteCount = inputWidth / 8
            var tables = [UInt64](repeating: 0, count: byteCount * 256)
            for byteIndex in 0..<byteCount {
                let shift = UInt64(inputWidth - 8 * (byteIndex + 1))
                for value in 0..<256 {
                    let bits = UInt64(value) << shift
                    tables[byteIndex * 256 + value] = BitPermutation.select(bits, table: table, inputWidth: inputWidth)
                }
            }
            byteTables = tables
        }

        /// Applies the permutation to the low `inputWidth` bits of `input`.
        func apply(_ input: UInt64) -> UInt64 {
            var out: UInt64 = 0
            var shift = inputWidth
            var offset = 0
            while shift > 0 {
                shift -= 8
                out |= byteTables[offset &+ Int(truncatingIfNeeded: (input >> UInt64(shift)) & 0xFF)]
                offset &+= 256
            }
            return out
        }

        /// The literal bit-by-bit reading of a FIPS selection table, used only to fill the lookups.
        private static func select(_ input: UInt64, table: [UInt8], inputWidth: Int) -> UInt64 {
            var out: UInt64 = 0
            for position in table {
                out = (out << 1) | ((input >> UInt64(inputWidth - Int(position))) & 1)
            }
            return out
        }
    }
}
