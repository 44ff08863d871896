/// Base64 (RFC 4648 §4), written here so that parsing needs no Foundation and reports exact problems.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = UInt8(index) }
        return table
    }()

    /// Encodes with `=` padding.
    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes and wraps at `width` columns with `\n` (armored key bodies).
    static func encodeWrapped(_ bytes: [UInt8], width: Int) -> [String] {
        let text = Array(encode(bytes).utf8)
        return stride(from: 0, to: text.count, by: width).map {
            String(decoding: text[$0..<min($0 + width, text.count)], as: UTF8.self)
        }
    }

    /// Decodes; padding is optional but must be consistent, and `ignoringWhitespace` allows line breaks.
    static func decode(_ text: some StringProtocol, ignoringWhitespace: Bool = false) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for char in text.utf8 {
            if char == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            if ignoringWhitespace, char == 0x20 || char == 0x09 || char == 0x0A || char == 0x0D { continue }
            let value = values[Int(char)]
            guard value != 0xFF, padding == 0 else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        // A dangling 6 bits is not a whole byte; leftover bits must be zero; padding must complete a quantum.
        guard bits < 6, accumulator & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        if padding > 0 {
            let quantumRemainder = (out.count % 3)
            guard padding <= 2, quantumRemainder != 0, padding == 3 - quantumRemainder else { return nil }
        }
        return out
    }
}
