import Foundation

/// What real consoles do to cloud-init's output, applied to a clean log.
enum ConsoleDamage: String, CaseIterable, CustomStringConvertible {
    case none
    /// Serial consoles end lines with CRLF.
    case crlf
    /// Kernel messages land between cloud-init's lines.
    case kernelInterleaved
    /// systemd/journal forwarding puts a timestamp and `cloud-init[pid]:` before each line.
    case pidPrefixed
    /// A getty prompt is printed before the first table line.
    case gettyPrompt

    var description: String { rawValue }

    func apply(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        switch self {
        case .none:
            return text
        case .crlf:
            return lines.joined(separator: "\r\n")
        case .kernelInterleaved:
            return lines.enumerated().flatMap { index, line in
                index % 2 == 1 ? [line, "[   12.\(100_000 + index)] random: crng init done"] : [line]
            }.joined(separator: "\n")
        case .pidPrefixed:
            return lines.map { $0.hasPrefix("ci-info: ") ? "[   10.512345] cloud-init[123]: " + $0 : $0 }.joined(separator: "\n")
        case .gettyPrompt:
            var done = false
            return lines.map { line in
                guard !done, line.hasPrefix("ci-info: ") else { return line }
                done = true
                return "ip-10-0-0-1 login: " + line
            }.joined(separator: "\n")
        }
    }
}

/// A console log around cloud-init's pieces: a kernel banner opens each boot.
enum ConsoleText {
    static func boot(_ pieces: [String], kernelNoise: Int = 3) -> String {
        var lines = ["[    0.000000] Linux version 6.1.0-18-cloud-amd64 (debian-kernel@lists.debian.org)"]
        lines += (0..<kernelNoise).map { "[    0.\(String(format: "%06d", $0 + 1))] BIOS-e820: [mem 0x0000000000000000-0x000000000009ffff] usable" }
        return lines.joined(separator: "\n") + "\n" + pieces.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
    }
}
