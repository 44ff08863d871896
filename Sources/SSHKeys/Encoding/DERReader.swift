/// A strict DER reader (X.690 §8, §10) for the key structures amikey parses.
///
/// Every error names the structure being read (`context`) and the field expected, so a damaged
/// file is reported as "PKCS#8 PrivateKeyInfo: expected INTEGER version", never as a crash.
struct DERReader {
    /// Universal tags (X.690 §8.1.2, X.680 §8.4) and the context-specific ones key formats use.
    enum Tag {
        static let integer: UInt8 = 0x02
        static let bitString: UInt8 = 0x03
        static let octetString: UInt8 = 0x04
        static let null: UInt8 = 0x05
        static let objectIdentifier: UInt8 = 0x06
        static let sequence: UInt8 = 0x30
        static let set: UInt8 = 0x31
        /// `[n]` constructed (EXPLICIT tagging, or IMPLICIT over a constructed type).
        static func contextConstructed(_ number: UInt8) -> UInt8 { 0xA0 | number }
        /// `[n]` primitive (IMPLICIT tagging over a primitive type).
        static func contextPrimitive(_ number: UInt8) -> UInt8 { 0x80 | number }
    }

    /// What is being read, for messages: `PKCS#8 PrivateKeyInfo`, `SEC1 ECPrivateKey`, …
    let context: String
    private let bytes: [UInt8]
    private var offset: Int
    private let end: Int

    /// Reads `bytes`, which must hold exactly what the caller parses (see `expectEnd`).
    init(_ bytes: [UInt8], context: String) {
        self.init(bytes, range: 0..<bytes.count, context: context)
    }

    private init(_ bytes: [UInt8], range: Range<Int>, context: String) {
        self.bytes = bytes
        self.offset = range.lowerBound
        self.end = range.upperBound
        self.context = context
    }

    /// True when every byte has been consumed.
    var isAtEnd: Bool { offset >= end }

    /// The next tag, without consuming it; nil at the end.
    var nextTag: UInt8? { isAtEnd ? nil : bytes[offset] }

    /// Reads one TLV with the given tag and returns its content (X.690 §8.1).
    mutating func read(tag: UInt8, _ field: String) throws(SSHKeyError) -> [UInt8] {
        let range = try readTLV(tag: tag, field)
        return Array(bytes[range])
    }

    /// Reads a SEQUENCE (or another constructed value) and returns a reader over its content.
    mutating func readConstructed(tag: UInt8 = Tag.sequence, _ field: String, context inner: String? = nil)
        throws(SSHKeyError) -> DERReader
    {
        let range = try readTLV(tag: tag, field)
        return DERReader(bytes, range: range, context: inner ?? context)
    }

    /// Reads a non-negative INTEGER as its minimal unsigned big-endian magnitude (empty for zero).
    mutating func readUnsignedInteger(_ field: String) throws(SSHKeyError) -> [UInt8] {
        let content = try read(tag: Tag.integer, "INTEGER \(field)")
        guard let first = content.first else { throw .malformed("\(context): INTEGER \(field) has no content bytes") }
        // X.690 §8.3.2: two's complement, so a set top bit means a negative number, which no key field is.
        guard first & 0x80 == 0 else { throw .malformed("\(context): INTEGER \(field) is negative") }
        return Array(content.drop { $0 == 0 })
    }

    /// Reads a small non-negative INTEGER (versions, iteration counts).
    mutating func readSmallInteger(_ field: String, max: Int = Int(Int32.max)) throws(SSHKeyError) -> Int {
        let magnitude = try readUnsignedInteger(field)
        guard magnitude.count <= 4 else { throw .malformed("\(context): INTEGER \(field) is too large") }
        let value = magnitude.reduce(0) { $0 << 8 | Int($1) }
        guard value <= max else { throw .malformed("\(context): INTEGER \(field) is \(value), more than \(max)") }
        return value
    }

    /// Reads an OBJECT IDENTIFIER's content bytes (X.690 §8.19).
    mutating func readOID(_ field: String) throws(SSHKeyError) -> [UInt8] {
        let content = try read(tag: Tag.objectIdentifier, "OBJECT IDENTIFIER \(field)")
        guard !content.isEmpty, let last = content.last, last & 0x80 == 0 else {
            throw .malformed("\(context): OBJECT IDENTIFIER \(field) is not a complete identifier")
        }
        return content
    }

