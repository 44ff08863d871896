import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// RFC 4716 "SSH2" public keys as ssh-keygen -e and puttygen write them, and ours as ssh-keygen -i and puttygen read them.
@Suite("RFC 4716 public keys: against ssh-keygen and puttygen")
struct RFC4716FormatTests {
    /// A comment with everything PuTTY escapes (`"` and `\`), and spaces.
    static let trickyComment = #"Ann "the admin" O\Brien's key"#

    /// The one entry `text` holds.
    static func entry(_ text: String) throws -> KeyFileEntry {
        let file = try KeyFile(text: text)
        #expect(file.entries.count == 1)
        return try #require(file.entries.first)
    }

    @Test("ssh-keygen -e output reads to the key of the .pub, with ssh-keygen's comment",
          arguments: [OracleKeySpec.rsa2048, .ed25519, .ecdsa521, .dsa])
    func fromSSHKeygen(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        let text = try Oracle.run("ssh-keygen", ["-e", "-f", path + ".pub"])
        #expect(text.hasPrefix("---- BEGIN SSH2 PUBLIC KEY ----\n"))

        let entry = try Self.entry(text)
        #expect(entry.format == .rfc4716)
        #expect(entry.publicKey == (try OracleKeys.publicKey(path)))
        // ssh-keygen -e replaces the comment with its own description (key-formats.md §1.5).
        #expect(entry.comment?.hasPrefix("\(spec.keygenBits)-bit ") == true, "\(entry.comment ?? "nil")")
        #expect(entry.comment?.contains("converted by") == true)
        #expect(entry.comment?.hasPrefix("\"") == false, "quotes are not part of the comment")
    }

