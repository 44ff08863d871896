import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// PEM keys against ssh-keygen and openssl: every file the tools write is read to the same key, and every
/// file `write` produces is read back by the tools to the same key.
@Suite("PEM keys: read and write against ssh-keygen and openssl")
struct PEMKeyFormatTests {
    /// Reads all entries of a PEM text.
    static func read(_ text: String, _ options: KeyReadOptions) throws(SSHKeyError) -> [KeyFileEntry] {
        try PEMKeyFormat.read(try PEMBlock.parseAll(text), options: options)
    }

    /// The error `body` throws, or nil; anything but an `SSHKeyError` is recorded as a failure.
    static func error(_ body: () throws -> Void) -> SSHKeyError? {
        do {
            try body()
            return nil
        } catch let error as SSHKeyError {
            return error
        } catch {
            Issue.record("threw \(error), not an SSHKeyError")
            return nil
        }
    }

    // MARK: - Reading

    @Test("reads what the tools write, to the key the tools see", arguments: PEMCase.all)
    func readsToolOutput(_ pem: PEMCase) throws {
        let generated = try pem.generate()
        #expect(try PEMBlock.parseAll(generated.text).map(\.label) == pem.labels, "the tool wrote other blocks than expected")

        let entries = try Self.read(generated.text, pem.options)
        try #require(entries.count == 1)
        let entry = entries[0]
        #expect(entry.format == pem.format)
        #expect(entry.isEncrypted == (pem.passphrase != nil))
        #expect(entry.comment == nil, "PEM holds no comment")
        #expect(entry.publicKey.algorithm == pem.algorithm)
        #expect(entry.publicKey.bits == pem.bits)
        #expect((entry.privateKey != nil) == pem.isPrivate)
        if let key = entry.privateKey {
            #expect(key.publicKey.wireRepresentation == entry.publicKey.wireRepresentation)
        }
        if let dekInfo = pem.dekInfo {
            let block = try #require(try PEMBlock.parseAll(generated.text).last)
            #expect(block.header("DEK-Info")?.hasPrefix(dekInfo + ",") == true)
        }

        // openssl's SubjectPublicKeyInfo of the plain source key: byte-identical for every algorithm with one.
        let oracleSPKI = try PEMOracle.spki(generated.source)
        if let ours = DERKeyEncoding.subjectPublicKeyInfo(entry.publicKey) {
            #expect(ours == oracleSPKI)
        } else {
            #expect(try PEMKeyFormat.subjectPublicKeyInfo(oracleSPKI).wireRepresentation == entry.publicKey.wireRepresentation)
        }
        // ssh-keygen 9.2 cannot load Ed25519 PKCS#8 (OpenSSH reads it from 9.6), so only openssl vouches for those.
        if !pem.isEd25519 {
            #expect(entry.publicKey.openSSHRepresentation() == (try PEMOracle.opensshLine(generated.source)))
            let (bits, sha256) = try PEMOracle.fingerprint(generated.source, in: generated.directory)
            #expect(entry.publicKey.sha256Fingerprint == sha256)
            #expect(entry.publicKey.bits == bits)
        }
        if pem.algorithm == "ssh-rsa" {
            #expect(entry.publicKey.awsImportedFingerprint == (try PEMOracle.awsImported(generated.source)))
            if let key = entry.privateKey {
                #expect(key.awsCreatedFingerprint == (try PEMOracle.awsCreated(generated.source)))
            }
        }
    }

    @Test("an encrypted key without a passphrase is passphrase-required, naming the block",
          arguments: PEMCase.all.filter { $0.passphrase != nil })
    func missingPassphrase(_ pem: PEMCase) throws {
        let generated = try pem.generate()
        let error = Self.error { _ = try Self.read(generated.text, .publicOnly) }
        #expect(error?.code == .passphraseRequired)
        #expect(error?.message.contains(pem.labels.last ?? "?") == true, "\(String(describing: error))")
    }

