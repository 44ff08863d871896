import AMIKeyTestSupport
import AMIKeyWorkflows
import SSHKeys
import Testing

/// `amikey convert` as a workflow: every target from every input kind keeps the key, modes, passphrases, refusals, warnings.
@Suite("ConvertWorkflow")
struct ConvertWorkflowTests {
    /// A target format with its PPK version.
    struct Target: Sendable, CustomTestStringConvertible {
        let target: ConvertWorkflow.Target
        let ppkVersion: Int
        var testDescription: String { target == .ppk ? "ppk v\(ppkVersion)" : target.rawValue }
        var format: KeyFileFormat { [.openssh: .opensshPrivate, .opensshPublic: .opensshPublic, .ppk: ppkVersion == 2 ? .ppkV2 : .ppkV3][target] ?? .pemPKCS1 }

        static let all = [Target(target: .opensshPublic, ppkVersion: 3), .init(target: .openssh, ppkVersion: 3),
                          .init(target: .pem, ppkVersion: 3), .init(target: .ppk, ppkVersion: 2), .init(target: .ppk, ppkVersion: 3)]
    }

    /// Every unencrypted private input kind of each key, to every target; public-only input gets its own test.
    static let conversions: [(String, InputKind, Target)] = FingerprintWorkflowTests.inputs
        .filter { $0.1.holdsPrivateKey && !$0.1.isEncrypted }
        .flatMap { input in Target.all.map { (input.0, input.1, $0) } }

    /// Every encrypted input kind, and every private target, once each: writing and re-reading an encrypted
    /// OpenSSH or PPK v3 key runs bcrypt_pbkdf or Argon2 at full strength, so the full matrix would be slow.
    static let encryptedConversions: [(String, InputKind, Target)] = [
        ("rsa", .opensshEncrypted, Target(target: .ppk, ppkVersion: 3)),
        ("rsa", .pemPKCS1Encrypted, Target(target: .openssh, ppkVersion: 3)),
        ("rsa", .pkcs8Encrypted, Target(target: .pem, ppkVersion: 3)),
        ("rsa", .ppkV2Encrypted, Target(target: .ppk, ppkVersion: 2)),
        ("rsa", .ppkV3Encrypted, Target(target: .pem, ppkVersion: 3)),
        ("ed25519", .opensshEncrypted, Target(target: .pem, ppkVersion: 3)),
        ("ed25519", .ppkV3Encrypted, Target(target: .openssh, ppkVersion: 3)),
    ]

    static func read(_ bytes: [UInt8]?, passphrase: String? = nil) throws -> KeyFileEntry {
        let options = KeyReadOptions(passphrase: { _ in passphrase.map { Array($0.utf8) } }, decryptPrivateKeys: true)
        let file = try KeyFile(contents: try #require(bytes), options: options)
        return try #require(file.entries.first)
    }

    @Test("converts, keeps the key and the passphrase, writes 0600 private / 0644 public",
          arguments: conversions + encryptedConversions)
    func roundTrip(_ name: String, _ kind: InputKind, _ target: Target) throws {
        let fixture = try FingerprintWorkflowTests.fixture(name)
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(kind))
        let passphrase = kind.isEncrypted ? KeyFixtures.passphrase : nil

        let result = try ConvertWorkflow(path: "in", target: target.target, output: "out", ppkVersion: target.ppkVersion)
            .run(sandbox.context(passphrase: passphrase))

        let written = sandbox.fileSystem.contents(of: sandbox.absolute("out"))
        let entry = try Self.read(written, passphrase: passphrase)
        #expect(result.output == "out")
        #expect(entry.publicKey.wireRepresentation == (try Self.read(fixture.file(.opensshPublic))).publicKey.wireRepresentation)
        #expect(entry.format == (name == "ed25519" && target.target == .pem ? .pemPKCS8 : target.format))
        if target.target == .opensshPublic {
            #expect(sandbox.fileSystem.mode(of: sandbox.absolute("out")) == 0o644)
            #expect(result.text == String(decoding: written ?? [], as: UTF8.self))
            #expect(!result.encrypted)
            return
        }
        #expect(sandbox.fileSystem.mode(of: sandbox.absolute("out")) == 0o600)
        // Private text never travels in the result: it is only ever in the file.
        #expect(result.text == nil)
        #expect(result.encrypted == kind.isEncrypted)
        #expect(entry.isEncrypted == kind.isEncrypted)
        let privateKey = try #require(entry.privateKey)
        #expect(privateKey.awsCreatedFingerprint == fixture.awsCreated)
        let commentSurvives = kind.keepsComment && target.target != .pem
        #expect(entry.comment == (target.target == .pem ? nil : commentSurvives ? fixture.comment : ""))
        #expect(result.warnings.contains { $0.contains("without a passphrase") } == !kind.isEncrypted)
    }

