/// Reads an EC2 console log (GetConsoleOutput, or text copied from the console) into `ConsoleEvidence`.
///
/// Pure and total: any bytes give evidence and notes, never an error. Survives what real consoles do to
/// cloud-init's output: kernel lines between table lines, timestamps, `cloud-init[pid]:` or a getty prompt before
/// `ci-info:`, CRLF, a log whose start fell out of the 64 KB window, and several boots.
///
/// ```swift
/// let evidence = ConsoleLog.parse(text)
/// for table in evidence.authorizedKeys { print(table.user, table.rows.map(\.fingerprint)) }
/// ```
public enum ConsoleLog {
    /// Parses console bytes (invalid UTF-8 becomes U+FFFD, as a cut in the middle of a character would need).
    public static func parse(_ bytes: [UInt8]) -> ConsoleEvidence {
        parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Parses console text.
    public static func parse(_ text: String) -> ConsoleEvidence {
        var parser = ConsoleLogParser()
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            parser.read(line.trimmingSuffix { $0 == "\r" }, line: number)
        }
        return parser.finish(lastLine: number)
    }
}