    /// Reads an OCTET STRING.
    mutating func readOctetString(_ field: String) throws(SSHKeyError) -> [UInt8] {
        try read(tag: Tag.octetString, "OCTET STRING \(field)")
    }

    /// Reads a BIT STRING that must hold whole bytes (X.690 §8.6.2: first content byte = unused bits).
    mutating func readBitString(_ field: String, tag: UInt8 = Tag.bitString) throws(SSHKeyError) -> [UInt8] {
        let content = try read(tag: tag, "BIT STRING \(field)")
        return try Self.wholeBytes(ofBitString: content, field: "\(context): BIT STRING \(field)")
    }

    /// Reads a NULL (X.690 §8.8: empty content).
    mutating func readNull(_ field: String) throws(SSHKeyError) {
        let content = try read(tag: Tag.null, "NULL \(field)")
        guard content.isEmpty else { throw .malformed("\(context): NULL \(field) has content") }
    }

    /// Skips one TLV of the given tag when it is next; returns whether it was there.
    mutating func skipOptional(tag: UInt8, _ field: String) throws(SSHKeyError) -> Bool {
        guard nextTag == tag else { return false }
        _ = try readTLV(tag: tag, field)
        return true
    }

    /// Fails if anything follows the last field the structure defines.
    func expectEnd() throws(SSHKeyError) {
        guard isAtEnd else { throw .malformed("\(context): \(end - offset) unexpected bytes after the last field") }
    }

    /// The content of a BIT STRING whose unused-bit count must be zero.
    static func wholeBytes(ofBitString content: [UInt8], field: String) throws(SSHKeyError) -> [UInt8] {
        guard let unused = content.first else { throw .malformed("\(field) has no content bytes") }
        guard unused == 0 else { throw .malformed("\(field) has \(unused) unused bits; a key is whole bytes") }
        return Array(content.dropFirst())
    }

    /// Reads tag and length (X.690 §8.1.2–§8.1.3, definite form only as DER requires) and returns the content range.
    private mutating func readTLV(tag: UInt8, _ field: String) throws(SSHKeyError) -> Range<Int> {
        guard offset < end else { throw .truncated("\(context): expected \(field), but the data ends") }
        let found = bytes[offset]
        guard found == tag else {
            throw .malformed("\(context): expected \(field), found \(Self.describe(tag: found))")
        }
        var cursor = offset + 1
        guard cursor < end else { throw .truncated("\(context): \(field) has no length") }
        let first = bytes[cursor]
        cursor += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            // 0x80 is BER's indefinite form, which DER forbids; more than 4 length bytes is no key file.
            guard count > 0, count <= 4 else { throw .malformed("\(context): \(field) has an invalid length encoding") }
            guard end - cursor >= count else { throw .truncated("\(context): the length of \(field) is cut off") }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[cursor])
                cursor += 1
            }
        }
        guard length <= end - cursor else {
            throw .truncated("\(context): \(field) claims \(length) bytes but only \(end - cursor) remain")
        }
        offset = cursor + length
        return cursor..<offset
    }

    /// A tag as people read it in `openssl asn1parse` output.
    static func describe(tag: UInt8) -> String {
        switch tag {
        case Tag.integer: "INTEGER"
        case Tag.bitString: "BIT STRING"
        case Tag.octetString: "OCTET STRING"
        case Tag.null: "NULL"
        case Tag.objectIdentifier: "OBJECT IDENTIFIER"
        case Tag.sequence: "SEQUENCE"
        case Tag.set: "SET"
        case 0x80...0xBF: "[\(tag & 0x1F)] (tag 0x\(String(tag, radix: 16)))"
        default: "tag 0x\(String(tag, radix: 16))"
        }
    }

    /// Dotted form of OID content bytes (X.690 §8.19.4), for messages naming an unknown algorithm.
    static func dotted(oid content: [UInt8]) -> String {
        var arcs: [UInt64] = []
        var value: UInt64 = 0
        for byte in content {
            guard value >> 56 == 0 else { return "(an overlong identifier)" }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    let first: UInt64 = value < 40 ? 0 : (value < 80 ? 1 : 2)
                    arcs += [first, value - first * 40]
                } else {
                    arcs.append(value)
                }
                value = 0
            }
        }
        return arcs.map(String.init).joined(separator: ".")
    }
}
