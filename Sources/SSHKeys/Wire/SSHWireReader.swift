/// Reads the RFC 4251 §5 data types from a byte buffer, throwing on truncation.
///
/// Whole files are parsed, so there is never "more data later": a short read names the field
/// that was cut off instead of returning `nil`.
struct SSHWireReader {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
    }

    /// Bytes not yet consumed.
    var remaining: Int { bytes.count - offset }

    /// True once every byte has been consumed.
    var isAtEnd: Bool { offset == bytes.count }

    /// Reads exactly `count` raw bytes.
    mutating func readBytes(_ count: Int, field: String) throws(SSHKeyError) -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw .truncated("\(field): needs \(count) bytes, \(remaining) left")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Reads a byte (RFC 4251 §5 `byte`).
    mutating func readUInt8(field: String) throws(SSHKeyError) -> UInt8 {
        try readBytes(1, field: field)[0]
    }

    /// Reads a big-endian 32-bit integer (RFC 4251 §5 `uint32`).
    mutating func readUInt32(field: String) throws(SSHKeyError) -> UInt32 {
        try readBytes(4, field: field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Reads a big-endian 64-bit integer (RFC 4251 §5 `uint64`).
    mutating func readUInt64(field: String) throws(SSHKeyError) -> UInt64 {
        try readBytes(8, field: field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Reads a length-prefixed byte string (RFC 4251 §5 `string`).
    mutating func readString(field: String) throws(SSHKeyError) -> [UInt8] {
        let length = try readUInt32(field: "\(field) length")
        guard Int(length) <= remaining else {
            throw .truncated("\(field): declares \(length) bytes, \(remaining) left")
        }
        return try readBytes(Int(length), field: field)
    }

    /// Reads a string that must be text, such as an algorithm name.
    mutating func readUTF8(field: String) throws(SSHKeyError) -> String {
        let raw = try readString(field: field)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw .malformed("\(field) is not UTF-8 text")
        }
        return text
    }

    /// Reads a multiple-precision integer (RFC 4251 §5 `mpint`) as unsigned big-endian magnitude bytes.
    ///
    /// Negative values are refused: no key component is ever negative.
    mutating func readMPInt(field: String) throws(SSHKeyError) -> [UInt8] {
        let raw = try readString(field: field)
        if let first = raw.first, first & 0x80 != 0 {
            throw .malformed("\(field) is a negative mpint")
        }
        return Array(raw.drop { $0 == 0 })
    }

    /// Fails if bytes are left over where the format allows none.
    func expectEnd(_ what: String) throws(SSHKeyError) {
        guard isAtEnd else { throw .malformed("\(remaining) unexpected trailing bytes after \(what)") }
    }
}
