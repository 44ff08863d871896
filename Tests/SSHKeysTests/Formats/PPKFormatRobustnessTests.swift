import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// PPK files that are wrong: bad passphrases, tampering, truncation, corruption, odd versions and parameters.
@Suite("PPK format robustness")
struct PPKFormatRobustnessTests {
    static let ed25519 = PPKKeyKind(type: "ed25519", bits: nil)
    static let protections: [PPKProtection] = PPKProtection.common

    // MARK: - Passphrases

    @Test("a wrong passphrase is reported as such", arguments: [PPKProtection.v2Encrypted, .v3Encrypted("argon2id")])
    func wrongPassphrase(_ protection: PPKProtection) throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, protection)
        let error = PPKTest.readError(text, passphrase: "not the passphrase")
        #expect(error?.code == .wrongPassphrase)
        #expect(error?.message.contains(PPKWorkspace.comment) == true)
    }

    @Test("without a passphrase the public part is still read, with a note",
          arguments: [PPKProtection.v2Encrypted, .v3Encrypted("argon2id")])
    func missingPassphrase(_ protection: PPKProtection) throws {
        let workspace = try PPKWorkspace()
        let text = try workspace.puttygenGenerate(Self.ed25519, protection)
        let entry = try PPKTest.read(text, passphrase: nil)
        #expect(entry.isEncrypted)
        #expect(entry.privateKey == nil)
        #expect(entry.comment == PPKWorkspace.comment)
        #expect(entry.opensshPublicLine == (try workspace.puttygenPublicLine("key.ppk")))
        #expect(entry.notes.count == 1)
    }

    @Test("public-only reads never ask for a passphrase")
    func publicOnlyDoesNotAsk() throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, .v3Encrypted("argon2id"))
        let options = KeyReadOptions(passphrase: { description in
            Issue.record("asked for a passphrase for \(description)")
            return nil
        })
        let entry = try PPKFormat.read(text, options: options)
        #expect(entry.isEncrypted && entry.privateKey == nil && entry.notes.isEmpty)
    }

    @Test("the passphrase request names the key")
    func passphraseDescription() throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, .v2Encrypted)
        let options = KeyReadOptions(passphrase: { description in
            #expect(description == "ppk-v2 key \"\(PPKWorkspace.comment)\"")
            return Array(PPKWorkspace.passphrase.utf8)
        }, decryptPrivateKeys: true)
        #expect(try PPKFormat.read(text, options: options).privateKey != nil)
    }

    // MARK: - Tampering

    @Test("an edited comment fails the MAC", arguments: protections)
    func editedComment(_ protection: PPKProtection) throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, protection)
        let edited = text.replacingOccurrences(of: "Comment: \(PPKWorkspace.comment)", with: "Comment: someone else")
        #expect(edited != text)
        #expect(PPKTest.readError(edited)?.code == (protection.encrypted ? .wrongPassphrase : .malformed))
    }

    @Test("an edited MAC is caught", arguments: protections)
    func editedMAC(_ protection: PPKProtection) throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, protection)
        let macLine = try #require(text.split(separator: "\n").last)
        let flipped = macLine.dropLast() + (macLine.last == "0" ? "1" : "0")
        let error = PPKTest.readError(text.replacingOccurrences(of: macLine, with: flipped))
        #expect(error?.code == (protection.encrypted ? .wrongPassphrase : .malformed))
        if !protection.encrypted { #expect(error?.message == "MAC check failed: the file was altered or corrupted") }
    }

    @Test("a header algorithm that disagrees with the public key is refused")
    func algorithmMismatch() throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, .v3)
        let edited = text.replacingOccurrences(of: "PuTTY-User-Key-File-3: ssh-ed25519", with: "PuTTY-User-Key-File-3: ssh-rsa")
        #expect(PPKTest.readError(edited)?.code == .inconsistent)
    }

    @Test("headers out of PuTTY's order are refused")
    func headerOrder() throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, .v3)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.swapAt(1, 2)
        let error = PPKTest.readError(lines.joined(separator: "\n"))
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
    }

    /// Cutting a file anywhere before its last newline must throw (never crash, never half-read).
    @Test("truncated files throw at every cut", arguments: protections)
    func truncation(_ protection: PPKProtection) throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, protection)
        let bytes = Array(text.utf8)
        for cut in 0..<bytes.count - 1 {
            let error = PPKTest.readError(String(decoding: bytes[..<cut], as: UTF8.self))
            #expect(error != nil, "cut at \(cut) was accepted")
        }
        #expect(PPKTest.readError(String(decoding: bytes.dropLast(), as: UTF8.self)) == nil)
    }

    /// Flipping the low bit of any byte (bar the final newline) must be caught: by the parser, the key
    /// checks, or the MAC, which covers every header that matters.
    @Test("every single-bit corruption is caught", arguments: protections)
    func corruption(_ protection: PPKProtection) throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, protection)
        let bytes = Array(text.utf8)
        for index in 0..<bytes.count - 1 {
            var corrupted = bytes
            corrupted[index] ^= 0x01
            let error = PPKTest.readError(String(decoding: corrupted, as: UTF8.self))
            #expect(error != nil, "flipping byte \(index) (\(UnicodeScalar(bytes[index]))) went unnoticed")
        }
    }

    /// Garbage in the key fields themselves, behind a valid MAC (as a buggy writer would produce), must throw too.
    @Test("a private blob with bad contents but a valid MAC throws", arguments: [0, 3, 10, 31, 36])
    func badPrivateBlobWithValidMAC(_ length: Int) throws {
        let workspace = try PPKWorkspace()
        _ = try workspace.puttygenGenerate(PPKKeyKind(type: "rsa", bits: 1024), .v3)
        let file = try PPKFile(try workspace.directory.read("key.ppk"))
        let forged = Self.forge(file, privatePlaintext: Array(file.privateBlob.prefix(length)))
        #expect(PPKTest.readError(forged) != nil)
        // A prime replaced by 1 no longer multiplies out to the public modulus.
        var reader = SSHWireReader(file.privateBlob)
        let d = try reader.readMPInt(field: "d")
        _ = try reader.readMPInt(field: "p")
        let q = try reader.readMPInt(field: "q")
        let iqmp = try reader.readMPInt(field: "iqmp")
        var writer = SSHWireWriter()
        for value in [d, [1], q, iqmp] { writer.writeMPInt(value) }
        #expect(PPKTest.readError(Self.forge(file, privatePlaintext: writer.bytes))?.code == .inconsistent)
    }

    // MARK: - Versions, encodings, parameters

    @Test("version 1 and versions after 3 are unsupported, with advice")
    func versions() throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, .v3)
        let v1 = PPKTest.readError(text.replacingOccurrences(of: "PuTTY-User-Key-File-3:", with: "PuTTY-User-Key-File-1:"))
        #expect(v1?.code == .unsupported)
        #expect(v1?.message.contains("0.52") == true)
        let v4 = PPKTest.readError(text.replacingOccurrences(of: "PuTTY-User-Key-File-3:", with: "PuTTY-User-Key-File-4:"))
        #expect(v4?.code == .unsupported)
        #expect(v4?.message.contains("newer PuTTY") == true)
        let junk = PPKTest.readError(text.replacingOccurrences(of: "PuTTY-User-Key-File-3:", with: "PuTTY-User-Key-File-x:"))
        #expect(junk?.code == .malformed)
    }

    @Test("CRLF and CR line endings read like LF", arguments: ["\r\n", "\r"], protections)
    func lineEndings(_ ending: String, _ protection: PPKProtection) throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, protection)
        let converted = text.replacingOccurrences(of: "\n", with: ending)
        let original = try PPKTest.read(text)
        let entry = try PPKTest.read(converted)
        #expect(entry.comment == original.comment)
        #expect(entry.publicKey == original.publicKey)
        #expect(entry.privateKey.map(PPKTest.privateComponents) == original.privateKey.map(PPKTest.privateComponents))
    }

    /// Absurd Argon2 settings from a file are refused before anything is allocated; the public part stays readable.
    @Test("absurd Argon2 settings are refused without running Argon2",
          arguments: [("Argon2-Memory: 1024", "Argon2-Memory: 4194305", SSHKeyError.Code.unsupported),
                      ("Argon2-Memory: 1024", "Argon2-Memory: 4294967295", .unsupported),
                      ("Argon2-Passes: 2", "Argon2-Passes: 1001", .unsupported),
                      ("Argon2-Passes: 2", "Argon2-Passes: 0", .malformed),
                      ("Argon2-Parallelism: 1", "Argon2-Parallelism: 0", .malformed),
                      ("Argon2-Parallelism: 1", "Argon2-Parallelism: 200", .malformed),
                      ("Argon2-Passes: 2", "Argon2-Passes: 4294967296", .malformed),
                      ("Argon2-Passes: 2", "Argon2-Passes: -2", .malformed)])
    func argon2Limits(_ original: String, _ replacement: String, _ code: SSHKeyError.Code) throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, .v3Encrypted("argon2id"))
        #expect(text.contains(original + "\n"))
        let edited = text.replacingOccurrences(of: original + "\n", with: replacement + "\n")
        let clock = ContinuousClock()
        let start = clock.now
        #expect(PPKTest.readError(edited)?.code == code)
        #expect(clock.now - start < .seconds(1))
        if code == .unsupported {
            #expect(try PPKFormat.read(edited, options: .publicOnly).privateKey == nil)
        }
    }

    @Test("a short Argon2 salt is refused")
    func shortSalt() throws {
        let text = try PPKWorkspace().puttygenGenerate(Self.ed25519, .v3Encrypted("argon2id"))
        let file = try PPKFile(text)
        let salt = try #require(file.argon2?.salt)
        let edited = text.replacingOccurrences(of: Hex.encode(salt), with: Hex.encode(Array(salt.prefix(4))))
        #expect(PPKTest.readError(edited)?.code == .unsupported)
        let odd = text.replacingOccurrences(of: Hex.encode(salt), with: "abc")
        #expect(PPKTest.readError(odd)?.code == .malformed)
    }

    // MARK: - Key types amikey does not convert

    @Test("Ed448 keys give their public part and a note")
    func ed448() throws {
        let workspace = try PPKWorkspace()
        let text = try workspace.puttygenGenerate(PPKKeyKind(type: "ed448", bits: nil), .v3)
        let entry = try PPKTest.read(text)
        #expect(entry.publicKey.algorithm == "ssh-ed448")
        #expect(entry.opensshPublicLine == (try workspace.puttygenPublicLine("key.ppk")))
        #expect(entry.privateKey == nil)
        #expect(entry.notes == ["amikey reads only the public part of ssh-ed448 PuTTY keys"])
        // The MAC is still checked.
        #expect(PPKTest.readError(text.replacingOccurrences(of: "Comment: ", with: "Comment: x"))?.code == .malformed)
    }

    @Test("keys with an OpenSSH certificate give the certificate and a note",
          arguments: [PPKProtection.v3, .v3Encrypted("argon2id")])
    func certificate(_ protection: PPKProtection) throws {
        let workspace = try PPKWorkspace()
        _ = try workspace.puttygenGenerate(Self.ed25519, protection)
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ca", "-f", workspace.path("ca")])
        try workspace.directory.write("key.pub", try workspace.puttygenPublicLine("key.ppk") + "\n")
        try Oracle.run("ssh-keygen", ["-q", "-s", workspace.path("ca"), "-I", "test", "-n", "ec2-user",
                                      workspace.path("key.pub")])
        try Oracle.run("puttygen", [workspace.path("key.ppk"), "--old-passphrase", workspace.passphraseFile,
                                    "--certificate", workspace.path("key-cert.pub"),
                                    "-O", "private", "-o", workspace.path("cert.ppk")]
            + protection.puttygenArguments(workspace))
        let entry = try PPKTest.read(try workspace.directory.read("cert.ppk"))
        #expect(entry.publicKey.algorithm == "ssh-ed25519-cert-v01@openssh.com")
        #expect(entry.publicKey.certificate?.principals == ["ec2-user"])
        #expect(entry.opensshPublicLine == (try workspace.puttygenPublicLine("cert.ppk")))
        #expect(entry.privateKey == nil)
        #expect(entry.notes.count == 1)
    }

    // MARK: - Ed25519 private key encoding

    /// PuTTY reads the Ed25519 private key as a little-endian integer of any length (`get_mp_le`):
    /// a 31-byte string for a seed whose last byte is zero is the same key, to puttygen and to us.
    @Test("a shorter little-endian Ed25519 private key is zero-extended, as puttygen does")
    func shortEd25519Seed() throws {
        let workspace = try PPKWorkspace()
        let seed = (0..<31).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) } + [0]
        let key = try SSHPrivateKey.ed25519(seed: seed, expectedPublicKey: nil, comment: "short seed")
        let file = try PPKFile(try PPKFormat.write(key, version: 3, passphrase: nil))
        var writer = SSHWireWriter()
        writer.writeString(Array(seed.prefix(31)))
        let forged = Self.forge(file, privatePlaintext: writer.bytes)
        #expect(forged.contains("Private-Lines: 1\n"))

        let entry = try PPKTest.read(forged)
        #expect(entry.privateKey.map(PPKTest.privateComponents) == PPKTest.privateComponents(key))
        try workspace.directory.write("short.ppk", forged)
        let puttyExponent = try workspace.puttygenComponents("short.ppk")["private_exponent"]
        #expect(puttyExponent == PPKTest.privateComponents(key)["private_exponent"])

        var long = SSHWireWriter()
        long.writeString(seed + [0, 0])
        #expect(try PPKTest.read(Self.forge(file, privatePlaintext: long.bytes)).privateKey != nil)
        var tooLong = SSHWireWriter()
        tooLong.writeString(seed + [1])
        #expect(PPKTest.readError(Self.forge(file, privatePlaintext: tooLong.bytes))?.code == .malformed)
    }

    // MARK: - Writer refusals

    @Test("the writer refuses what PPK cannot hold")
    func writerRefusals() throws {
        let key = try SSHPrivateKey.ed25519(seed: [UInt8](repeating: 7, count: 32), expectedPublicKey: nil, comment: "ok")
        for version in [0, 1, 4] {
            let error = Self.writeError { () throws(SSHKeyError) in _ = try PPKFormat.write(key, version: version, passphrase: nil) }
            #expect(error?.code == .cannotRepresent)
            #expect(error?.message.contains("PPK version \(version)") == true)
        }
        for comment in ["two\nlines", "carriage\rreturn"] {
            var commented = key
            commented.comment = comment
            let error = Self.writeError { () throws(SSHKeyError) in _ = try PPKFormat.write(commented, version: 3, passphrase: nil) }
            #expect(error?.code == .cannotRepresent)
        }
        var generator = SystemRandomNumberGenerator()
        for bad in [PPKFormat.Argon2Parameters(variant: .id, memoryKiB: 4, passes: 1, parallelism: 1),
                    .init(variant: .id, memoryKiB: 1024, passes: 0, parallelism: 1),
                    .init(variant: .id, memoryKiB: 8 * 1024 * 1024, passes: 1, parallelism: 1)] {
            let error = Self.writeError { () throws(SSHKeyError) in
                _ = try PPKFormat.write(key, version: 3, passphrase: [1], argon2: bad, using: &generator)
            }
            #expect(error?.code == .cannotRepresent)
        }
    }

    // MARK: - Helpers

    /// The file with a different private plaintext and a MAC recomputed to match (unencrypted files only).
    static func forge(_ file: PPKFile, privatePlaintext: [UInt8]) -> String {
        let input = PPKFormat.macInput(algorithm: file.algorithm, encryption: file.encryption, comment: file.commentBytes,
                                       publicBlob: file.publicBlob, privatePlaintext: privatePlaintext)
        let macKey = file.version == 3 ? [] : Array(FingerprintHash.sha1.digest(Array("putty-private-key-file-mac-key".utf8)))
        let mac = PPKFormat.mac(version: file.version, key: macKey, input: input)
        let publicLines = Base64.encodeWrapped(file.publicBlob, width: 64)
        let privateLines = Base64.encodeWrapped(privatePlaintext, width: 64)
        let lines = ["PuTTY-User-Key-File-\(file.version): \(file.algorithm)", "Encryption: none", "Comment: \(file.comment)",
                     "Public-Lines: \(publicLines.count)"] + publicLines
            + ["Private-Lines: \(privateLines.count)"] + privateLines + ["Private-MAC: \(Hex.encode(mac))"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The error a throwing block raises, or nil.
    static func writeError(_ body: () throws(SSHKeyError) -> Void) -> SSHKeyError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}
