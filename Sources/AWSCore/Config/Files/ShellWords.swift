/// Python's `shlex.split` (POSIX mode, no comments), which botocore applies to section headers
/// (`configloader._parse_section`) and to `credential_process` (`compat_shell_split` on POSIX).
enum ShellWords {
    /// Why a string could not be split.
    enum SplitError: Error, Hashable {
        /// A `'` or `"` is never closed (`ValueError: No closing quotation`).
        case noClosingQuotation
        /// The string ends with a lone `\` (`ValueError: No escaped character`).
        case noEscapedCharacter
    }

    /// The words of `text`: split at spaces, tabs and newlines; `'…'` literal; `"…"` with `\"` and `\\` escapes;
    /// `\` outside quotes escapes the next character; `''` is an empty word.
    static func split(_ text: String) throws(SplitError) -> [String] {
        enum State { case outside, single, double }
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var inWord = false
        var state = State.outside
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch state {
            case .outside:
                switch scalar {
                case " ", "\t", "\r", "\n":
                    if inWord { words.append(String(word)) }
                    word = String.UnicodeScalarView()
                    inWord = false
                case "\\":
                    guard let next = scalars.next() else { throw .noEscapedCharacter }
                    word.append(next)
                    inWord = true
                case "'":
                    state = .single
                    inWord = true
                case "\"":
                    state = .double
                    inWord = true
                default:
                    word.append(scalar)
                    inWord = true
                }
            case .single:
                if scalar == "'" { state = .outside } else { word.append(scalar) }
            case .double:
                switch scalar {
                case "\"":
                    state = .outside
                case "\\":
                    // Inside double quotes a backslash escapes only `"` and `\` (shlex's `escapedquotes`).
                    guard let next = scalars.next() else { throw .noEscapedCharacter }
                    if next != "\"" && next != "\\" { word.append("\\") }
                    word.append(next)
                default:
                    word.append(scalar)
                }
            }
        }
        guard state == .outside else { throw .noClosingQuotation }
        if inWord { words.append(String(word)) }
        return words
    }
}
