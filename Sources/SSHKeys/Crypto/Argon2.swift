/// Argon2 version 0x13 memory-hard key derivation (RFC 9106), as used by PuTTY PPK v3 files.
///
/// Dependency-free because swift-crypto has no Argon2. Runs single-threaded: lanes are filled one
/// after another within each slice, which gives the same result as parallel filling (RFC 9106 §3.4).
enum Argon2 {
    /// Argon2 flavour; the raw value is the type code y hashed into H0 and the address input (RFC 9106 §3.1).
    enum Variant: UInt32, Sendable {
        case d = 0
        case i = 1
        case id = 2
    }

    /// Parameter combinations refused before any memory is allocated.
    enum Error: Swift.Error, Equatable, Sendable {
        /// Parallelism outside 1...2^24-1 (RFC 9106 §3.1).
        case invalidParallelism(Int)
        /// Tag length outside 4...2^32-1 bytes (RFC 9106 §3.1).
        case invalidTagLength(Int)
        /// Memory below 8 × parallelism KiB (RFC 9106 §3.1).
        case memoryTooSmall(memoryKiB: Int, minimumKiB: Int)
        /// Memory above this implementation's cap; untrusted key files must not make us allocate absurd amounts.
        case memoryTooLarge(memoryKiB: Int, maximumKiB: Int)
        /// Pass count outside 1...2^32-1 (RFC 9106 §3.1).
        case invalidPasses(Int)
        /// Salt shorter than 8 bytes (RFC 9106 §3.1).
        case saltTooShort(Int)
        /// Password, salt, secret or associated data longer than 2^32-1 bytes (RFC 9106 §3.1).
        case inputTooLong
    }

    /// Version number v hashed into H0; only 0x13 is implemented.
    static let version: UInt32 = 0x13
    /// Largest memory size accepted, 4 GiB expressed in KiB.
    static let maximumMemoryKiB = 4 * 1024 * 1024
    /// Largest lane count allowed by RFC 9106 §3.1.
    static let maximumParallelism = (1 << 24) - 1
    /// Shortest tag allowed by RFC 9106 §3.1.
    static let minimumTagLength = 4
    /// Shortest salt allowed by RFC 9106 §3.1 (PuTTY writes 16 bytes).
    static let minimumSaltLength = 8
    /// 64-bit words in one 1024-byte block.
    static let wordsPerBlock = 128
    /// Bytes in one block.
    static let blockByteCount = 1024
    /// Number of slices per lane, SL (RFC 9106 §3.4).
    static let syncPoints = 4

    /// Block-matrix geometry and constants shared by the filling routines.
    struct Layout {
        /// Argon2 flavour.
        let variant: Variant
        /// Number of lanes p.
        let lanes: Int
        /// Columns per lane, q = m' / p.
        let laneLength: Int
        /// Blocks per segment, q / SL.
        let segmentLength: Int
        /// Total blocks m'.
        let blockCount: Int
        /// Number of passes t.
        let passes: Int
    }

    /// Derives a `tagLength`-byte tag from a password per RFC 9106 §3.2.
    static func deriveKey(
        password: [UInt8],
        salt: [UInt8],
        variant: Variant,
        memoryKiB: Int,
        passes: Int,
        parallelism: Int,
        tagLength: Int,
        secret: [UInt8] = [],
        associatedData: [UInt8] = []
    ) throws(Argon2.Error) -> [UInt8] {
        try validate(
            password: password, salt: salt, memoryKiB: memoryKiB, passes: passes,
            parallelism: parallelism, tagLength: tagLength, secret: secret, associatedData: associatedData
        )

        // RFC 9106 §3.2 step 1: H0 binds every parameter and input.
        let h0 = initialHash(
            password: password, salt: salt, variant: variant, memoryKiB: memoryKiB, passes: passes,
            parallelism: parallelism, tagLength: tagLength, secret: secret, associatedData: associatedData
        )

        // RFC 9106 §3.2 step 2: m' = 4 * p * floor(m / 4p), arranged as p lanes of q columns.
        let segmentLength = memoryKiB / (parallelism * syncPoints)
        let laneLength = segmentLength * syncPoints
        let layout = Layout(
            variant: variant, lanes: parallelism, laneLength: laneLength, segmentLength: segmentLength,
            blockCount: laneLength * parallelism, passes: passes
        )

        var memory = [UInt64](repeating: 0, count: layout.blockCount * wordsPerBlock)
        // Two compression temporaries plus address, address-input and all-zero blocks (§3.4.1.2).
        var scratch = [UInt64](repeating: 0, count: 5 * wordsPerBlock)
        return memory.withUnsafeMutableBufferPointer { memoryBuffer in
            scratch.withUnsafeMutableBufferPointer { scratchBuffer in
                guard let blocks = memoryBuffer.baseAddress, let work = scratchBuffer.baseAddress else {
                    // Validation guarantees at least 8 blocks, so both buffers are non-empty.
                    preconditionFailure("Argon2 buffers are never empty after validation")
                }
                // Password-derived blocks should not outlive the call.
                defer {
                    memoryBuffer.update(repeating: 0)
                    scratchBuffer.update(repeating: 0)
                }

                // RFC 9106 §3.2 steps 3-4: the first two columns of every lane come from H′(H0 || j || i).
                for lane in 0..<layout.lanes {
                    for column in 0..<2 {
                        let seed = h0 + littleEndian32(column) + littleEndian32(lane)
                        let block = variableLengthHash(seed, outputByteCount: blockByteCount)
                        storeBlock(block, into: blocks + (lane * laneLength + column) * wordsPerBlock)
                    }
                }

                // RFC 9106 §3.2 steps 5-6: fill the remaining columns, pass by pass and slice by slice.
                fillMemory(blocks, scratch: work, layout: layout)

                // RFC 9106 §3.2 step 7: C is the XOR of every lane's last column.
                let finalBlock = work
                for word in 0..<wordsPerBlock {
                    finalBlock[word] = 0
                }
                for lane in 0..<layout.lanes {
                    let last = blocks + (lane * laneLength + laneLength - 1) * wordsPerBlock
                    for word in 0..<wordsPerBlock {
                        finalBlock[word] ^= last[word]
                    }
                }
                // RFC 9106 §3.2 step 8: Tag = H′^T(C).
                return variableLengthHash(loadBlockBytes(finalBlock), outputByteCount: tagLength)
            }
        }
    }

