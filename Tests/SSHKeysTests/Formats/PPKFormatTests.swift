import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// PuTTY PPK v2/v3, reading and writing, against puttygen, ssh-keygen and openssl on keys made at test time.
@Suite("PPK format")
struct PPKFormatTests {
    static let readCases: [(PPKKeyKind, PPKProtection)] = PPKKeyKind.all.flatMap { kind in
        PPKProtection.common.map { (kind, $0) }
    }

    // MARK: - Reading puttygen's files

    @Test("reads puttygen's keys: public part, fingerprints, comment, private part", arguments: readCases)
    func readsPuttygenKeys(_ kind: PPKKeyKind, _ protection: PPKProtection) throws {
        let workspace = try PPKWorkspace()
        let text = try workspace.puttygenGenerate(kind, protection)
        let entry = try PPKTest.read(text)

        #expect(entry.format == (protection.version == 2 ? .ppkV2 : .ppkV3))
        #expect(entry.isEncrypted == protection.encrypted)
        #expect(entry.comment == PPKWorkspace.comment)
        #expect(entry.notes.isEmpty)
        #expect(entry.opensshPublicLine == (try workspace.puttygenPublicLine("key.ppk")))
        #expect(entry.publicKey.puttyFingerprint(.sha256) == (try workspace.puttygenFingerprint("key.ppk")))
        #expect(entry.publicKey.puttyFingerprint(.md5) == (try workspace.puttygenFingerprint("key.ppk", md5: true)))

        let privateKey = try #require(entry.privateKey)
        #expect(privateKey.comment == PPKWorkspace.comment)
        #expect(privateKey.publicKey == entry.publicKey)
        // Every private component as PuTTY itself decodes it.
        let components = try workspace.puttygenComponents("key.ppk")
        for (name, value) in PPKTest.privateComponents(privateKey) {
            #expect(components[name] == value, "component \(name)")
        }
        // puttygen's own OpenSSH export of the private key, read back by ssh-keygen, is the same key.
        let exported = try workspace.puttygenExportOpenSSH("key.ppk", to: "exported")
        #expect(try workspace.sshKeygenPublicKey(exported) == privateKey.publicKey.openSSHRepresentation())
        if kind.isRSA {
            #expect(privateKey.awsCreatedFingerprint == (try workspace.opensslAWSCreatedFingerprint(exported)))
        }
    }

    /// The Argon2 flavours PuTTY offers, and PuTTYgen's default settings (8 MiB, passes tuned to ~100 ms).
    @Test("reads v3 keys under every Argon2 flavour and PuTTYgen's defaults",
          arguments: [PPKProtection.v3Encrypted("argon2i"), .v3Encrypted("argon2d"), .v3Encrypted(nil)])
    func readsArgon2Flavours(_ protection: PPKProtection) throws {
        let workspace = try PPKWorkspace()
        let text = try workspace.puttygenGenerate(PPKKeyKind(type: "ecdsa", bits: 256), protection)
        if let kdf = protection.kdf {
            #expect(text.contains("Key-Derivation: \(kdf.replacingOccurrences(of: "argon2", with: "Argon2"))\n"))
        } else {
            #expect(text.contains("Argon2-Memory: 8192\n"))
        }
        let privateKey = try #require(try PPKTest.read(text).privateKey)
        let components = try workspace.puttygenComponents("key.ppk")
        #expect(components["private_exponent"] == PPKTest.privateComponents(privateKey)["private_exponent"])
    }

    /// An ssh-keygen key: type, `-b` (0 for none), and whether it is written as PEM (`-m PEM`).
    struct SSHKeygenKey: Sendable, CustomTestStringConvertible {
        let type: String
        let bits: Int
        let pem: Bool
        var testDescription: String { "\(type)\(bits > 0 ? "-\(bits)" : "")\(pem ? " PEM" : " openssh-key-v1")" }
    }

