/// The line loop of CPython's `configparser.RawConfigParser._read`, with the options botocore uses
/// (delimiters `=` and `:`, comment prefixes `#` and `;`, no inline comments, `strict=True`,
/// `empty_lines_in_values=True`, default section `DEFAULT`).
///
/// Where CPython raises at the first duplicate or missing header, this keeps going, so that one run reports
/// every bad line; the file is rejected either way.
struct RawConfigParser {
    /// A `key = value` line and its continuation lines (blank lines kept as empty text, as configparser does).
    struct Option {
        var key: String
        var line: Int
        var lines: [(text: String, number: Int)]
    }

    /// A section and its options in file order.
    struct Section {
        var header: String
        var line: Int
        var options: [Option] = []
    }

    /// The section lines go to: none yet, `[DEFAULT]`, a kept section, or a rejected duplicate.
    private enum SectionCursor { case none, defaults, section(Int), duplicate }
    /// The option continuation lines go to: a kept option, or a rejected duplicate key.
    private enum OptionCursor { case option(Int), duplicate }

    private(set) var sections: [Section] = []
    private(set) var defaults = Section(header: "DEFAULT", line: 0)
    private(set) var problems: [ConfigFileProblem] = []
    private var duplicateSection = Section(header: "", line: 0)
    private var sectionCursor = SectionCursor.none
    private var optionCursor: OptionCursor?
    private var indentLevel = 0
    private var reportedMissingHeader = false

    mutating func read(line: [Unicode.Scalar], number: Int) {
        let stripped = PythonText.strip(line[...])
        let isComment = stripped.first == "#" || stripped.first == ";"
        if isComment || stripped.isEmpty {
            // A blank line (not a comment) belongs to the value being read, if any: `empty_lines_in_values`.
            if !isComment { appendToOption("", number: number) }
            return
        }
        let indent = line.firstIndex { !PythonText.isSpace($0) } ?? 0
        if optionCursor != nil, indent > indentLevel {
            appendToOption(PythonText.string(stripped), number: number)
            return
        }
        indentLevel = indent
        if let header = Self.header(stripped) {
            openSection(header, number: number)
        } else if case .none = sectionCursor {
            if !reportedMissingHeader { problems.append(ConfigFileProblem(line: number, kind: .missingSectionHeader)) }
            reportedMissingHeader = true
        } else {
            readOption(stripped, number: number)
        }
    }

    /// `SECTCRE` (`\[(?P<header>.+)\]`, matched at the start): `[` then at least one character up to the last `]`;
    /// anything after that `]` is ignored.
    private static func header(_ value: ArraySlice<Unicode.Scalar>) -> String? {
        guard value.first == "[", let close = value.lastIndex(of: "]"), close >= value.startIndex + 2 else { return nil }
        return PythonText.string(value[(value.startIndex + 1)..<close])
    }

    private mutating func openSection(_ header: String, number: Int) {
        optionCursor = nil
        if header == defaults.header {
            // `[DEFAULT]` may appear more than once; its keys still may not repeat.
            sectionCursor = .defaults
        } else if let existing = sections.first(where: { $0.header == header }) {
            problems.append(ConfigFileProblem(line: number, kind: .duplicateSection(header, firstLine: existing.line)))
            duplicateSection = Section(header: header, line: number)
            sectionCursor = .duplicate
        } else {
            sections.append(Section(header: header, line: number))
            sectionCursor = .section(sections.count - 1)
        }
    }

    /// `OPTCRE`: the key is everything before the first `=` or `:`, right-stripped; the value is the rest, stripped.
    private mutating func readOption(_ value: ArraySlice<Unicode.Scalar>, number: Int) {
        guard let delimiter = value.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
            // configparser collects the line into a ParsingError and keeps reading the option it was on.
            problems.append(ConfigFileProblem(line: number, kind: .expectedKeyValue))
            return
        }
        let key = PythonText.string(PythonText.strip(value[..<delimiter])).lowercased()
        let text = PythonText.string(PythonText.strip(value[(delimiter + 1)...]))
        if key.isEmpty { problems.append(ConfigFileProblem(line: number, kind: .missingKey)) }
        let section = currentSection
        if let first = section.options.first(where: { $0.key == key }) {
            problems.append(
                ConfigFileProblem(line: number, kind: .duplicateKey(key, section: section.header, firstLine: first.line)))
            optionCursor = .duplicate
            return
        }
        let option = Option(key: key, line: number, lines: [(text, number)])
        switch sectionCursor {
        case .none: return
        case .defaults: defaults.options.append(option)
        case .section(let index): sections[index].options.append(option)
        case .duplicate: duplicateSection.options.append(option)
        }
        optionCursor = .option(section.options.count)
    }

    private var currentSection: Section {
        switch sectionCursor {
        case .none, .duplicate: return duplicateSection
        case .defaults: return defaults
        case .section(let index): return sections[index]
        }
    }

    private mutating func appendToOption(_ text: String, number: Int) {
        guard case .option(let option) = optionCursor else { return }
        switch sectionCursor {
        case .none: return
        case .defaults: defaults.options[option].lines.append((text, number))
        case .section(let index): sections[index].options[option].lines.append((text, number))
        case .duplicate: duplicateSection.options[option].lines.append((text, number))
        }
    }
}