    @Test("a wrong passphrase is wrong-passphrase", arguments: PEMCase.all.filter { $0.passphrase != nil })
    func wrongPassphrase(_ pem: PEMCase) throws {
        let generated = try pem.generate()
        for attempt in ["pW", "", "a much longer passphrase than the right one"] {
            let error = Self.error { _ = try Self.read(generated.text, PEMCase.options(attempt)) }
            #expect(error?.code == .wrongPassphrase, "passphrase \(attempt.debugDescription): \(String(describing: error))")
        }
    }

    @Test("the passphrase callback is told which PEM block it is for")
    func passphraseDescription() throws {
        let generated = try PEMCase.named("RSA-2048 PBES2 AES-256-CBC").generate()
        let asked = Asked()
        let options = KeyReadOptions(passphrase: { description in
            asked.append(description)
            return Array(PEMCase.passphrase.utf8)
        })
        _ = try Self.read(generated.text, options)
        #expect(asked.all == ["PEM key (ENCRYPTED PRIVATE KEY)"])
    }

    /// Descriptions the passphrase callback received.
    final class Asked: @unchecked Sendable {
        private let lock = NSLock()
        private var descriptions: [String] = []
        func append(_ description: String) { lock.withLock { descriptions.append(description) } }
        var all: [String] { lock.withLock { descriptions } }
    }

    @Test("KeyFile routes PEM text here and keeps the EC PARAMETERS curve out of the entries")
    func throughKeyFile() throws {
        let generated = try PEMCase.named("ECDSA P-256 with EC PARAMETERS").generate()
        let file = try KeyFile(text: generated.text)
        #expect(file.entries.count == 1)
        #expect(file.entries.first?.format == .pemSEC1)
        #expect(file.entries.first?.publicKey.openSSHRepresentation() == (try PEMOracle.opensshLine(generated.source)))
    }

