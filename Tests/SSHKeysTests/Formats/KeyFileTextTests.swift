import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// Key files that are not UTF-8: a Japanese Windows PuTTYgen or Notepad writes comments in CP932.
@Suite("Key files in other encodings")
struct KeyFileTextTests {
    /// 日本語キー in CP932, as octal escapes for printf(1), so the shell hands puttygen the raw bytes.
    static let cp932Octal = #"\223\372\226\173\214\352\203\114\201\133"#
    /// The same comment decoded.
    static let comment = "日本語キー"
    /// A CP932 comment whose second byte is 0x5C (表 = 0x95 0x5C), which a byte-wise reader takes for a backslash.
    static let cp932WithBackslashByte: [UInt8] = [0x95, 0x5C, 0x8E, 0xA6]

    /// puttygen's own files with a CP932 comment: the public part, the comment and, past the MAC, the private key.
    @Test("reads puttygen's PPK with a CP932 comment", arguments: [PPKProtection.v2, .v2Encrypted, .v3, .v3Encrypted("argon2id")])
    func ppkWithCP932Comment(_ protection: PPKProtection) throws {
        let workspace = try PPKWorkspace()
        let arguments = (["-t", "ed25519", "-q", "-O", "private", "-o", workspace.path("key.ppk")]
            + protection.puttygenArguments(workspace)).map { "'\($0)'" }.joined(separator: " ")
        try Oracle.run("sh", ["-c", "puttygen -C \"$(printf '\(Self.cp932Octal)')\" \(arguments)"])
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.path("key.ppk"))))
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the oracle wrote UTF-8, not CP932")

        let file = try KeyFile(contents: bytes, options: PPKTest.options())
        let entry = try #require(file.entries.first)
        #expect(entry.comment == Self.comment)
        #expect(entry.notes == ["the comment was read as Windows Japanese text (CP932/Shift_JIS), not UTF-8"])
        #expect(entry.publicKey.puttyFingerprint(.sha256) == (try workspace.puttygenFingerprint("key.ppk")))
        let privateKey = try #require(entry.privateKey, "the MAC covers the stored bytes, not the decoded comment")
        #expect(privateKey.comment == Self.comment)
        #expect(privateKey.publicKey == entry.publicKey)
    }

    /// A changed comment byte still fails the MAC, as PuTTY reports it.
    @Test func alteredCP932CommentFailsTheMAC() throws {
        let workspace = try PPKWorkspace()
        try Oracle.run("sh", ["-c", "puttygen -t ed25519 -C \"$(printf '\(Self.cp932Octal)')\" -q -O private -o '\(workspace.path("key.ppk"))' --new-passphrase '\(workspace.emptyFile)'"])
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: workspace.path("key.ppk"))))
        let start = try #require(bytes.firstRange(of: Array("Comment: ".utf8))).upperBound
        bytes[start + 1] = 0x40  // 0x93 0xFA → 0x93 0x40 (another valid CP932 character)
        #expect(throws: SSHKeyError(.malformed, "MAC check failed: the file was altered or corrupted")) {
            _ = try KeyFile(contents: bytes, options: PPKTest.options())
        }
    }

    /// authorized_keys or a .pub saved as ANSI by Notepad on Japanese Windows: ssh-keygen reads it, and so do we.
    @Test func authorizedKeysWithCP932Comment() throws {
        let directory = try TempDirectory()
        let key = directory.path("id")
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key])
        let line = Array(try directory.read("id.pub").trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let bytes = line + [0x20] + Self.cp932WithBackslashByte + [0x0D, 0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: directory.path("authorized_keys")))
        let oracle = try Oracle.run("ssh-keygen", ["-l", "-f", directory.path("authorized_keys")])

        let file = try KeyFile(contents: bytes)
        let entry = try #require(file.entries.first)
        #expect(entry.comment == "表示")
        #expect(entry.line == 1)
        #expect(oracle.contains(entry.publicKey.sha256Fingerprint))
        #expect(entry.notes.contains("the comment was read as Windows Japanese text (CP932/Shift_JIS), not UTF-8"))
    }

    /// `ssh-keygen -y -f key > key.pub` in Windows PowerShell 5 writes UTF-16LE with a byte-order mark; here iconv
    /// writes the UTF-16LE and UTF-16BE is made by hand. The key is read, with a note that OpenSSH cannot.
    @Test(arguments: [true, false])
    func utf16WithByteOrderMark(_ littleEndian: Bool) throws {
        let directory = try TempDirectory()
        let key = directory.path("id")
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "deploy 鍵", "-f", key])
        let utf8 = Array(try directory.read("id.pub").utf8)
        let bytes: [UInt8]
        if littleEndian {
            bytes = [0xFF, 0xFE] + (try Oracle.runBytes("iconv", ["-f", "UTF-8", "-t", "UTF-16LE", key + ".pub"]))
        } else {
            bytes = [0xFE, 0xFF] + String(decoding: utf8, as: UTF8.self).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
        let oracle = try Oracle.run("ssh-keygen", ["-l", "-f", key + ".pub"])

        let entry = try #require(try KeyFile(contents: bytes).entries.first)
        #expect(oracle.contains(entry.publicKey.sha256Fingerprint))
        #expect(entry.comment == "deploy 鍵")
        #expect(entry.notes == ["the file is UTF-16 (as Windows PowerShell 5's > writes it), which OpenSSH and sshd cannot read: save it as UTF-8"])
    }

    /// Latin-1 or any other encoding: the key is read, the comment keeps U+FFFD where its bytes were not UTF-8.
    @Test func otherEncodingsKeepTheKey() throws {
        let directory = try TempDirectory()
        let key = directory.path("id")
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "", "-f", key])
        let line = Array(try directory.read("id.pub").trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        let file = try KeyFile(contents: line + Array(" caf".utf8) + [0xE9, 0x20] + Array("key\n".utf8))
        let entry = try #require(file.entries.first)
        #expect(entry.comment == "caf\u{FFFD} key")
        #expect(entry.notes == ["the comment is not UTF-8 text: its unreadable bytes are shown as \u{FFFD}"])
    }

    /// Binary data stays refused, with or without valid UTF-8.
    @Test(arguments: [[0x30, 0x82, 0x01, 0x0A, 0x02, 0x82, 0x01, 0x01, 0x00, 0xC3] as [UInt8], [0xFF, 0xD8, 0xFF, 0xE0, 0x10, 0x4A],
                      [0x73, 0x73, 0x68, 0x00, 0x41]])
    func binaryIsRefused(_ bytes: [UInt8]) {
        #expect(throws: SSHKeyError(.unrecognizedFormat, "binary data, not a text key file (OpenSSH, PEM, PuTTY or RFC 4716)")) {
            _ = try KeyFile(contents: bytes)
        }
    }
}
