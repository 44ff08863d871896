/// One malformed line of a shared config or credentials file.
///
/// Problems never quote the line itself: a malformed line may hold a secret key.
public struct ConfigFileProblem: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the line, in the terms of Python's `configparser`, which the AWS CLI uses.
    public enum Kind: Sendable, Hashable {
        /// The bytes are not UTF-8.
        case invalidUTF8
        /// A setting before the first `[section]` header (`MissingSectionHeaderError`).
        case missingSectionHeader
        /// A line that is neither a header, a comment, nor `key = value` / `key: value` (`ParsingError`).
        case expectedKeyValue
        /// `= value` with nothing before the delimiter (`ParsingError`).
        case missingKey
        /// The same header twice in one file (`DuplicateSectionError`).
        case duplicateSection(String, firstLine: Int)
        /// The same key twice in one section (`DuplicateOptionError`).
        case duplicateKey(String, section: String, firstLine: Int)
        /// A line of an indented block that has no `=` (`ValueError` in botocore's `_parse_nested`).
        case malformedSubsectionLine(parentKey: String)
    }

    /// The 1-based line number.
    public let line: Int
    /// What is wrong.
    public let kind: Kind

    /// A problem at `line`.
    public init(line: Int, kind: Kind) {
        self.line = line
        self.kind = kind
    }

    /// `line 4: expected "key = value" …`.
    public var description: String {
        switch kind {
        case .invalidUTF8:
            return "line \(line): the file is not valid UTF-8; save it as UTF-8 text"
        case .missingSectionHeader:
            return "line \(line): a setting before any [section] header; start the file with [default] or [profile NAME]"
        case .expectedKeyValue:
            return "line \(line): expected \"key = value\", a [section] header or a # comment"
        case .missingKey:
            return "line \(line): a value with no key before the \"=\""
        case .duplicateSection(let header, let firstLine):
            return "line \(line): [\(header)] already appeared on line \(firstLine); merge the two sections into one"
        case .duplicateKey(let key, let section, let firstLine):
            return "line \(line): \"\(key)\" is already set on line \(firstLine) in [\(section)]; keep only one of them"
        case .malformedSubsectionLine(let parentKey):
            return "line \(line): the indented block under \"\(parentKey) =\" must hold \"key = value\" lines; "
                + "indent a continuation only for a nested block, or put the value on the \"\(parentKey) =\" line"
        }
    }
}
