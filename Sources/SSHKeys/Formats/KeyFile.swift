/// The keys in one file, whatever its format.
///
/// The format is recognised from the content, never from the file name, because users rename
/// `.pem`, `.ppk` and `.pub` files freely.
///
/// ## Usage
/// ```swift
/// let file = try KeyFile(contents: Array(data), options: .publicOnly)
/// for entry in file.entries { print(entry.format, entry.publicKey.sha256Fingerprint) }
/// for problem in file.errors { print("keys.txt:\(problem.line ?? 0): \(problem.message)") }
/// ```
public struct KeyFile: Sendable {
    /// The keys read, in file order.
    public var entries: [KeyFileEntry]
    /// Lines that could not be read (line-oriented files only); each carries its line number.
    public var errors: [SSHKeyError]

    /// Reads a file's bytes; throws when nothing in it can be read as a key.
    public init(contents: [UInt8], options: KeyReadOptions = .publicOnly) throws(SSHKeyError) {
        var bytes = contents[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }  // UTF-8 BOM from Windows editors
        guard !bytes.isEmpty else { throw SSHKeyError(.unrecognizedFormat, "the file is empty") }
        guard let decoded = KeyFileText(bytes) else {
            throw SSHKeyError(.unrecognizedFormat, "binary data, not a text key file (OpenSSH, PEM, PuTTY or RFC 4716)")
        }
        guard decoded.encoding != .utf8 else {
            try self.init(text: decoded.text, options: options)
            return
        }
        // The MAC covers the comment's stored bytes, which UTF-16 does not keep: there the decoded comment stands in.
        let ppkCommentBytes = decoded.encoding == .utf16 ? nil : KeyFileText.ppkCommentBytes(bytes)
        try self.init(text: decoded.text, options: options, ppkCommentBytes: ppkCommentBytes)
        for index in entries.indices {
            entries[index].textEncoding = decoded.encoding
            if let note = decoded.fileNote { entries[index].notes.append(note) }
            if let note = decoded.commentNote, entries[index].comment?.unicodeScalars.contains(where: { !$0.isASCII }) == true {
                entries[index].notes.append(note)
            }
        }
    }

    /// Reads a file's text.
    public init(text: String, options: KeyReadOptions = .publicOnly) throws(SSHKeyError) {
        try self.init(text: text, options: options, ppkCommentBytes: nil)
    }

    /// Reads a file's text; `ppkCommentBytes` are a PPK comment's stored bytes when the text was not UTF-8.
    private init(text: String, options: KeyReadOptions, ppkCommentBytes: [UInt8]?) throws(SSHKeyError) {
        errors = []
        // Text decoded elsewhere (String(contentsOf:)) keeps the BOM that `init(contents:)` drops.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if text.hasPrefix("PuTTY-User-Key-File-") {
            entries = [try PPKFormat.read(text, options: options, commentBytes: ppkCommentBytes)]
        } else if TextSearch.contains(text, "---- BEGIN SSH2 PUBLIC KEY ----") {
            entries = try RFC4716Format.read(text)
        } else if TextSearch.contains(text, "-----BEGIN ") {
            let blocks = try PEMBlock.parseAll(text) { $0 == "OPENSSH PRIVATE KEY" || PEMKeyFormat.reads(label: $0) }
            if let block = blocks.first(where: { $0.label == "OPENSSH PRIVATE KEY" }) {
                entries = [try OpenSSHPrivateKeyFormat.read(block, options: options)]
            } else {
                entries = try PEMKeyFormat.read(blocks, options: options)
            }
        } else {
            let result = AuthorizedKeysFormat.read(text)
            guard !result.entries.isEmpty || Self.mentionsKeyType(text) else {
                throw SSHKeyError(.unrecognizedFormat, "no key found: not an OpenSSH, PEM, PuTTY or RFC 4716 key file")
            }
            (entries, errors) = result
        }
    }

    /// Whether a text has something that looks like an SSH key on some line, to tell a broken key file from any text.
    private static func mentionsKeyType(_ text: String) -> Bool {
        let prefixes = ["ssh-", "ecdsa-sha2-", "sk-", "rsa-sha2-"]
        return TextLines.split(text).contains { line in
            line.split { $0 == " " || $0 == "\t" }.prefix(3).contains { token in prefixes.contains { token.hasPrefix($0) } }
        }
    }
}

extension KeyFile {
    /// A quick look for a key-file marker or an SSH key algorithm name standing as a word, so that a directory
    /// search can pass over READMEs and certificates without reporting them as broken keys.
    public static func mightHoldKeys(_ bytes: [UInt8]) -> Bool {
        let markers: [StaticString] = ["PRIVATE KEY-----", "PUBLIC KEY-----", "PuTTY-User-Key-File-", "---- BEGIN SSH2 PUBLIC KEY ----"]
        if markers.contains(where: { TextSearch.contains(bytes, $0) }) { return true }
        let words: [StaticString] = ["ssh-rsa", "ssh-dss", "ssh-ed25519", "ssh-ed448", "rsa-sha2-256", "rsa-sha2-512"]
        if words.contains(where: { TextSearch.containsWord(bytes, $0) }) { return true }
        return TextSearch.containsWord(bytes, "ecdsa-sha2-nistp", wholeWord: false)
            || TextSearch.contains(bytes, "@openssh.com")
    }
}
