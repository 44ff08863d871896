/// One `-----BEGIN LABEL-----` … `-----END LABEL-----` block (RFC 7468 §2, RFC 1421 §4.4 headers).
///
/// Read leniently, as OpenSSH and OpenSSL do and as AWS files need: any line width, CRLF, spaces,
/// `Key: value` headers (`Proc-Type`, `DEK-Info`), text before and after the block.
struct PEMBlock: Sendable, Equatable {
    /// The label between `BEGIN ` and the dashes, e.g. `RSA PRIVATE KEY`.
    var label: String
    /// RFC 1421 headers in order, names as written.
    var headers: [(name: String, value: String)]
    /// The decoded body.
    var body: [UInt8]
    /// The 1-based line of the BEGIN marker.
    var line: Int

    /// The value of a header, matched case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    static func == (lhs: PEMBlock, rhs: PEMBlock) -> Bool {
        lhs.label == rhs.label && lhs.body == rhs.body && lhs.line == rhs.line
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    /// Every block in the text, in order.
    ///
    /// Bodies are decoded only for labels `decoding` accepts; the others (a TLS `CERTIFICATE`, cloud-init's
    /// `SSH HOST KEY KEYS` list, which is not base64) are returned with an empty body, their markers still checked.
    static func parseAll(_ text: String, decoding: (String) -> Bool = { _ in true }) throws(SSHKeyError) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var current: (label: String, line: Int, headers: [(name: String, value: String)], body: String, inBody: Bool)?
        for (index, rawLine) in TextLines.split(text).enumerated() {
            let line = rawLine.trimming(" \t")
            if let label = marker(line, "BEGIN") {
                if let open = current {
                    throw SSHKeyError(.malformed, "BEGIN \(label) inside the \(open.label) block started on line \(open.line)",
                                      line: index + 1)
                }
                current = (label, index + 1, [], "", false)
            } else if let label = marker(line, "END") {
                guard let open = current else {
                    throw SSHKeyError(.malformed, "END \(label) with no BEGIN before it", line: index + 1)
                }
                guard label == open.label else {
                    throw SSHKeyError(.malformed, "END \(label) closes a block that began as \(open.label) on line \(open.line)",
                                      line: index + 1)
                }
                guard decoding(label) else {
                    blocks.append(PEMBlock(label: label, headers: open.headers, body: [], line: open.line))
                    current = nil
                    continue
                }
                guard let body = Base64.decode(open.body, ignoringWhitespace: true) else {
                    throw SSHKeyError(.malformed, "the \(label) block is not valid base64", line: open.line)
                }
                guard !body.isEmpty else { throw SSHKeyError(.truncated, "the \(label) block is empty", line: open.line) }
                blocks.append(PEMBlock(label: label, headers: open.headers, body: body, line: open.line))
                current = nil
            } else if var open = current {
                if !open.inBody, let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].trimming(" ")
                    open.headers.append((String(name), String(line[line.index(after: colon)...].trimming(" "))))
                } else if !line.isEmpty {
                    open.inBody = true
                    open.body += line
                }
                current = open
            }
        }
        if let open = current {
            throw SSHKeyError(.truncated, "the \(open.label) block that begins here has no END line", line: open.line)
        }
        return blocks
    }

    /// `label` if the line is `-----{kind} label-----`.
    private static func marker(_ line: Substring, _ kind: String) -> String? {
        let prefix = "-----\(kind) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count >= prefix.count + 5 else { return nil }
        return String(line.dropFirst(prefix.count).dropLast(5))
    }

    /// The armored text with 64-column lines (70 for OpenSSH keys, as ssh-keygen writes them).
    static func armor(label: String, headers: [(String, String)] = [], body: [UInt8], width: Int = 64) -> String {
        var lines = ["-----BEGIN \(label)-----"]
        if !headers.isEmpty {
            lines += headers.map { "\($0.0): \($0.1)" }
            lines.append("")
        }
        lines += Base64.encodeWrapped(body, width: width)
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }
}
