/// Substring search over UTF-8 code units: `String.contains(String)` goes through Foundation and
/// Unicode comparison, which dominated reading a directory of key files.
enum TextSearch {
    /// Whether `needle` (ASCII) occurs in `text`.
    static func contains(_ text: some StringProtocol, _ needle: StaticString) -> Bool {
        contains(Array(text.utf8), needle)
    }

    /// Whether `needle` (ASCII) occurs in `bytes`.
    static func contains(_ bytes: some Collection<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { pattern in
            guard let first = pattern.first else { return true }
            var index = bytes.startIndex
            while let start = bytes[index...].firstIndex(of: first) {
                if bytes[start...].starts(with: pattern) { return true }
                index = bytes.index(after: start)
            }
            return false
        }
    }
}

extension TextSearch {
    /// Whether `needle` occurs after a blank or the start, and (with `wholeWord`) before a blank or the end.
    static func containsWord(_ bytes: [UInt8], _ needle: StaticString, wholeWord: Bool = true) -> Bool {
        needle.withUTF8Buffer { pattern in
            guard let first = pattern.first else { return false }
            var index = 0
            while let start = bytes[index...].firstIndex(of: first) {
                let end = start + pattern.count
                if end <= bytes.count, bytes[start..<end].elementsEqual(pattern),
                   start == 0 || isBlank(bytes[start - 1]),
                   !wholeWord || end == bytes.count || isBlank(bytes[end]) {
                    return true
                }
                index = start + 1
            }
            return false
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
