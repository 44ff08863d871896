extension AWSConfigFile {
    /// Parses a file's bytes; they must be UTF-8 (a leading byte-order mark is skipped).
    ///
    /// - Throws: ``AWSConfigFileError/malformed(path:problems:)`` listing every malformed line.
    public init(parsing bytes: some Collection<UInt8>, path: String, kind: Kind) throws(AWSConfigFileError) {
        var bytes = Array(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .malformed(path: path, problems: [ConfigFileProblem(line: Self.firstInvalidLine(bytes), kind: .invalidUTF8)])
        }
        try self.init(parsing: text, path: path, kind: kind)
    }

    /// Parses a file's text.
    ///
    /// - Throws: ``AWSConfigFileError/malformed(path:problems:)`` listing every malformed line.
    public init(parsing text: String, path: String, kind: Kind) throws(AWSConfigFileError) {
        var text = text
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        var parser = RawConfigParser()
        for (index, line) in PythonText.universalLines(text).enumerated() {
            parser.read(line: line, number: index + 1)
        }
        var problems = parser.problems
        let sections = parser.sections.map { section in
            Self.section(section, defaults: parser.defaults, path: path, kind: kind, problems: &problems)
        }
        guard problems.isEmpty else {
            throw .malformed(path: path, problems: problems.sorted { $0.line < $1.line })
        }
        self.init(path: path, kind: kind, sections: sections)
    }

    /// A section's own options, then the `[DEFAULT]` options it does not set (configparser's `options()`).
    private static func section(
        _ raw: RawConfigParser.Section, defaults: RawConfigParser.Section, path: String, kind: Kind,
        problems: inout [ConfigFileProblem]
    ) -> AWSConfigSection {
        let inherited = defaults.options.filter { option in !raw.options.contains { $0.key == option.key } }
        let entries = raw.options.map { entry($0, section: raw.header, path: path, problems: &problems) }
            + inherited.map { entry($0, section: defaults.header, path: path, problems: &problems) }
        return AWSConfigSection(
            header: raw.header, kind: sectionKind(ofHeader: raw.header, in: kind), line: raw.line, entries: entries)
    }

    /// An option's value as botocore's `raw_config_parse` returns it: lines joined with `\n` and right-stripped;
    /// a value that then starts with `\n` (empty first line, indented block below) is a sub-section.
    private static func entry(
        _ option: RawConfigParser.Option, section: String, path: String, problems: inout [ConfigFileProblem]
    ) -> AWSConfigEntry {
        let location = ConfigFileLocation(path: path, section: section, line: option.line)
        var lines = option.lines
        while let last = lines.last, last.text.isEmpty { lines.removeLast() }
        guard lines.count > 1, lines[0].text.isEmpty else {
            return AWSConfigEntry(key: option.key, value: .text(lines.map(\.text).joined(separator: "\n")), location: location)
        }
        // `_parse_nested`: every non-blank line is `key = value` split at the first `=`; a repeated key keeps its
        // first position and takes the later value (a Python dict assignment).
        var nested: [AWSConfigEntry] = []
        for line in lines.dropFirst() where !line.text.isEmpty {
            guard let equals = line.text.firstIndex(of: "=") else {
                problems.append(ConfigFileProblem(line: line.number, kind: .malformedSubsectionLine(parentKey: option.key)))
                continue
            }
            let key = PythonText.strip(String(line.text[..<equals]))
            let value = PythonText.strip(String(line.text[line.text.index(after: equals)...]))
            let nestedEntry = AWSConfigEntry(
                key: key, value: .text(value), location: ConfigFileLocation(path: path, section: section, line: line.number))
            if let existing = nested.firstIndex(where: { $0.key == key }) {
                nested[existing] = nestedEntry
            } else {
                nested.append(nestedEntry)
            }
        }
        return AWSConfigEntry(key: option.key, value: .subsection(nested), location: location)
    }

    /// The line holding the first byte that is not UTF-8, for the error message.
    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if String(validating: bytes[start...index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
