import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// openssh-key-v1 files: what ssh-keygen writes reads to the key ssh-keygen sees, and what we write ssh-keygen reads back.
@Suite("OpenSSH private keys: read and write against ssh-keygen")
struct OpenSSHPrivateKeyFormatTests {
    static let passphrase = "correct horse ☃"
    static let comment = "deploy@build-01 (rotated 2026)"

    /// Options that open private parts with `passphrase` (nil: the source has none to give).
    static func options(_ passphrase: String?) -> KeyReadOptions {
        KeyReadOptions(passphrase: { _ in passphrase.map { Array($0.utf8) } }, decryptPrivateKeys: true)
    }

    /// `ssh-keygen -y`: the public line of a private key file, as type+base64 and comment.
    static func keygenPublic(_ path: String, passphrase: String = "") throws -> (key: String, comment: String) {
        let fields = try Oracle.run("ssh-keygen", ["-y", "-P", passphrase, "-f", path])
            .trimmingCharacters(in: .newlines).split(separator: " ", maxSplits: 2).map(String.init)
        return (fields.prefix(2).joined(separator: " "), fields.count > 2 ? fields[2] : "")
    }

    /// Reads `path` as ssh-keygen made it and checks it against `ssh-keygen -y`; returns the entry.
    @discardableResult
    static func checkRead(_ path: String, passphrase: String?, comment: String = comment) throws -> KeyFileEntry {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = try keygenPublic(path, passphrase: passphrase ?? "")
        let file = try KeyFile(text: text, options: options(passphrase))
        #expect(file.entries.count == 1)
        let entry = try #require(file.entries.first)
        #expect(entry.format == .opensshPrivate)
        #expect(entry.isEncrypted == (passphrase != nil))
        #expect(entry.publicKey.openSSHRepresentation() == expected.key)
        #expect(entry.comment == comment)
        #expect(expected.comment == comment, "ssh-keygen itself should see the comment given")
        #expect(entry.notes.isEmpty, "\(entry.notes)")
        let privateKey = try #require(entry.privateKey)
        #expect(privateKey.publicKey.wireRepresentation == entry.publicKey.wireRepresentation)
        #expect(privateKey.comment == comment)

        if passphrase != nil {
            // The public part is in clear: readable without the passphrase, and nothing else is.
            let closed = try #require(try KeyFile(text: text, options: .publicOnly).entries.first)
            #expect(closed.publicKey == entry.publicKey)
            #expect(closed.comment == nil && closed.privateKey == nil)
            #expect(!closed.notes.isEmpty)
        }
        return entry
    }

    @Test("every type, unencrypted and encrypted (aes256-ctr, bcrypt -a 4): the key and comment ssh-keygen -y sees",
          arguments: OracleKeySpec.all)
    func everyType(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory, comment: Self.comment)
        let plain = try Self.checkRead(path, passphrase: nil)
        #expect(plain.publicKey.bits == spec.keygenBits)

