import Foundation

// Lenient readings of one node's text: nil when the text is not a value of that type.
// Whitespace around the value is ignored, as XML pretty-printing adds it.
extension XMLNode {
    /// The text without surrounding whitespace.
    public var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The text as a decimal integer.
    public var int: Int? { Int(trimmedText) }

    /// The text as a 64-bit decimal integer.
    public var int64: Int64? { Int64(trimmedText) }

    /// The text as a floating-point number.
    public var double: Double? { Double(trimmedText) }

    /// `true` / `false` (any case), the spelling AWS XML uses for booleans.
    public var bool: Bool? {
        switch trimmedText.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// The text as an ISO 8601 timestamp (`AWSTimestamp.date(fromISO8601:)`).
    public var date: Date? { AWSTimestamp.date(fromISO8601: trimmedText) }

    /// The text as standard base64 (e.g. GetConsoleOutput `output`), line breaks allowed.
    public var base64Bytes: [UInt8]? {
        Data(base64Encoded: trimmedText, options: .ignoreUnknownCharacters).map { Array($0) }
    }
}
