/// Writes the RFC 4251 §5 data types.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    /// Appends raw bytes.
    mutating func writeBytes(_ raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// Appends a byte (RFC 4251 §5 `byte`).
    mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

    /// Appends a big-endian 32-bit integer (RFC 4251 §5 `uint32`).
    mutating func writeUInt32(_ value: UInt32) {
        bytes.append(contentsOf: [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
                                  UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)])
    }

    /// Appends a length-prefixed byte string (RFC 4251 §5 `string`).
    mutating func writeString(_ raw: [UInt8]) {
        writeUInt32(UInt32(raw.count))
        bytes.append(contentsOf: raw)
    }

    /// Appends a text string.
    mutating func writeString(_ text: String) { writeString(Array(text.utf8)) }

    /// Appends an unsigned magnitude as an `mpint` (RFC 4251 §5: minimal, 0x00 prefix when the top bit is set).
    mutating func writeMPInt(_ magnitude: [UInt8]) {
        var minimal = Array(magnitude.drop { $0 == 0 })
        if let first = minimal.first, first & 0x80 != 0 { minimal.insert(0, at: 0) }
        writeString(minimal)
    }
}