    @Test("several keys in one text come out in order")
    func severalBlocks() throws {
        let rsa = try PEMCase.named("RSA-1024 PKCS#1 (ssh").generate()
        let spki = try PEMCase.named("ECDSA P-384 SPKI").generate()
        let entries = try Self.read(rsa.text + "\n" + spki.text, .publicOnly)
        #expect(entries.map(\.format) == [.pemPKCS1, .pemSPKI])
        #expect(entries.map { $0.publicKey.openSSHRepresentation() }
            == [try PEMOracle.opensshLine(rsa.source), try PEMOracle.opensshLine(spki.source)])
    }

    // MARK: - Writing

    @Test("write: the tools read our output back to the same key; DER is byte-identical to openssl's",
          arguments: PEMCase.privateKeys)
    func writesWhatToolsRead(_ pem: PEMCase) throws {
        let generated = try pem.generate()
        let key = try #require(try Self.read(generated.text, pem.options).first?.privateKey)
        let oracleSPKI = try PEMOracle.spki(generated.source)
        let oracleDER = try PEMOracle.privateDER(generated.source)

        let plain = try PEMKeyFormat.write(key, passphrase: nil)
        let block = try #require(try PEMBlock.parseAll(plain).first)
        #expect(block.headers.isEmpty)
        #expect(block.body == oracleDER, "our \(block.label) DER differs from `openssl pkey -outform DER`")
        if pem.format == .pemPKCS1, pem.passphrase == nil {
            #expect(block.body == (try PEMBlock.parseAll(generated.text)).first?.body, "PKCS#1 changed across read → write")
        }
        let plainPath = try generated.directory.write("written.pem", plain)
        #expect(try PEMOracle.spki(plainPath) == oracleSPKI)
        if !pem.isEd25519 {
            #expect(try PEMOracle.opensshLine(plainPath) == (try PEMOracle.opensshLine(generated.source)))
        }
        #expect(try Self.read(plain, .publicOnly).first?.privateKey?.publicKey.wireRepresentation
            == key.publicKey.wireRepresentation)

        let encrypted = try PEMKeyFormat.write(key, passphrase: Array("new pass".utf8))
        let encryptedPath = try generated.directory.write("written-encrypted.pem", encrypted)
        #expect(try PEMOracle.spki(encryptedPath, passphrase: "new pass") == oracleSPKI)
        let refused = try Oracle.runAllowingFailure("openssl", ["pkey", "-in", encryptedPath, "-passin", "pass:wrong", "-noout"])
        #expect(refused.status != 0, "openssl accepted a wrong passphrase: the output is not really encrypted")
        if !pem.isEd25519 {
            let line = try PEMOracle.opensshLine(encryptedPath, passphrase: "new pass")
            #expect(line == (try PEMOracle.opensshLine(generated.source)))
        }
        let reread = try #require(try Self.read(encrypted, PEMCase.options("new pass")).first)
        #expect(reread.isEncrypted)
        #expect(reread.privateKey?.publicKey.wireRepresentation == key.publicKey.wireRepresentation)
        #expect(Self.error { _ = try Self.read(encrypted, PEMCase.options("wrong")) }?.code == .wrongPassphrase)
    }

    @Test("write: traditional keys get DEK-Info AES-128-CBC with a 16-byte upper-case hex IV, as ssh-keygen -m PEM writes",
          arguments: ["RSA-1024 PKCS#1 (ssh", "ECDSA P-384 SEC1", "DSA (ssh"])
    func legacyHeaders(_ name: String) throws {
        let generated = try PEMCase.named(name).generate()
        let key = try #require(try Self.read(generated.text, .publicOnly).first?.privateKey)
        let block = try #require(try PEMBlock.parseAll(try PEMKeyFormat.write(key, passphrase: Array("pw".utf8))).first)
        #expect(block.headers.map(\.name) == ["Proc-Type", "DEK-Info"])
        #expect(block.header("Proc-Type") == "4,ENCRYPTED")
        let dekInfo = try #require(block.header("DEK-Info"))
        #expect(dekInfo.hasPrefix("AES-128-CBC,"))
        let iv = dekInfo.dropFirst("AES-128-CBC,".count)
        #expect(iv.count == 32 && iv.allSatisfy { "0123456789ABCDEF".contains($0) }, "IV \(iv)")
    }

    @Test("write: Ed25519 gets PBES2 as OpenSSL 3 writes it (PBKDF2-HMAC-SHA256, 2048 iterations, 16-byte salt, AES-256-CBC)")
    func pbes2Parameters() throws {
        let generated = try PEMCase.named("Ed25519 PKCS#8").generate()
        let key = try #require(try Self.read(generated.text, .publicOnly).first?.privateKey)
        let path = try generated.directory.write("enc.pem", try PEMKeyFormat.write(key, passphrase: Array("pw".utf8)))
        let dump = try Oracle.run("openssl", ["asn1parse", "-in", path])
        for expected in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc", "INTEGER           :0800"] {
            #expect(dump.contains(expected), "asn1parse lacks \(expected):\n\(dump)")
        }
        #expect(dump.contains("l=  16 prim: OCTET STRING"), "salt and IV should be 16 bytes:\n\(dump)")
    }

    @Test("write: an empty passphrase writes the key unencrypted, as ssh-keygen -N '' does")
    func emptyPassphrase() throws {
        let generated = try PEMCase.named("Ed25519 PKCS#8").generate()
        let key = try #require(try Self.read(generated.text, .publicOnly).first?.privateKey)
        #expect(try PEMKeyFormat.write(key, passphrase: []) == generated.text)
    }

    @Test("write: IV and salt are fresh each time")
    func freshRandomness() throws {
        let generated = try PEMCase.named("RSA-1024 PKCS#1 (ssh").generate()
        let key = try #require(try Self.read(generated.text, .publicOnly).first?.privateKey)
        let first = try PEMKeyFormat.write(key, passphrase: Array("pw".utf8))
        let second = try PEMKeyFormat.write(key, passphrase: Array("pw".utf8))
        #expect(first != second)
    }
}
