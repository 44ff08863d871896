/// The few pieces of Python's text handling that decide how the AWS CLI reads its files.
///
/// botocore reads `~/.aws/config` with `configparser`, which strips lines with `str.strip()`, finds indentation
/// with the regex `\S`, and reads the file in universal-newline mode; these helpers do the same on Unicode scalars.
enum PythonText {
    /// `str.isspace()`, which is also what `re`'s `\s` matches in `str` patterns.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `str.strip()`.
    static func strip(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return scalars[first...last]
    }

    /// `str.strip()` on a `String`.
    static func strip(_ text: String) -> String {
        string(strip(ArraySlice(text.unicodeScalars)))
    }

    /// The lines of `text` as Python's text mode yields them: split at `\r\n`, `\r` or `\n`, terminators removed.
    static func universalLines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            if afterCarriageReturn {
                afterCarriageReturn = false
                if scalar == "\n" { continue }
            }
            switch scalar {
            case "\r":
                lines.append(current)
                current = []
                afterCarriageReturn = true
            case "\n":
                lines.append(current)
                current = []
            default:
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A `String` from scalars.
    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Python's `int(text)` for base 10: surrounding whitespace, an optional sign, and ASCII digits with single
    /// underscores between them (`1_000`); `nil` for anything else, or a value that does not fit in `Int`.
    static func int(_ text: String) -> Int? {
        var body = Substring(strip(text))
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body.removeFirst()
        }
        let groups = body.split(separator: "_", omittingEmptySubsequences: false)
        guard !body.isEmpty,
            groups.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
            let magnitude = Int(groups.joined())
        else { return nil }
        return negative ? -magnitude : magnitude
    }
}
