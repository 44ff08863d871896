/// The two parts of an instance's console output the demo shows and uses: the host keys printed by
/// `cc_keys_to_console` (to pin) and cloud-init's authorized-keys table (which keys the instance accepts).
///
/// ```swift
/// let console = ConsoleExcerpt(text)
/// try fileSystem.write(Array(console.knownHostsLines(for: ip).joined().utf8), to: pins, mode: 0o600, overwrite: true)
/// ```
public struct ConsoleExcerpt: Sendable, Hashable {
    /// The `-----BEGIN SSH HOST KEY KEYS-----` block's lines: `type base64 [comment]`.
    public var hostKeys: [String]
    /// The `ci-info: ...Authorized keys from ... for user ...` tables, line for line as printed.
    public var authorizedKeysTable: [String]

    /// Reads a console log.
    public init(_ text: String) {
        // "\r\n" is a single Character, so lines are split on any newline, not on "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var hostKeys: [String] = []
        var table: [String] = []
        var inKeys = false
        var inTable = false
        for line in lines {
            if line.hasSuffix("-----BEGIN SSH HOST KEY KEYS-----") { inKeys = true; continue }
            if line.hasSuffix("-----END SSH HOST KEY KEYS-----") { inKeys = false; continue }
            if inKeys, line.split(separator: " ").count >= 2 { hostKeys.append(line) }
            if line.hasPrefix("ci-info: "), line.contains("Authorized keys from "), line.contains(" for user ") {
                inTable = true
            }
            if inTable {
                guard line.hasPrefix("ci-info: ") else { inTable = false; continue }
                table.append(line)
            }
        }
        self.hostKeys = hostKeys
        self.authorizedKeysTable = table
    }

    /// `known_hosts` lines pinning `host` (the name typed after `user@`) to the console's host keys.
    public func knownHostsLines(for host: String) -> [String] {
        hostKeys.map { key in
            let fields = key.split(separator: " ")
            return "\(host) \(fields[0]) \(fields[1])\n"
        }
    }
}
