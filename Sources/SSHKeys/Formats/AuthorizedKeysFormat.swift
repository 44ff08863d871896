/// `.pub` lines and `authorized_keys` files, read the way sshd reads them
/// (sshd(8) AUTHORIZED_KEYS FILE FORMAT; auth2-pubkeyfile.c, authfile.c `sshkey_advance_past_options`).
enum AuthorizedKeysFormat {
    /// Signature algorithm names sshd's key table also accepts as the type of an RSA key line.
    static let rsaAliases: Set<String> = ["rsa-sha2-256", "rsa-sha2-512"]

    /// Reads every line; blank and `#` lines are skipped, every other line yields a key or a numbered error.
    static func read(_ text: String) -> (entries: [KeyFileEntry], errors: [SSHKeyError]) {
        var entries: [KeyFileEntry] = []
        var errors: [SSHKeyError] = []
        for (index, rawLine) in TextLines.split(text).enumerated() {
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.first == "#" { continue }
            do {
                var entry = try parseLine(line)
                entry.line = index + 1
                entries.append(entry)
            } catch {
                errors.append(error.at(line: index + 1))
            }
        }
        let plain = entries.count == 1 && errors.isEmpty && entries[0].options.isEmpty
        for index in entries.indices { entries[index].format = plain ? .opensshPublic : .authorizedKeys }
        return (entries, errors)
    }

    /// Parses one line: a key with no options first, else options followed by a key, as sshd tries them.
    static func parseLine(_ line: Substring) throws(SSHKeyError) -> KeyFileEntry {
        let firstEnd = line.firstIndex { $0 == " " || $0 == "\t" } ?? line.endIndex
        let first = line[..<firstEnd]
        if looksLikeKeyType(first), !AuthorizedKeyOption.isOptionName(first) {
            do {
                return try parseKey(line, options: [])
            } catch {
                // sshd then reads the first token as options: a misspelt option before a good key is an option error.
                let rest = line[firstEnd...].drop { $0 == " " || $0 == "\t" }
                guard !rest.isEmpty, (try? parseKey(rest, options: [])) != nil else { throw error }
                _ = try AuthorizedKeyOption.parseList(first)
                throw error
            }
        }
        let optionsEnd = try endOfOptions(line)
        let options = try AuthorizedKeyOption.parseList(line[..<optionsEnd])
        let rest = line[optionsEnd...].drop { $0 == " " || $0 == "\t" }
        guard !rest.isEmpty else { throw .malformed("options but no key after them") }
        let typeEnd = rest.firstIndex { $0 == " " || $0 == "\t" } ?? rest.endIndex
        guard looksLikeKeyType(rest[..<typeEnd]) else {
            throw .malformed("\"\(rest[..<typeEnd].prefix(40))\" is not a key type")
        }
        return try parseKey(rest, options: options)
    }

    /// A key type token: a known name, or a name of the characters SSH algorithm names use (never reject new types).
    private static func looksLikeKeyType(_ token: Substring) -> Bool {
        guard !token.isEmpty, !token.contains("=") , !token.contains(","), !token.contains("\"") else { return false }
        return token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-@._".contains($0)) }
            && token.first?.isLetter == true
    }

    /// Scans to the first space or tab outside double quotes; `\"` inside quotes is one unit.
    private static func endOfOptions(_ line: Substring) throws(SSHKeyError) -> Substring.Index {
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let char = line[index]
            if !quoted, char == " " || char == "\t" { return index }
            if quoted, char == "\\", line.index(after: index) < line.endIndex, line[line.index(after: index)] == "\"" {
                index = line.index(index, offsetBy: 2)
                continue
            }
            if char == "\"" { quoted.toggle() }
            index = line.index(after: index)
        }
        if quoted { throw .malformed("bad key options: unterminated quote; sshd ignores this whole line") }
        return index
    }

    /// `type base64 [comment]`; the type must agree with the blob or sshd skips the line.
    private static func parseKey(_ text: Substring, options: [AuthorizedKeyOption]) throws(SSHKeyError) -> KeyFileEntry {
        let fields = text.split(maxSplits: 2, omittingEmptySubsequences: true) { $0 == " " || $0 == "\t" }
        let type = String(fields[0])
        guard fields.count >= 2 else { throw .malformed("\(type) with no key data after it") }
        guard let blob = Base64.decode(fields[1]) else {
            throw .malformed("the key data after \(type) is not valid base64")
        }
        let key = try SSHPublicKey(wireRepresentation: blob)
        var notes: [String] = []
        if key.algorithm != type {
            guard rsaAliases.contains(type), key.algorithm == "ssh-rsa" else {
                throw SSHKeyError(.inconsistent,
                                  "the line says \(type) but the key data is \(key.algorithm); sshd ignores this line")
            }
            notes.append("type written as \(type): sshd accepts it as ssh-rsa, most other tools do not")
        }
        // `split` stops after two splits, so the comment may still start with the rest of a run of blanks.
        let comment = fields.count > 2 ? fields[2].drop { $0 == " " || $0 == "\t" }.trimmingTrailingWhitespace() : nil
        return KeyFileEntry(format: .authorizedKeys, publicKey: key, comment: comment, options: options, notes: notes)
    }
}

extension SSHPublicKey {
    /// Parses one `.pub` line or `authorized_keys` line (options allowed, comment kept).
    public init(openSSHRepresentation line: String) throws(SSHKeyError) {
        let trimmed = Substring(line).drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
        self = try AuthorizedKeysFormat.parseLine(Substring(trimmed.trimming("\r\n"))).publicKey
    }

    /// `type base64 [comment]`, as ssh-keygen writes `.pub` files.
    public func openSSHRepresentation(comment: String? = nil) -> String {
        let body = "\(algorithm) \(Base64.encode(wireRepresentation))"
        guard let comment, !comment.isEmpty else { return body }
        return "\(body) \(comment)"
    }
}

/// Splitting text files as OpenSSH and PuTTY accept them: LF, CRLF or lone CR.
enum TextLines {
    /// The lines, without terminators; a final terminator does not add an empty line.
    static func split(_ text: String) -> [Substring] {
        // Scans UTF-8 code units: splitting on Characters runs grapheme breaking over every byte of every file.
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(text[start..<index])
                index = utf8.index(after: index)
                if byte == 0x0D, index != utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if start != utf8.endIndex { lines.append(text[start..<utf8.endIndex]) }
        return lines
    }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, let char = self[index(before: end)] as Character?, char.isWhitespace {
            end = index(before: end)
        }
        return String(self[startIndex..<end])
    }

    func trimming(_ set: String) -> Substring {
        let substring = self[...]
        let start = substring.firstIndex { !set.contains($0) } ?? substring.endIndex
        let end = substring.lastIndex { !set.contains($0) }.map { substring.index(after: $0) } ?? start
        return Substring(substring[start..<Swift.max(start, end)])
    }
}