    /// What users have: an ssh-keygen key (PEM as EC2 hands out, or openssh-key-v1) converted with `puttygen key -O private`.
    @Test("reads ssh-keygen keys converted by puttygen",
          arguments: [SSHKeygenKey(type: "rsa", bits: 2048, pem: true), .init(type: "rsa", bits: 3072, pem: false),
                      .init(type: "ecdsa", bits: 384, pem: false), .init(type: "ed25519", bits: 0, pem: false),
                      .init(type: "dsa", bits: 1024, pem: true)],
          [PPKProtection.v2Encrypted, .v3Encrypted("argon2id")])
    func readsConvertedSSHKeygenKeys(_ key: SSHKeygenKey, _ protection: PPKProtection) throws {
        let workspace = try PPKWorkspace()
        let original = workspace.path("id")
        try Oracle.run("ssh-keygen", ["-q", "-t", key.type, "-N", "", "-C", "converted key", "-f", original]
            + (key.bits > 0 ? ["-b", String(key.bits)] : []) + (key.pem ? ["-m", "PEM"] : []))
        try Oracle.run("puttygen", [original, "-O", "private", "-o", workspace.path("key.ppk")]
            + protection.puttygenArguments(workspace))
        let entry = try PPKTest.read(try workspace.directory.read("key.ppk"))
        let privateKey = try #require(entry.privateKey)

        #expect(entry.publicKey.openSSHRepresentation() == (try workspace.sshKeygenPublicKey(original)))
        let keygenLine = try Oracle.run("ssh-keygen", ["-l", "-f", original]).split(separator: " ")
        #expect(keygenLine.dropFirst().first.map(String.init) == entry.publicKey.sha256Fingerprint)
        #expect(keygenLine.first.map(String.init) == entry.publicKey.bits.map(String.init))
        let md5Line = try Oracle.run("ssh-keygen", ["-l", "-E", "md5", "-f", original]).split(separator: " ")
        #expect(md5Line.dropFirst().first.map(String.init) == entry.publicKey.md5Fingerprint)
        // PEM keeps no comment, so puttygen names it; openssh-key-v1 carries it across.
        #expect(entry.comment == (key.pem ? "imported-openssh-key" : "converted key"))
        if key.type == "rsa" && key.pem {
            // The AWS scenario: the PEM EC2 created, converted to PPK, still shows EC2's fingerprint.
            #expect(privateKey.awsCreatedFingerprint == (try workspace.opensslAWSCreatedFingerprint(original)))
        }
    }

    @Test("KeyFile recognises a PPK and reports its format")
    func keyFileDispatch() throws {
        let workspace = try PPKWorkspace()
        let text = try workspace.puttygenGenerate(PPKKeyKind(type: "ed25519", bits: nil), .v2)
        let file = try KeyFile(contents: Array(text.utf8), options: PPKTest.options())
        #expect(file.entries.count == 1)
        #expect(file.entries.first?.format == .ppkV2)
        #expect(file.entries.first?.privateKey != nil)
    }

    // MARK: - Writing

    static let writeCases: [(PPKKeyKind, PPKProtection)] = PPKKeyKind.all.flatMap { kind in
        PPKProtection.common.map { (kind, $0) }
    }