    @Test("puttygen -O public output keeps the comment, with PuTTY's \\\" and \\\\ escapes undone")
    func fromPuTTYgen() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ed25519, "key", in: directory, comment: Self.trickyComment)
        let text = try Oracle.run("puttygen", [path, "-O", "public"])
        #expect(text.contains(#"Comment: "Ann \"the admin\" O\\Brien's key""#), "puttygen escapes differently now:\n\(text)")

        let entry = try Self.entry(text)
        #expect(entry.publicKey == (try OracleKeys.publicKey(path)))
        #expect(entry.comment == Self.trickyComment)
    }

    @Test("header lines continued with \\, unknown and x- tags, CRLF: the key and comment still read, as ssh-keygen -i agrees")
    func continuationLines() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.rsa2048, "key", in: directory)
        let exported = try Oracle.run("ssh-keygen", ["-e", "-f", path + ".pub"]).split(separator: "\n").map(String.init)
        let body = exported.filter { !$0.hasPrefix("----") && !$0.contains(":") }
        let text = ([
            "---- BEGIN SSH2 PUBLIC KEY ----",
            "Subject: ann",
            #"Comment: This is my public key for use on \"#,
            "servers which I don't like.",
            #"x-command: /home/me/bin/lock-in-guest.sh \"#,
            #"  --really \"#,
            "  --now",
        ] + body + ["---- END SSH2 PUBLIC KEY ----"]).joined(separator: "\r\n") + "\r\n"
        let key = try OracleKeys.publicKey(path)

        let entry = try Self.entry(text)
        #expect(entry.publicKey == key)
        // RFC 4716 §3.3.2's own example, unquoted.
        #expect(entry.comment == "This is my public key for use on servers which I don't like.")

        let converted = try Oracle.run("ssh-keygen", ["-i", "-f", try directory.write("continued.txt", text)])
        #expect(converted.trimmingCharacters(in: .whitespacesAndNewlines) == key.openSSHRepresentation())
    }

    @Test("a lone CR or CRLF ends lines as well as LF")
    func lineEndings() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ecdsa256, "key", in: directory, comment: Self.trickyComment)
        let text = try Oracle.run("puttygen", [path, "-O", "public"])
        for newline in ["\r\n", "\r"] {
            let entry = try Self.entry(text.replacingOccurrences(of: "\n", with: newline))
            #expect(entry.publicKey == (try OracleKeys.publicKey(path)), "\(newline.debugDescription)")
            #expect(entry.comment == Self.trickyComment)
        }
    }

    /// A damaged variant of a good file, and the errors it may give.
    struct Damage: Sendable, CustomTestStringConvertible {
        let name: String
        let edit: @Sendable (String) -> String
        let codes: Set<SSHKeyError.Code>
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "no END line", edit: { $0.replacingOccurrences(of: "---- END SSH2 PUBLIC KEY ----\n", with: "") },
               codes: [.truncated]),
        Damage(name: "base64 with a bad character", edit: { $0.replacingOccurrences(of: "AAAA", with: "AA*A") },
               codes: [.malformed]),
        // Lines are 70 characters, so a lost line leaves either misaligned base64 or a blob cut short.
        Damage(name: "a body line lost",
               edit: { text in
                   var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                   lines.remove(at: 3)
                   return lines.joined(separator: "\n")
               }, codes: [.malformed, .truncated]),
        Damage(name: "no body", edit: { text in
            text.split(separator: "\n").filter { $0.hasPrefix("----") || $0.contains(":") }.joined(separator: "\n") + "\n"
        }, codes: [.malformed]),
        Damage(name: "the last header continued with \\ straight into END",
               edit: { _ in "---- BEGIN SSH2 PUBLIC KEY ----\nComment: cut \\\n---- END SSH2 PUBLIC KEY ----\n" },
               codes: [.truncated]),
        Damage(name: "a second BEGIN inside the block",
               edit: { $0.replacingOccurrences(of: "Comment:", with: "---- BEGIN SSH2 PUBLIC KEY ----\nComment:") },
               codes: [.malformed]),
    ]

    @Test("damaged files give the right error, placed on a line", arguments: damages)
    func damaged(_ damage: Damage) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ecdsa256, "key", in: directory)
        let text = damage.edit(try Oracle.run("ssh-keygen", ["-e", "-f", path + ".pub"]))
        let error = #expect(throws: SSHKeyError.self) { try KeyFile(text: text) }
        #expect(error.map { damage.codes.contains($0.code) } == true, "\(String(describing: error))")
        #expect(error?.line != nil, "\(String(describing: error))")
    }

    @Test("our output reads back to the same key and comment, and ssh-keygen -i and puttygen read it too",
          arguments: [OracleKeySpec.rsa2048, .ed25519, .ecdsa384])
    func roundTrip(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        let key = try OracleKeys.publicKey(path)
        let ours = key.rfc4716Representation(comment: Self.trickyComment)
        #expect(ours.split(separator: "\n").allSatisfy { $0.utf8.count <= 72 }, "RFC 4716 §3: lines of at most 72 bytes")

        let entry = try Self.entry(ours)
        #expect(entry.publicKey == key)
        #expect(entry.comment == Self.trickyComment)

        let oursPath = try directory.write("ours.txt", ours)
        let converted = try Oracle.run("ssh-keygen", ["-i", "-f", oursPath])
        #expect(converted.trimmingCharacters(in: .whitespacesAndNewlines) == key.openSSHRepresentation())
        // PuTTY keeps the comment, so it checks the escaping too.
        let putty = try Oracle.run("puttygen", [oursPath, "-O", "public-openssh"])
        #expect(putty.trimmingCharacters(in: .whitespacesAndNewlines) == key.openSSHRepresentation(comment: Self.trickyComment))
        // Without a comment there is no Comment header at all.
        #expect(!key.rfc4716Representation().contains("Comment:"))
        #expect(try Self.entry(key.rfc4716Representation()).comment == nil)
    }

    @Test("several blocks in one file, with text around them, come out in order with their BEGIN lines")
    func severalBlocks() throws {
        let directory = try TempDirectory()
        let first = try OracleKeys.publicKey(try OracleKeys.generate(.ed25519, "a", in: directory))
        let second = try OracleKeys.publicKey(try OracleKeys.generate(.ecdsa256, "b", in: directory))
        let text = "Keys for the new cluster:\n" + first.rfc4716Representation(comment: "a") + "\nand\n"
            + second.rfc4716Representation(comment: "b")
        let file = try KeyFile(text: text)
        #expect(file.entries.map(\.publicKey) == [first, second])
        #expect(file.entries.map(\.comment) == ["a", "b"])
        #expect(file.entries.map(\.line) == [2, 9])
    }
}