    /// Rejects parameters outside RFC 9106 §3.1 limits or this implementation's memory cap.
    static func validate(
        password: [UInt8], salt: [UInt8], memoryKiB: Int, passes: Int, parallelism: Int,
        tagLength: Int, secret: [UInt8], associatedData: [UInt8]
    ) throws(Argon2.Error) {
        let maximum32 = Int(UInt32.max)
        guard (1...maximumParallelism).contains(parallelism) else {
            throw .invalidParallelism(parallelism)
        }
        guard (minimumTagLength...maximum32).contains(tagLength) else {
            throw .invalidTagLength(tagLength)
        }
        guard memoryKiB >= 8 * parallelism else {
            throw .memoryTooSmall(memoryKiB: memoryKiB, minimumKiB: 8 * parallelism)
        }
        guard memoryKiB <= maximumMemoryKiB else {
            throw .memoryTooLarge(memoryKiB: memoryKiB, maximumKiB: maximumMemoryKiB)
        }
        guard (1...maximum32).contains(passes) else {
            throw .invalidPasses(passes)
        }
        guard salt.count >= minimumSaltLength else {
            throw .saltTooShort(salt.count)
        }
        guard [password.count, salt.count, secret.count, associatedData.count].allSatisfy({ $0 <= maximum32 }) else {
            throw .inputTooLong
        }
    }

    /// RFC 9106 §3.2 step 1: H0 = H^(64)(p, T, m, t, v, y, |P|, P, |S|, S, |K|, K, |X|, X), integers as LE32.
    static func initialHash(
        password: [UInt8], salt: [UInt8], variant: Variant, memoryKiB: Int, passes: Int,
        parallelism: Int, tagLength: Int, secret: [UInt8], associatedData: [UInt8]
    ) -> [UInt8] {
        var hasher = BLAKE2b(outputByteCount: 64)
        hasher.update(littleEndian32(parallelism))
        hasher.update(littleEndian32(tagLength))
        hasher.update(littleEndian32(memoryKiB))
        hasher.update(littleEndian32(passes))
        hasher.update(littleEndian32(Int(version)))
        hasher.update(littleEndian32(Int(variant.rawValue)))
        for field in [password, salt, secret, associatedData] {
            hasher.update(littleEndian32(field.count))
            hasher.update(field)
        }
        return hasher.finalize()
    }

    /// RFC 9106 §3.3 variable-length hash H′^T(X), built from chained 64-byte BLAKE2b outputs.
    static func variableLengthHash(_ input: [UInt8], outputByteCount: Int) -> [UInt8] {
        // RFC 9106 §3.3: every variant hashes LE32(T) || X first.
        let lengthPrefix = littleEndian32(outputByteCount)
        if outputByteCount <= BLAKE2b.maxOutputByteCount {
            var hasher = BLAKE2b(outputByteCount: outputByteCount)
            hasher.update(lengthPrefix)
            hasher.update(input)
            return hasher.finalize()
        }
        // RFC 9106 §3.3: r = ceil(T/32) - 2; V1..Vr contribute their first 32 bytes, V(r+1) the remaining T - 32r.
        let fullSteps = (outputByteCount + 31) / 32 - 2
        var output = [UInt8]()
        output.reserveCapacity(outputByteCount)
        var hasher = BLAKE2b(outputByteCount: 64)
        hasher.update(lengthPrefix)
        hasher.update(input)
        var chain = hasher.finalize()
        output.append(contentsOf: chain[0..<32])
        for _ in 1..<fullSteps {
            chain = BLAKE2b.hash(chain, outputByteCount: 64)
            output.append(contentsOf: chain[0..<32])
        }
        output.append(contentsOf: BLAKE2b.hash(chain, outputByteCount: outputByteCount - 32 * fullSteps))
        return output
    }

    /// LE32 encoding of a value already validated to fit in 32 bits (RFC 9106 §2).
    static func littleEndian32(_ value: Int) -> [UInt8] {
        let word = UInt32(truncatingIfNeeded: value)
        return [UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8),
                UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 24)]
    }

    /// Reads 1024 bytes as 128 little-endian words into a block.
    static func storeBlock(_ bytes: [UInt8], into block: UnsafeMutablePointer<UInt64>) {
        for word in 0..<wordsPerBlock {
            var value: UInt64 = 0
            for byte in 0..<8 {
                value |= UInt64(bytes[word * 8 + byte]) << (UInt64(byte) * 8)
            }
            block[word] = value
        }
    }

    /// Serialises a block's 128 words as 1024 little-endian bytes.
    static func loadBlockBytes(_ block: UnsafePointer<UInt64>) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(blockByteCount)
        for word in 0..<wordsPerBlock {
            for byte in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: block[word] >> (UInt64(byte) * 8)))
            }
        }
        return bytes
    }
}