    /// Our output must load in puttygen as the same key, and be byte for byte what puttygen writes:
    /// unencrypted and v2 files are deterministic, and v3 is once the salt is fixed to puttygen's.
    @Test("written files load in puttygen and match its own output byte for byte", arguments: writeCases)
    func writesWhatPuttygenWrites(_ kind: PPKKeyKind, _ protection: PPKProtection) throws {
        let workspace = try PPKWorkspace()
        _ = try workspace.puttygenGenerate(kind, .v3, name: "source.ppk")
        let source = try #require(try PPKTest.read(try workspace.directory.read("source.ppk")).privateKey)
        let theirs = try workspace.puttygenConvert("source.ppk", protection, name: "theirs.ppk")

        var generator = ReplayGenerator(salt: try Self.salt(of: theirs))
        let passphrase = protection.encrypted ? Array(PPKWorkspace.passphrase.utf8) : nil
        let ours = try PPKFormat.write(source, version: protection.version, passphrase: passphrase,
                                       argon2: protection.argon2, using: &generator)
        #expect(ours == theirs)

        try workspace.directory.write("ours.ppk", ours)
        #expect(try workspace.puttygenPublicLine("ours.ppk") == (try workspace.puttygenPublicLine("source.ppk")))
        #expect(try workspace.puttygenComponents("ours.ppk") == (try workspace.puttygenComponents("source.ppk")))
        let exported = try workspace.puttygenExportOpenSSH("ours.ppk", to: "exported")
        #expect(try workspace.sshKeygenPublicKey(exported) == source.publicKey.openSSHRepresentation())

        let reread = try PPKTest.read(ours)
        #expect(reread.isEncrypted == protection.encrypted)
        #expect(reread.comment == source.comment)
        #expect(reread.privateKey.map(PPKTest.privateComponents) == PPKTest.privateComponents(source))
    }

    @Test("written v3 files load in puttygen under every Argon2 flavour", arguments: [Argon2.Variant.d, .i, .id])
    func writesArgon2Flavours(_ variant: Argon2.Variant) throws {
        let workspace = try PPKWorkspace()
        _ = try workspace.puttygenGenerate(PPKKeyKind(type: "ed25519", bits: nil), .v3, name: "source.ppk")
        let source = try #require(try PPKTest.read(try workspace.directory.read("source.ppk")).privateKey)
        var generator = SystemRandomNumberGenerator()
        let ours = try PPKFormat.write(source, version: 3, passphrase: Array(PPKWorkspace.passphrase.utf8),
                                       argon2: .init(variant: variant, memoryKiB: 2048, passes: 3, parallelism: 2),
                                       using: &generator)
        #expect(ours.contains("Key-Derivation: \(PPKFormat.argon2Name(variant))\nArgon2-Memory: 2048\nArgon2-Passes: 3\n"
            + "Argon2-Parallelism: 2\n"))
        try workspace.directory.write("ours.ppk", ours)
        #expect(try workspace.puttygenComponents("ours.ppk") == (try workspace.puttygenComponents("source.ppk")))
    }

    @Test("the plain write uses PuTTYgen's defaults, a fresh salt each time, and puttygen reads it")
    func writesWithDefaults() throws {
        let workspace = try PPKWorkspace()
        _ = try workspace.puttygenGenerate(PPKKeyKind(type: "rsa", bits: 2048), .v3, name: "source.ppk")
        let source = try #require(try PPKTest.read(try workspace.directory.read("source.ppk")).privateKey)
        let passphrase = Array(PPKWorkspace.passphrase.utf8)
        let first = try PPKFormat.write(source, version: 3, passphrase: passphrase)
        let second = try PPKFormat.write(source, version: 3, passphrase: passphrase)
        #expect(first.contains("Key-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 8\nArgon2-Parallelism: 1\n"))
        #expect(try Self.salt(of: first) != (try Self.salt(of: second)))
        try workspace.directory.write("ours.ppk", first)
        #expect(try workspace.puttygenComponents("ours.ppk") == (try workspace.puttygenComponents("source.ppk")))
        // An empty passphrase means no encryption, as in PuTTYgen.
        let emptyPassphrase = try PPKFormat.write(source, version: 2, passphrase: [])
        #expect(emptyPassphrase == (try PPKFormat.write(source, version: 2, passphrase: nil)))
    }

    /// Reads the Argon2-Salt of a v3 encrypted file; empty for other files (the writer then draws nothing).
    static func salt(of text: String) throws -> [UInt8] {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Argon2-Salt: ") }) else { return [] }
        return try #require(Hex.decode(String(line.dropFirst("Argon2-Salt: ".count))))
    }
}
