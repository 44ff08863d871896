/// A minimal DER writer (X.690 §8, §10) for the few key structures amikey emits; output is byte-exact with OpenSSL's.
struct DERWriter {
    private(set) var bytes: [UInt8] = []

    /// Appends a tag-length-value (X.690 §8.1; definite lengths only, as DER requires).
    mutating func write(tag: UInt8, content: [UInt8]) {
        bytes.append(tag)
        let count = content.count
        if count < 0x80 {
            bytes.append(UInt8(count))
        } else {
            var length: [UInt8] = []
            var remaining = count
            while remaining > 0 {
                length.insert(UInt8(remaining & 0xFF), at: 0)
                remaining >>= 8
            }
            bytes.append(0x80 | UInt8(length.count))
            bytes.append(contentsOf: length)
        }
        bytes.append(contentsOf: content)
    }

    /// An INTEGER from an unsigned magnitude (X.690 §8.3: minimal two's complement).
    mutating func writeInteger(_ magnitude: [UInt8]) {
        var content = Array(magnitude.drop { $0 == 0 })
        if content.isEmpty || content[0] & 0x80 != 0 { content.insert(0, at: 0) }
        write(tag: 0x02, content: content)
    }

    /// A small non-negative INTEGER.
    mutating func writeInteger(_ value: Int) {
        var magnitude: [UInt8] = []
        var remaining = value
        repeat {
            magnitude.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        } while remaining > 0
        writeInteger(magnitude)
    }

    /// An OBJECT IDENTIFIER from its encoded content bytes.
    mutating func writeOID(_ content: [UInt8]) { write(tag: 0x06, content: content) }
    /// NULL.
    mutating func writeNull() { write(tag: 0x05, content: []) }
    /// OCTET STRING.
    mutating func writeOctetString(_ content: [UInt8]) { write(tag: 0x04, content: content) }
    /// BIT STRING with no unused bits.
    mutating func writeBitString(_ content: [UInt8]) { write(tag: 0x03, content: [0] + content) }

    /// A constructed value (SEQUENCE 0x30, context tags 0xA0…) whose content another writer builds.
    mutating func writeConstructed(tag: UInt8 = 0x30, _ build: (inout DERWriter) -> Void) {
        var inner = DERWriter()
        build(&inner)
        write(tag: tag, content: inner.bytes)
    }
}