    /// Inputs for the oracle check: a PuTTY key, an ssh-keygen key, an openssl PKCS#8 key, to each private target.
    static let toolCases: [(String, InputKind, Target)] = [("rsa", InputKind.ppkV3), ("ed25519", .ppkV2), ("rsa", .pkcs8)]
        .flatMap { input in Target.all.filter { $0.target != .opensshPublic }.map { (input.0, input.1, $0) } }

    /// The oracles read what amikey writes: ssh-keygen (OpenSSH, PEM), puttygen (PPK) and, for Ed25519 PEM,
    /// which OpenSSH 9.2 cannot read (the warning says so), openssl.
    @Test("ssh-keygen, puttygen and openssl read the output and find the same public key", arguments: toolCases)
    func toolsReadOutput(_ name: String, _ kind: InputKind, _ target: Target) throws {
        let fixture = try FingerprintWorkflowTests.fixture(name)
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(kind))
        _ = try ConvertWorkflow(path: "in", target: target.target, output: "out", ppkVersion: target.ppkVersion).run(sandbox.context())

        let scratch = try TempDirectory()
        let path = try scratch.write("out", try #require(sandbox.fileSystem.contents(of: sandbox.absolute("out"))))
        let blob = try Self.read(fixture.file(.opensshPublic)).publicKey.wireRepresentation
        switch (name, target.target) {
        case ("ed25519", .pem):
            // RFC 8410 SPKI: the raw 32-byte key is the last 32 bytes, as it is the last 32 of the SSH blob.
            let spki = try Oracle.runBytes("openssl", ["pkey", "-in", path, "-pubout", "-outform", "DER"])
            #expect(spki.suffix(32) == blob.suffix(32))
        case (_, .ppk):
            #expect(try Oracle.run("puttygen", [path, "-L"]).trimmingCharacters(in: .newlines).split(separator: " ").prefix(2)
                == fixture.publicLine.split(separator: " ").prefix(2))
        default:
            #expect(try Oracle.run("ssh-keygen", ["-y", "-f", path]).trimmingCharacters(in: .newlines).split(separator: " ").prefix(2)
                == fixture.publicLine.split(separator: " ").prefix(2))
        }
    }

    @Test("openssh-public from every input kind, without a passphrase where the public key is in clear",
          arguments: FingerprintWorkflowTests.inputs)
    func publicOutput(_ name: String, _ kind: InputKind) throws {
        let fixture = try FingerprintWorkflowTests.fixture(name)
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(kind))
        let workflow = ConvertWorkflow(path: "in", target: .opensshPublic)

        if kind.publicKeyNeedsPassphrase {
            #expect(throws: ConvertWorkflow.Failure.self) { try workflow.run(sandbox.context()) }
            let failure = try #require(Self.failure { try workflow.run(sandbox.context()) })
            #expect(failure.code == "passphrase-required")
            #expect(failure.exitCode == 3)
            return
        }
        let result = try workflow.run(sandbox.context())
        #expect(result.output == nil)
        #expect(result.text == (kind.commentReadableWithoutPassphrase ? fixture.publicLine : fixture.publicLineWithoutComment) + "\n")
        #expect(sandbox.fileSystem.allFiles == [sandbox.absolute("in")])
    }

    @Test("openssh-public from an encrypted OpenSSH key keeps the comment when a passphrase is given up front")
    func publicOutputRecoversComment() throws {
        let fixture = try FingerprintWorkflowTests.fixture("rsa")
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(.opensshEncrypted))
        let result = try ConvertWorkflow(path: "in", target: .opensshPublic).run(sandbox.context(passphrase: KeyFixtures.passphrase))
        #expect(result.text == fixture.publicLine + "\n")
    }

    @Test("removePassphrase writes the key in clear, with a warning",
          arguments: zip([InputKind.opensshEncrypted, .pemPKCS1Encrypted, .ppkV3Encrypted], [ConvertWorkflow.Target.pem, .ppk, .openssh]))
    func removePassphrase(_ kind: InputKind, _ target: ConvertWorkflow.Target) throws {
        let fixture = try KeyFixtures.load().rsa
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(kind))

        let result = try ConvertWorkflow(path: "in", target: target, output: "out", removePassphrase: true)
            .run(sandbox.context(passphrase: KeyFixtures.passphrase))

        let entry = try Self.read(sandbox.fileSystem.contents(of: sandbox.absolute("out")))
        #expect(!result.encrypted)
        #expect(!entry.isEncrypted)
        #expect(entry.privateKey?.awsCreatedFingerprint == fixture.awsCreated)
        #expect(result.warnings.contains { $0.contains("without a passphrase") })
    }

    @Test("newPassphrase encrypts with the new one only",
          arguments: zip([InputKind.opensshPrivate, .ppkV2Encrypted, .pkcs8], [ConvertWorkflow.Target.openssh, .pem, .ppk]))
    func newPassphrase(_ kind: InputKind, _ target: ConvertWorkflow.Target) throws {
        let fixture = try KeyFixtures.load().rsa
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(kind))

        let result = try ConvertWorkflow(path: "in", target: target, output: "out", newPassphrase: Array("brand new".utf8))
            .run(sandbox.context(passphrase: kind.isEncrypted ? KeyFixtures.passphrase : nil))

        let written = sandbox.fileSystem.contents(of: sandbox.absolute("out"))
        #expect(result.encrypted)
        #expect(try Self.read(written, passphrase: "brand new").privateKey?.awsCreatedFingerprint == fixture.awsCreated)
        #expect(throws: SSHKeyError.self) { try Self.read(written, passphrase: KeyFixtures.passphrase) }
        #expect(!result.warnings.contains { $0.contains("without a passphrase") })
    }

    /// `ssh-keygen -N ''` means "no passphrase"; an empty passphrase file must mean the same, not a crash or a false "encrypted".
    @Test("an empty new passphrase writes the key unencrypted", arguments: [ConvertWorkflow.Target.openssh, .pem, .ppk])
    func emptyNewPassphrase(_ target: ConvertWorkflow.Target) throws {
        let sandbox = Sandbox()
        sandbox.add("in", try KeyFixtures.load().rsa.file(.opensshPrivate))

        let result = try ConvertWorkflow(path: "in", target: target, output: "out", newPassphrase: []).run(sandbox.context())

        #expect(!result.encrypted)
        #expect(try !Self.read(sandbox.fileSystem.contents(of: sandbox.absolute("out"))).isEncrypted)
    }

    @Test("refuses to overwrite without force (exists, file untouched); force replaces it and resets the mode")
    func overwrite() throws {
        let fixture = try KeyFixtures.load().rsa
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(.opensshPrivate))
        sandbox.fileSystem.add(sandbox.absolute("out"), "precious\n", mode: 0o644)

        let failure = try #require(Self.failure { try ConvertWorkflow(path: "in", target: .pem, output: "out").run(sandbox.context()) })
        #expect(failure.code == "exists")
        #expect(failure.exitCode == 3)
        #expect(failure.message == "out: already exists; add --force to replace it")
        #expect(sandbox.fileSystem.text(of: sandbox.absolute("out")) == "precious\n")

        _ = try ConvertWorkflow(path: "in", target: .pem, output: "out", force: true).run(sandbox.context())
        #expect(try Self.read(sandbox.fileSystem.contents(of: sandbox.absolute("out"))).privateKey?.awsCreatedFingerprint == fixture.awsCreated)
        #expect(sandbox.fileSystem.mode(of: sandbox.absolute("out")) == 0o600)
    }

    static let refusalCases: [(String, String, ConvertWorkflow.Target, Int, String?, String, Int32)] = [
        ("public-only input to a private format", "id.pub", .openssh, 3, "out", "cannot-represent", 3),
        ("several keys in one file", "authorized_keys", .opensshPublic, 3, nil, "usage", 2),
        ("PPK version 4", "id", .ppk, 4, "out", "usage", 2),
        ("private output without -o", "id", .pem, 3, nil, "usage", 2),
        ("missing input", "nothing", .openssh, 3, "out", "not-found", 3),
        ("not a key file", "README", .openssh, 3, "out", "unrecognized-format", 3),
        ("encrypted input, no passphrase", "id-enc", .ppk, 3, "out", "passphrase-required", 3),
        ("output directory missing", "id", .openssh, 3, "no/such/dir/out", "not-found", 3),
    ]

    @Test("refusals: the code and exit code each deserves", arguments: refusalCases)
    func refusals(_ label: String, _ path: String, _ target: ConvertWorkflow.Target, _ ppkVersion: Int, _ output: String?,
                  _ code: String, _ exitCode: Int32) throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("id", fixtures.rsa.file(.opensshPrivate))
        sandbox.add("id-enc", fixtures.rsa.file(.opensshEncrypted))
        sandbox.add("id.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("authorized_keys", fixtures.rsa.publicLine + "\n" + fixtures.ed25519.publicLine + "\n")
        sandbox.add("README", "hello\n")
        let before = sandbox.fileSystem.allFiles

        let failure = try #require(Self.failure {
            try ConvertWorkflow(path: path, target: target, output: output, ppkVersion: ppkVersion).run(sandbox.context())
        })

        #expect(failure.code == code, "\(label)")
        // Paths are named as the user wrote them, never as resolved.
        #expect(!failure.message.contains(Sandbox.workingDirectory), "\(failure.message)")
        #expect(failure.exitCode == exitCode, "\(label)")
        #expect(sandbox.fileSystem.allFiles == before, "nothing written: \(label)")
    }

    @Test("a wrong passphrase is reported, not written around", arguments: [InputKind.opensshEncrypted, .pemPKCS1Encrypted, .ppkV3Encrypted])
    func wrongPassphrase(_ kind: InputKind) throws {
        let sandbox = Sandbox()
        sandbox.add("in", try KeyFixtures.load().rsa.file(kind))
        let failure = try #require(Self.failure {
            try ConvertWorkflow(path: "in", target: .openssh, output: "out").run(sandbox.context(passphrase: "wrong"))
        })
        #expect(failure.code == "wrong-passphrase")
        #expect(sandbox.fileSystem.contents(of: sandbox.absolute("out")) == nil)
    }

    static let warningCases: [(String, ConvertWorkflow.Target, Int, [String], Bool)] = [
        ("rsa", .pem, 3, ["comment", "dropped"], true),
        ("rsa", .ppk, 3, ["PuTTY 0.75"], true),
        ("rsa", .ppk, 2, ["PuTTY 0.75"], false),
        ("rsa", .openssh, 3, ["dropped"], false),
        ("rsa", .openssh, 3, ["PKCS#8"], false),
        ("ed25519", .pem, 3, ["PKCS#8", "9.6"], true),
        ("ed25519", .openssh, 3, ["PKCS#8"], false),
    ]

    @Test("warnings say what each target loses or who cannot read it", arguments: warningCases)
    func warnings(_ name: String, _ target: ConvertWorkflow.Target, _ ppkVersion: Int, _ words: [String], _ present: Bool) throws {
        let sandbox = Sandbox()
        sandbox.add("in", try FingerprintWorkflowTests.fixture(name).file(.opensshPrivate))
        let result = try ConvertWorkflow(path: "in", target: target, output: "out", ppkVersion: ppkVersion).run(sandbox.context())
        #expect(result.warnings.contains { warning in words.allSatisfy { warning.contains($0) } } == present, "\(result.warnings)")
    }

    @Test("the prompt's answer re-encrypts the output: one question, same passphrase")
    func promptedPassphraseIsKept() throws {
        let fixture = try KeyFixtures.load().rsa
        let sandbox = Sandbox()
        sandbox.add("in", fixture.file(.opensshEncrypted))
        let prompt = RecordingPrompt(answering: KeyFixtures.passphrase)

        let result = try ConvertWorkflow(path: "in", target: .ppk, output: "out").run(sandbox.context(prompt: prompt.prompt))

        #expect(prompt.asked.count == 1)
        #expect(result.encrypted)
        #expect(try Self.read(sandbox.fileSystem.contents(of: sandbox.absolute("out")), passphrase: KeyFixtures.passphrase)
            .privateKey?.awsCreatedFingerprint == fixture.awsCreated)
    }

    /// Runs `body` and returns the conversion failure it threw, or nil.
    static func failure(_ body: () throws -> ConvertWorkflow.Result) -> ConvertWorkflow.Failure? {
        do {
            _ = try body()
            return nil
        } catch let failure as ConvertWorkflow.Failure {
            return failure
        } catch {
            return nil
        }
    }
}
