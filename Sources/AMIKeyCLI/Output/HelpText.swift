/// `--help` discussions written as wrapped source text, re-flowed so ArgumentParser can wrap them to the terminal.
enum HelpText {
    /// Joins the lines of each prose paragraph into one line; blank lines and indented lines (examples, lists)
    /// stay as written. ArgumentParser keeps every newline it is given, so source-wrapped prose came out ragged.
    static func reflow(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let isProse = !line.isEmpty && !line.hasPrefix(" ")
            if isProse, let last = lines.last, !last.isEmpty, !last.hasPrefix(" "), !last.hasSuffix(":") {
                lines[lines.count - 1] = last + " " + line
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}
