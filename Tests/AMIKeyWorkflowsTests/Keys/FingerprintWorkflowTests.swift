import AMIKeyWorkflows
import SSHKeys
import Testing

/// `amikey fingerprint` as a workflow: every input kind, every fingerprint flavour, against ssh-keygen, puttygen and openssl.
@Suite("FingerprintWorkflow")
struct FingerprintWorkflowTests {
    /// Every (key, input kind) pair the fixtures hold.
    static let inputs: [(String, InputKind)] = [
        InputKind.allCases.map { ("rsa", $0) },
        [InputKind.opensshPrivate, .opensshEncrypted, .opensshPublic, .ppkV2, .ppkV3, .ppkV3Encrypted].map { ("ed25519", $0) },
    ].flatMap { $0 }

    static func fixture(_ name: String) throws -> KeyFixture {
        let fixtures = try KeyFixtures.load()
        return name == "rsa" ? fixtures.rsa : fixtures.ed25519
    }

    @Test("reads each input kind without a passphrase: the tools' fingerprints, or passphrase-required for encrypted PEM",
          arguments: inputs)
    func readsWithoutPassphrase(_ name: String, _ kind: InputKind) throws {
        let fixture = try Self.fixture(name)
        let sandbox = Sandbox()
        sandbox.add("keys/\(name)", fixture.file(kind))

        let report = FingerprintWorkflow(paths: ["keys/\(name)"]).run(sandbox.context())

        #expect(report.items.map(\.source) == ["keys/\(name)"])
        if kind.publicKeyNeedsPassphrase {
            #expect(report.items.first?.errorCode == "passphrase-required")
            #expect(report.exitCode == 3)
            return
        }
        let key = try #require(report.items.first?.key)
        #expect(report.exitCode == 0)
        #expect(key.entry.format == kind.format)
        #expect(key.entry.isEncrypted == kind.isEncrypted)
        #expect(key.fingerprints.sha256 == fixture.sha256)
        #expect(key.fingerprints.md5 == fixture.md5)
        #expect(key.fingerprints.cloudInitSha256 == fixture.cloudInitSHA256)
        #expect(key.fingerprints.awsImported == fixture.awsImported)
        #expect(key.fingerprints.putty == fixture.puttyLine)
        #expect(key.entry.opensshPublicLine
            == (kind.commentReadableWithoutPassphrase ? fixture.publicLine : fixture.publicLineWithoutComment))
        #expect(key.entry.publicKey.sshKeygenLine(comment: fixture.comment) == fixture.sshKeygenLine)
        #expect(key.importable)
        // The AWS-created RSA fingerprint hashes the private key: only an unencrypted file gives it without a passphrase.
        let privateReadable = kind.holdsPrivateKey && !kind.isEncrypted
        if name == "rsa" {
            #expect(key.fingerprints.awsCreated == (privateReadable ? fixture.awsCreated : nil))
            #expect(key.problems.contains { $0.contains("--passphrase-file") } == (kind.holdsPrivateKey && kind.isEncrypted))
        } else {
            #expect(key.fingerprints.awsCreated == fixture.awsCreated)
        }
    }

    @Test("opens each encrypted kind with the given passphrase: comment, private key, AWS-created fingerprint",
          arguments: inputs.filter { $0.1.isEncrypted })
    func opensWithPassphrase(_ name: String, _ kind: InputKind) throws {
        let fixture = try Self.fixture(name)
        let sandbox = Sandbox()
        sandbox.add("key", fixture.file(kind))

        let report = FingerprintWorkflow(paths: ["key"]).run(sandbox.context(passphrase: KeyFixtures.passphrase))

        let key = try #require(report.items.first?.key)
        #expect(report.exitCode == 0)
        #expect(key.entry.privateKey != nil)
        #expect(key.entry.comment == (kind.keepsComment ? fixture.comment : nil))
        #expect(key.fingerprints.awsCreated == fixture.awsCreated)
        #expect(key.fingerprints.sha256 == fixture.sha256)
        #expect(!key.problems.contains { $0.contains("passphrase") })
    }

    /// A passphrase given for one key must not hide the others in the same run: OpenSSH and PuTTY keep the
    /// public key in clear, so a key with another passphrase still gets its fingerprints.
    @Test("a passphrase that does not open a key: OpenSSH/PPK still fingerprinted, PEM reported wrong-passphrase",
          arguments: inputs.filter { $0.1.isEncrypted })
    func wrongPassphrase(_ name: String, _ kind: InputKind) throws {
        let fixture = try Self.fixture(name)
        let sandbox = Sandbox()
        sandbox.add("key", fixture.file(kind))

        let report = FingerprintWorkflow(paths: ["key"]).run(sandbox.context(passphrase: "not the passphrase"))

        if kind.publicKeyNeedsPassphrase {
            #expect(report.items.first?.errorCode == "wrong-passphrase")
            #expect(report.exitCode == 3)
        } else {
            let key = try #require(report.items.first?.key)
            #expect(report.exitCode == 0)
            #expect(key.fingerprints.sha256 == fixture.sha256)
            #expect(key.entry.privateKey == nil)
            #expect(key.problems.contains { $0.contains("passphrase") })
        }
    }

    @Test("asks for a passphrase only where the public key itself is encrypted (PEM), never for OpenSSH or PPK",
          arguments: InputKind.allCases.filter(\.isEncrypted))
    func promptsOnlyForEncryptedPEM(_ kind: InputKind) throws {
        let fixture = try KeyFixtures.load().rsa
        let sandbox = Sandbox()
        sandbox.add("key", fixture.file(kind))
        let prompt = RecordingPrompt(answering: KeyFixtures.passphrase)

        let report = FingerprintWorkflow(paths: ["key"]).run(sandbox.context(prompt: prompt.prompt))

        let key = try #require(report.items.first?.key)
        #expect(key.fingerprints.sha256 == fixture.sha256)
        #expect(prompt.asked.count == (kind.publicKeyNeedsPassphrase ? 1 : 0))
        // The answer to the prompt opened the PEM key, so its AWS-created fingerprint is known too.
        #expect((key.fingerprints.awsCreated != nil) == kind.publicKeyNeedsPassphrase)
    }

    @Test("a given passphrase is used without prompting")
    func givenPassphraseNeverPrompts() throws {
        let fixture = try KeyFixtures.load().rsa
        let sandbox = Sandbox()
        for kind in InputKind.allCases where kind.isEncrypted { sandbox.add("keys/\(kind)", fixture.file(kind)) }
        let prompt = RecordingPrompt(answering: "wrong")

        let report = FingerprintWorkflow(paths: ["keys"]).run(sandbox.context(passphrase: KeyFixtures.passphrase, prompt: prompt.prompt))

        #expect(prompt.asked.isEmpty)
        #expect(report.items.count == 5)
        #expect(report.items.allSatisfy { $0.key?.fingerprints.awsCreated == fixture.awsCreated })
    }

    static let exitCases: [([String], Int32)] = [
        (["id.pub"], 0), (["id.pub", "missing"], 1), (["missing"], 3), (["README"], 3),
        (["missing", "README"], 3), (["empty-dir"], 3), (["id.pub", "enc.pem"], 1),
    ]

    @Test("exit code: 0 all read, 1 some failed, 3 none readable", arguments: exitCases)
    func exitCodes(_ paths: [String], _ expected: Int32) throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("id.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("enc.pem", fixtures.rsa.file(.pemPKCS1Encrypted))
        sandbox.add("README", "These are my keys.\n")
        sandbox.fileSystem.makeDirectory(sandbox.absolute("empty-dir"))

        #expect(FingerprintWorkflow(paths: paths).run(sandbox.context()).exitCode == expected)
    }

    @Test("inputs that cannot be read become items with stable codes, under the path as given",
          arguments: [("missing.pem", "not-found"), ("README", "unrecognized-format"), ("locked", "permission-denied"),
                      ("truncated.pub", "truncated"), ("~/nothing", "not-found")])
    func errorItems(_ path: String, _ code: String) throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("README", "These are my keys.\n")
        sandbox.add("locked", fixtures.rsa.file(.opensshPublic))
        sandbox.fileSystem.denyReading(sandbox.absolute("locked"))
        sandbox.add("truncated.pub", String(fixtures.rsa.publicLine.prefix(60)) + "\n")

        let report = FingerprintWorkflow(paths: [path]).run(sandbox.context())

        #expect(report.items.map(\.source) == [path])
        #expect(report.items.first?.errorCode == code)
        // The source names the file; a message that named it again (or its resolved path) would print it twice.
        let message = try #require(report.items.first?.errorMessage)
        #expect(!message.contains(path) && !message.contains(Sandbox.workingDirectory) && !message.contains(Sandbox.home), "\(message)")
        #expect(report.exitCode == 3)
    }

    @Test("a directory: keys in name order, non-key files passed over, a bad key still reported")
    func directory() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("~/.ssh/id_rsa", fixtures.rsa.file(.opensshEncrypted))
        sandbox.add("~/.ssh/id_rsa.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("~/.ssh/id_ed25519", fixtures.ed25519.file(.opensshPrivate))
        sandbox.add("~/.ssh/config", "Host *\n  IdentitiesOnly yes\n")
        sandbox.add("~/.ssh/known_hosts", "github.com " + fixtures.ed25519.publicLineWithoutComment + "\n")
        sandbox.add("~/.ssh/README", "Made with ssh-keygen -t ed25519; see ssh-add(1).\n")
        sandbox.add("~/.ssh/.id_old", fixtures.otherRSA.file(.opensshPrivate))
        sandbox.add("~/.ssh/putty/work.ppk", fixtures.rsa.file(.ppkV2))
        sandbox.add("~/.ssh/legacy.pem", fixtures.rsa.file(.pemPKCS1Encrypted))

        let report = FingerprintWorkflow(paths: ["~/.ssh"]).run(sandbox.context())

        #expect(report.items.map(\.source) == ["~/.ssh/id_ed25519", "~/.ssh/id_rsa", "~/.ssh/id_rsa.pub",
                                               "~/.ssh/legacy.pem", "~/.ssh/putty/work.ppk"])
        #expect(report.items.map(\.errorCode) == [nil, nil, nil, "passphrase-required", nil])
        #expect(report.exitCode == 1)
    }

    @Test("authorized_keys: one item per line as path:LINE, bad lines reported on their line, options kept")
    func authorizedKeys() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("authorized_keys", """
            # keys for ec2-user
            \(fixtures.rsa.publicLine)

            from="10.0.0.0/8",no-pty \(fixtures.ed25519.publicLine)
            ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAB truncated

            """)

        let report = FingerprintWorkflow(paths: ["authorized_keys"]).run(sandbox.context())

        #expect(report.items.map(\.source) == ["authorized_keys:2", "authorized_keys:4", "authorized_keys:5"])
        #expect(report.items[0].key?.fingerprints.sha256 == fixtures.rsa.sha256)
        #expect(report.items[0].key?.entry.format == .authorizedKeys)
        #expect(report.items[1].key?.fingerprints.sha256 == fixtures.ed25519.sha256)
        #expect(report.items[1].key?.entry.options.map(\.name) == ["from", "no-pty"])
        #expect(report.items[2].errorCode != nil)
        #expect(report.exitCode == 1)
    }

    @Test("a single .pub line is `path`, not `path:1`")
    func singleLine() throws {
        let sandbox = Sandbox()
        sandbox.add("id.pub", try KeyFixtures.load().rsa.file(.opensshPublic))
        #expect(FingerprintWorkflow(paths: ["id.pub"]).run(sandbox.context()).items.map(\.source) == ["id.pub"])
    }

    /// A file with several PEM blocks (a key and its public half, as some tools bundle them) must name each.
    @Test("several PEM blocks in one file: one item each, with distinct sources")
    func severalPEMBlocks() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("bundle.pem", fixtures.rsa.file(.pemPKCS1) + fixtures.otherRSA.file(.pkcs8))

        let report = FingerprintWorkflow(paths: ["bundle.pem"]).run(sandbox.context())

        #expect(report.items.map { $0.key?.fingerprints.sha256 } == [fixtures.rsa.sha256, fixtures.otherRSA.sha256])
        let secondBlock = fixtures.rsa.file(.pemPKCS1).filter { $0 == UInt8(ascii: "\n") }.count + 1
        #expect(report.items.map(\.source) == ["bundle.pem:1", "bundle.pem:\(secondBlock)"])
    }

    @Test("what EC2 would import: RSA and Ed25519 yes, ECDSA no with the reason")
    func importability() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("keys/a-rsa.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("keys/b-ed25519.pub", fixtures.ed25519.file(.opensshPublic))
        sandbox.add("keys/c-ecdsa.pub", fixtures.ecdsa.file(.opensshPublic))

        let keys = FingerprintWorkflow(paths: ["keys"]).run(sandbox.context()).items.compactMap(\.key)

        #expect(keys.map(\.importable) == [true, true, false])
        #expect(keys[2].problems.contains { $0.contains("ECDSA") })
        #expect(keys[2].fingerprints.awsImported == nil)
        #expect(keys[2].fingerprints.awsCreated == nil)
        #expect(keys[2].fingerprints.sha256 == fixtures.ecdsa.sha256)
        #expect(keys[2].entry.publicKey.sshKeygenLine(comment: fixtures.ecdsa.comment) == fixtures.ecdsa.sshKeygenLine)
    }
}

extension FingerprintWorkflow.Item {
    /// The key, when the input was read.
    var key: FingerprintWorkflow.Key? {
        if case .success(let key) = result { key } else { nil }
    }

    /// The error message, when it was not.
    var errorMessage: String? {
        if case .failure(let error) = result { error.message } else { nil }
    }

    /// The error code, when it was not.
    var errorCode: String? {
        if case .failure(let error) = result { error.code } else { nil }
    }
}