        // The same key re-encrypted by ssh-keygen -p: no second RSA generation, and the key must not change.
        let encryptedPath = try directory.write("encrypted", try directory.read("key"))
        _ = try Oracle.run("ssh-keygen", ["-q", "-p", "-P", "", "-N", Self.passphrase, "-a", "4", "-f", encryptedPath])
        let encrypted = try Self.checkRead(encryptedPath, passphrase: Self.passphrase)
        #expect(encrypted.publicKey == plain.publicKey)
        #expect(encrypted.privateKey?.awsCreatedFingerprint == plain.privateKey?.awsCreatedFingerprint)
    }

    static let ciphers = ["aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes192-cbc", "aes256-cbc",
                          "aes128-gcm@openssh.com", "aes256-gcm@openssh.com"]

    @Test("every cipher ssh-keygen -Z writes that swift-crypto provides", arguments: ciphers)
    func cipher(_ cipher: String) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ecdsa384, "key", in: directory, comment: Self.comment,
                                           passphrase: Self.passphrase, extra: ["-a", "4", "-Z", cipher])
        let block = try #require(try PEMBlock.parseAll(try directory.read("key")).first)
        #expect(block.body.starts(with: OpenSSHPrivateKeyFormat.magic + [0, 0, 0, UInt8(cipher.utf8.count)] + Array(cipher.utf8)),
                "ssh-keygen did not write \(cipher)")
        try Self.checkRead(path, passphrase: Self.passphrase)
    }

    @Test("ssh-keygen's default rounds (16 in 9.2, 24 from 9.9) read too")
    func defaultRounds() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ed25519, "key", in: directory, comment: Self.comment, passphrase: Self.passphrase)
        try Self.checkRead(path, passphrase: Self.passphrase)
    }

    @Test("puttygen's openssh-key-v1 export (-O private-openssh-new) reads too", arguments: [
        (OracleKeySpec.rsa1024, false), (.ecdsa521, false), (.ed25519, true),
    ])
    func fromPuTTYgen(_ spec: OracleKeySpec, _ encrypted: Bool) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory, comment: Self.comment)
        // puttygen refuses openssh-key-v1 → openssh-key-v1 as "no useful action", so the key goes through a PPK.
        _ = try Oracle.run("puttygen", [path, "-O", "private", "-o", directory.path("key.ppk")])
        let passphraseFile = try directory.write("passphrase", encrypted ? Self.passphrase + "\n" : "")
        _ = try Oracle.run("puttygen", [directory.path("key.ppk"), "-O", "private-openssh-new", "--new-passphrase", passphraseFile,
                                        "-o", directory.path("putty")])
        let entry = try Self.checkRead(directory.path("putty"), passphrase: encrypted ? Self.passphrase : nil)
        #expect(entry.publicKey == (try OracleKeys.publicKey(path)))
    }

    @Test("a wrong or empty passphrase is wrong-passphrase; none at all leaves a note and the public key",
          arguments: [OracleKeySpec.ed25519, .rsa2048])
    func passphraseProblems(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        try OracleKeys.generate(spec, "key", in: directory, comment: Self.comment, passphrase: Self.passphrase, extra: ["-a", "4"])
        let text = try directory.read("key")
        for wrong in ["correct horse", "", String(repeating: "x", count: 200)] {
            let error = #expect(throws: SSHKeyError.self, "passphrase \(wrong.debugDescription)") {
                try KeyFile(text: text, options: Self.options(wrong))
            }
            #expect(error?.code == .wrongPassphrase, "\(String(describing: error))")
        }
        let entry = try #require(try KeyFile(text: text, options: Self.options(nil)).entries.first)
        #expect(entry.privateKey == nil && entry.comment == nil)
        #expect(entry.notes.contains { $0.contains("no passphrase") }, "\(entry.notes)")
        #expect(entry.publicKey == (try OracleKeys.publicKey(directory.path("key"))))
    }

    @Test("chacha20-poly1305 cannot be opened: unsupported with advice; its public key still reads")
    func chacha20() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ed25519, "key", in: directory, comment: Self.comment, passphrase: Self.passphrase,
                                           extra: ["-a", "4", "-Z", "chacha20-poly1305@openssh.com"])
        let text = try directory.read("key")
        let error = #expect(throws: SSHKeyError.self) { try KeyFile(text: text, options: Self.options(Self.passphrase)) }
        #expect(error?.code == .unsupported)
        #expect(error?.message.contains("ssh-keygen -p -Z aes256-ctr") == true, "\(String(describing: error))")

        let entry = try #require(try KeyFile(text: text, options: .publicOnly).entries.first)
        #expect(entry.publicKey.openSSHRepresentation() == (try Self.keygenPublic(path, passphrase: Self.passphrase)).key)
        #expect(entry.isEncrypted)
        #expect(entry.notes.contains { $0.contains("chacha20-poly1305") && $0.contains("ssh-keygen -p") }, "\(entry.notes)")
    }

    // MARK: - Writing

    /// Offset of the check integers in an unencrypted body: magic, "none", "none", empty KDF options, N, public key, length.
    static func checkIntOffset(_ body: [UInt8]) throws -> Int {
        var reader = SSHWireReader(body)
        _ = try reader.readBytes(OpenSSHPrivateKeyFormat.magic.count, field: "magic")
        for field in ["cipher", "kdf", "kdf options"] { _ = try reader.readString(field: field) }
        _ = try reader.readUInt32(field: "N")
        _ = try reader.readString(field: "public key")
        _ = try reader.readUInt32(field: "section length")
        return reader.offset
    }

    @Test("write: ssh-keygen reads our files (plain and encrypted) to the same key and comment", arguments: OracleKeySpec.all)
    func writesWhatSSHKeygenReads(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory, comment: Self.comment)
        let original = try Self.keygenPublic(path)
        let key = try #require(try KeyFile(text: try directory.read("key")).entries.first?.privateKey)

        // No .pub next to ours: ssh-keygen must take the key and comment from our file alone.
        let plain = key.opensshRepresentation()
        let plainPath = try directory.write("ours", plain)
        #expect(try Self.keygenPublic(plainPath) == original)
        #expect(try OracleKeys.fingerprintLines(plainPath) == [key.publicKey.sshKeygenLine(comment: Self.comment)])
        #expect(plain.split(separator: "\n").dropFirst().dropLast().allSatisfy { $0.count <= 70 }, "ssh-keygen wraps at 70")

        // Unencrypted, ours is ssh-keygen's file byte for byte except the random check integers.
        var ours = try #require(try PEMBlock.parseAll(plain).first).body
        var theirs = try #require(try PEMBlock.parseAll(try directory.read("key")).first).body
        let offset = try Self.checkIntOffset(theirs)
        #expect(try Self.checkIntOffset(ours) == offset)
        #expect(ours.count == theirs.count)
        if ours.count == theirs.count {
            ours.replaceSubrange(offset..<offset + 8, with: [UInt8](repeating: 0, count: 8))
            theirs.replaceSubrange(offset..<offset + 8, with: [UInt8](repeating: 0, count: 8))
            #expect(ours == theirs)
        }

        let encrypted = key.opensshRepresentation(passphrase: Array(Self.passphrase.utf8))
        let encryptedPath = try directory.write("ours-encrypted", encrypted)
        #expect(try Self.keygenPublic(encryptedPath, passphrase: Self.passphrase) == original)
        // An empty passphrase fails before bcrypt runs, so this proves encryption cheaply.
        let refused = try Oracle.runAllowingFailure("ssh-keygen", ["-y", "-P", "", "-f", encryptedPath])
        #expect(refused.status != 0, "ssh-keygen opened our encrypted key without its passphrase")
        let reread = try #require(try KeyFile(text: encrypted, options: Self.options(Self.passphrase)).entries.first)
        #expect(reread.isEncrypted && reread.comment == Self.comment)
        #expect(reread.privateKey?.publicKey == key.publicKey)
    }

    @Test("write: encrypted output uses aes256-ctr and bcrypt with ssh-keygen 9.9's 24 rounds")
    func encryptedParameters() throws {
        let key = try #require(try Self.freshEd25519().privateKey)
        let body = try #require(try PEMBlock.parseAll(key.opensshRepresentation(passphrase: Array("pw".utf8))).first).body
        var reader = SSHWireReader(body)
        _ = try reader.readBytes(OpenSSHPrivateKeyFormat.magic.count, field: "magic")
        #expect(try reader.readUTF8(field: "cipher") == "aes256-ctr")
        #expect(try reader.readUTF8(field: "kdf") == "bcrypt")
        var kdf = SSHWireReader(try reader.readString(field: "kdf options"))
        #expect(try kdf.readString(field: "salt").count == 16)
        #expect(try kdf.readUInt32(field: "rounds") == 24)
    }

    @Test("write: an empty passphrase writes the key unencrypted, as ssh-keygen -N '' does")
    func emptyPassphrase() throws {
        let key = try #require(try Self.freshEd25519().privateKey)
        let entry = try #require(try KeyFile(text: key.opensshRepresentation(passphrase: [])).entries.first)
        #expect(!entry.isEncrypted)
        #expect(entry.privateKey?.publicKey == key.publicKey)
    }

    /// A fresh ssh-keygen Ed25519 key, read.
    static func freshEd25519() throws -> KeyFileEntry {
        let directory = try TempDirectory()
        try OracleKeys.generate(.ed25519, "key", in: directory, comment: comment)
        return try #require(try KeyFile(text: try directory.read("key")).entries.first)
    }

    // MARK: - Damaged files

    @Test("a body cut at any offset throws, never crashes", arguments: [OracleKeySpec.rsa1024, .ecdsa521])
    func truncatedBody(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        try OracleKeys.generate(spec, "key", in: directory)
        let block = try #require(try PEMBlock.parseAll(try directory.read("key")).first)
        for length in 0..<block.body.count {
            var cut = block
            cut.body = Array(block.body[..<length])
            #expect(throws: SSHKeyError.self, "cut at \(length)") { try OpenSSHPrivateKeyFormat.read(cut, options: .publicOnly) }
        }
        // One byte too many is refused too: OpenSSH allows no trailing data.
        var longer = block
        longer.body.append(0)
        #expect(throws: SSHKeyError.self) { try OpenSSHPrivateKeyFormat.read(longer, options: .publicOnly) }
    }

    @Test("errors carry the BEGIN line, and a damaged private section is reported, not trusted")
    func damagedSection() throws {
        let entry = try Self.freshEd25519()
        let key = try #require(entry.privateKey)
        let text = "some notes\n\n" + key.opensshRepresentation()
        var block = try #require(try PEMBlock.parseAll(text).first)
        #expect(block.line == 3)
        // Flip a check integer: unencrypted, the file is corrupt rather than the passphrase wrong.
        let offset = try Self.checkIntOffset(block.body)
        block.body[offset] ^= 0xFF
        let error = #expect(throws: SSHKeyError.self) { try OpenSSHPrivateKeyFormat.read(block, options: .publicOnly) }
        #expect(error?.code == .malformed)
        #expect(error?.line == 3)
    }
}
