/// RFC 4716 "SSH2" public key files (`---- BEGIN SSH2 PUBLIC KEY ----`), as ssh-keygen `-e` and PuTTYgen write them.
enum RFC4716Format {
    static let begin = "---- BEGIN SSH2 PUBLIC KEY ----"
    static let end = "---- END SSH2 PUBLIC KEY ----"

    /// Reads every key block in the text (RFC 4716 §3).
    static func read(_ text: String) throws(SSHKeyError) -> [KeyFileEntry] {
        var entries: [KeyFileEntry] = []
        var block: (line: Int, headers: [(String, String)], body: String, pending: String?, inBody: Bool)?
        for (index, rawLine) in TextLines.split(text).enumerated() {
            let line = rawLine.trimming(" \t")
            if line == begin {
                guard block == nil else { throw SSHKeyError(.malformed, "BEGIN inside an open SSH2 key block", line: index + 1) }
                block = (index + 1, [], "", nil, false)
                continue
            }
            guard var open = block else { continue }
            if line == end {
                guard open.pending == nil else {
                    throw SSHKeyError(.truncated, "header continued with \\ but the block ends", line: index + 1)
                }
                entries.append(try entry(from: open.headers, body: open.body, line: open.line))
                block = nil
                continue
            }
            if let pending = open.pending {
                // RFC 4716 §3.3: a header line ending in `\` continues on the next line.
                let joined = pending + line
                if joined.hasSuffix("\\") { open.pending = String(joined.dropLast()) } else {
                    open.headers.append(try header(joined, line: index + 1))
                    open.pending = nil
                }
            } else if !open.inBody, line.contains(":") {
                if line.hasSuffix("\\") { open.pending = String(line.dropLast()) } else {
                    open.headers.append(try header(String(line), line: index + 1))
                }
            } else if !line.isEmpty {
                open.inBody = true
                open.body += line
            }
            block = open
        }
        if let open = block {
            throw SSHKeyError(.truncated, "SSH2 public key block has no END line", line: open.line)
        }
        guard !entries.isEmpty else { throw SSHKeyError(.truncated, "no SSH2 public key block") }
        return entries
    }

    /// `Tag: value` (RFC 4716 §3.3); tags are case-insensitive and unknown ones are ignored by the caller.
    private static func header(_ text: String, line: Int) throws(SSHKeyError) -> (String, String) {
        guard let colon = text.firstIndex(of: ":") else { throw SSHKeyError(.malformed, "header without a colon", line: line) }
        let tag = text[..<colon].trimming(" ")
        guard !tag.isEmpty, tag.utf8.count <= 64 else { throw SSHKeyError(.malformed, "header tag is empty or too long", line: line) }
        return (String(tag), String(text[text.index(after: colon)...].trimming(" ")))
    }

    private static func entry(from headers: [(String, String)], body: String, line: Int) throws(SSHKeyError) -> KeyFileEntry {
        guard let blob = Base64.decode(body, ignoringWhitespace: true), !blob.isEmpty else {
            throw SSHKeyError(.malformed, "SSH2 public key body is not valid base64", line: line)
        }
        let key: SSHPublicKey
        do { key = try SSHPublicKey(wireRepresentation: blob) } catch { throw error.at(line: line) }
        let comment = headers.first { $0.0.lowercased() == "comment" }.map { unquote($0.1) }
        return KeyFileEntry(format: .rfc4716, line: line, publicKey: key, comment: comment)
    }

    /// Comment values are usually quoted, and PuTTY escapes `\` and `"` inside them.
    private static func unquote(_ value: String) -> String {
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return value }
        var out = ""
        var escaped = false
        for char in value.dropFirst().dropLast() {
            if escaped || char != "\\" {
                out.append(char)
                escaped = false
            } else {
                escaped = true
            }
        }
        return out
    }

    /// Writes a key as PuTTYgen does: quoted comment, 64-column body.
    static func write(_ key: SSHPublicKey, comment: String?) -> String {
        var lines = [begin]
        if let comment, !comment.isEmpty {
            let escaped = comment.backslashEscaping(["\\", "\""])
            lines.append("Comment: \"\(escaped)\"")
        }
        lines += Base64.encodeWrapped(key.wireRepresentation, width: 64)
        lines.append(end)
        return lines.joined(separator: "\n") + "\n"
    }
}
