extension Argon2 {
    /// Pseudo-random values produced by one address block (RFC 9106 §3.4.1.2).
    static let addressesPerBlock = 128

    /// RFC 9106 §3.2 steps 5-6: fills every block after the first two columns, for all passes.
    ///
    /// `scratch` holds five blocks: two for `compress`, then address, address input and an all-zero block.
    static func fillMemory(_ blocks: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>, layout: Layout) {
        // RFC 9106 §3.4: segments of one slice never reference each other, so lanes may run in any order.
        for pass in 0..<layout.passes {
            for slice in 0..<syncPoints {
                for lane in 0..<layout.lanes {
                    fillSegment(blocks, scratch: scratch, layout: layout, pass: pass, lane: lane, slice: slice)
                }
            }
        }
    }

    /// Fills one segment (lane × slice) of one pass.
    static func fillSegment(
        _ blocks: UnsafeMutablePointer<UInt64>,
        scratch: UnsafeMutablePointer<UInt64>,
        layout: Layout,
        pass: Int,
        lane: Int,
        slice: Int
    ) {
        let addresses = scratch + 2 * wordsPerBlock
        let addressInput = scratch + 3 * wordsPerBlock
        let zeroBlock = scratch + 4 * wordsPerBlock

        // RFC 9106 §3.4.1: Argon2id is data-independent only in the first half of the first pass.
        let dataIndependent: Bool
        switch layout.variant {
        case .d: dataIndependent = false
        case .i: dataIndependent = true
        case .id: dataIndependent = pass == 0 && slice < syncPoints / 2
        }

        if dataIndependent {
            // RFC 9106 §3.4.1.2: Z = (r, l, sl, m', t, y), then the counter i, then zero padding.
            for word in 0..<wordsPerBlock {
                addressInput[word] = 0
                zeroBlock[word] = 0
            }
            addressInput[0] = UInt64(pass)
            addressInput[1] = UInt64(lane)
            addressInput[2] = UInt64(slice)
            addressInput[3] = UInt64(layout.blockCount)
            addressInput[4] = UInt64(layout.passes)
            addressInput[5] = UInt64(layout.variant.rawValue)
        }

        // RFC 9106 §3.2 step 4: columns 0 and 1 were already seeded from H0 in the first pass.
        let firstIndex = pass == 0 && slice == 0 ? 2 : 0
        let laneStart = lane * layout.laneLength
        let accumulate = pass > 0

        for index in firstIndex..<layout.segmentLength {
            let column = slice * layout.segmentLength + index
            let current = laneStart + column
            // RFC 9106 §3.2 step 6: column 0 of later passes chains from the lane's last column.
            let previous = column == 0 ? laneStart + layout.laneLength - 1 : current - 1

            let pseudoRandom: UInt64
            if dataIndependent {
                // RFC 9106 §3.4.1.2: a new address block every 128 blocks, and at the segment's first computed block.
                if index == firstIndex || index % addressesPerBlock == 0 {
                    nextAddressBlock(addresses, input: addressInput, zero: zeroBlock, scratch: scratch)
                }
                pseudoRandom = addresses[index % addressesPerBlock]
            } else {
                // RFC 9106 §3.4.1.1: J1 || J2 is the first word of the previous block.
                pseudoRandom = blocks[previous * wordsPerBlock]
            }

            let reference = referenceBlockIndex(
                pseudoRandom: pseudoRandom, layout: layout, pass: pass, lane: lane, slice: slice, index: index
            )
            // RFC 9106 §3.2 steps 5-6: B[i][j] = G(B[i][j-1], B[l][z]), XORed into the old block after pass 0.
            compress(
                blocks + previous * wordsPerBlock,
                blocks + reference * wordsPerBlock,
                into: blocks + current * wordsPerBlock,
                accumulate: accumulate,
                scratch: scratch
            )
        }
    }

    /// RFC 9106 §3.4.1.2: increments the counter in Z and sets `addresses` = G(ZERO, G(ZERO, Z)).
    static func nextAddressBlock(
        _ addresses: UnsafeMutablePointer<UInt64>,
        input: UnsafeMutablePointer<UInt64>,
        zero: UnsafeMutablePointer<UInt64>,
        scratch: UnsafeMutablePointer<UInt64>
    ) {
        input[6] &+= 1
        compress(zero, input, into: addresses, accumulate: false, scratch: scratch)
        compress(zero, addresses, into: addresses, accumulate: false, scratch: scratch)
    }

    /// RFC 9106 §3.4.1-§3.4.2: maps J1 || J2 to the absolute index of the reference block.
    static func referenceBlockIndex(
        pseudoRandom: UInt64, layout: Layout, pass: Int, lane: Int, slice: Int, index: Int
    ) -> Int {
        let j1 = pseudoRandom & 0xFFFF_FFFF
        let j2 = pseudoRandom >> 32

        // RFC 9106 §3.4.1: l = J2 mod p, except that the first slice of the first pass stays in its own lane.
        let referenceLane = pass == 0 && slice == 0 ? lane : Int(j2 % UInt64(layout.lanes))
        let sameLane = referenceLane == lane

        // RFC 9106 §3.4.2: W is every finished block of the reference lane that other lanes may already see:
        // earlier slices (first pass) or the last SL-1 segments (later passes); in the own lane also the
        // blocks finished in this segment. B[i][j-1] is never in W, and neither is the last block of W when
        // j opens a segment of another lane.
        let finishedBefore = pass == 0 ? slice * layout.segmentLength : layout.laneLength - layout.segmentLength
        let areaSize: Int
        if sameLane {
            areaSize = finishedBefore + index - 1
        } else {
            areaSize = finishedBefore - (index == 0 ? 1 : 0)
        }

        // RFC 9106 §3.4.2: x = J1^2 / 2^32, y = (|W| * x) / 2^32, zz = |W| - 1 - y (biased towards recent blocks).
        let x = (j1 &* j1) >> 32
        let y = (UInt64(areaSize) &* x) >> 32
        let relative = areaSize - 1 - Int(y)

        // RFC 9106 §3.4.2: W starts at the lane start in the first pass and right after the current segment later.
        let start = pass == 0 ? 0 : (slice + 1) * layout.segmentLength
        return referenceLane * layout.laneLength + (start + relative) % layout.laneLength
    }
}
