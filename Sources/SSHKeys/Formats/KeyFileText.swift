import Foundation

/// The text encoding a key file was read in; OpenSSH and sshd read only UTF-8 (ASCII).
public enum KeyFileTextEncoding: String, Sendable, Hashable {
    /// UTF-8 (ASCII included): what OpenSSH and PuTTY on Linux write.
    case utf8
    /// UTF-16 with a byte-order mark, as Windows PowerShell 5's `>` writes it; no SSH client reads it.
    case utf16
    /// Windows code page 932 (which Foundation calls Shift_JIS), from a Japanese Windows PuTTYgen or Notepad.
    case windowsJapanese = "windows-japanese"
    /// Neither: the bytes that are not UTF-8 were read as U+FFFD.
    case other
}

/// How a key file's bytes become text.
///
/// OpenSSH writes UTF-8, and every byte of key syntax is ASCII; only comments carry other characters. A Japanese
/// Windows PuTTYgen or Notepad stores them in the ANSI code page (CP932, "Shift_JIS"), so such a file is read in that
/// encoding rather than refused. Windows PowerShell 5's `>` writes UTF-16 with a byte-order mark, which OpenSSH
/// cannot read: amikey reads it and says so. Anything else that is still text is read with U+FFFD for the bytes that
/// are not UTF-8: the keys are intact and only a comment suffers.
struct KeyFileText {
    typealias Encoding = KeyFileTextEncoding

    /// The decoded text.
    var text: String
    /// How it was decoded.
    var encoding: Encoding

    /// Decodes a file's bytes (BOM already removed); nil for binary data, which holds control bytes no text has.
    init?(_ bytes: ArraySlice<UInt8>) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // Foundation takes the byte order from the mark and drops it.
            guard let text = String(bytes: bytes, encoding: .utf16), !text.unicodeScalars.contains(where: { $0.value == 0 })
            else { return nil }
            self.init(text: text, encoding: .utf16)
            return
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            guard !bytes.contains(0) else { return nil }
            self.init(text: text, encoding: .utf8)
            return
        }
        guard !bytes.contains(where: Self.isBinaryControl) else { return nil }
        if let text = String(bytes: bytes, encoding: .shiftJIS) {
            self.init(text: text, encoding: .windowsJapanese)
        } else {
            self.init(text: String(decoding: bytes, as: UTF8.self), encoding: .other)
        }
    }

    private init(text: String, encoding: Encoding) {
        self.text = text
        self.encoding = encoding
    }

    /// What a user should know about every key read from this text, when OpenSSH could not read the file itself.
    var fileNote: String? {
        encoding == .utf16
            ? "the file is UTF-16 (as Windows PowerShell 5's > writes it), which OpenSSH and sshd cannot read: save it as UTF-8"
            : nil
    }

    /// What a user should know about a comment read from this text, when the encoding was not UTF-8.
    var commentNote: String? {
        switch encoding {
        case .utf8, .utf16: nil
        case .windowsJapanese: "the comment was read as Windows Japanese text (CP932/Shift_JIS), not UTF-8"
        case .other: "the comment is not UTF-8 text: its unreadable bytes are shown as \u{FFFD}"
        }
    }

    /// C0 controls other than tab, line feed, form feed, carriage return and the DOS end-of-file mark.
    private static func isBinaryControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1A].contains(byte)
    }

    /// The raw bytes of a PPK file's `Comment: ` value (Appendix C §C.2: a header line of its own), which the MAC
    /// covers whatever their encoding; nil when there is no such line.
    static func ppkCommentBytes(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        let prefix = Array("Comment: ".utf8)
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let line = line.last == 0x0D ? line.dropLast() : line
            if line.starts(with: prefix) { return Array(line.dropFirst(prefix.count)) }
        }
        return nil
    }
}
