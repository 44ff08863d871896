import AMIKeyWorkflows
import SSHKeys
import Testing

/// `amikey match` as a workflow: every spelling a user pastes, every reading of it, found in the right files.
@Suite("MatchWorkflow")
struct MatchWorkflowTests {
    /// A fingerprint as some tool prints it, and the (source, kind) matches expected in `sandbox()`.
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let fingerprint: @Sendable (KeyFixtures) -> String
        let kinds: [FingerprintQuery.Kind]
        let matches: [String: FingerprintQuery.Kind]
    }

    /// Where the RSA key is found by its public half, in `sandbox()`.
    static let rsaPublicSources = ["keys/authorized_keys:2", "keys/id_rsa", "keys/id_rsa.pem", "keys/id_rsa.pub"]
    static let ed25519Sources = ["keys/authorized_keys:1", "keys/id_ed25519"]

    static func rsaEverywhere(_ kind: FingerprintQuery.Kind) -> [String: FingerprintQuery.Kind] {
        Dictionary(uniqueKeysWithValues: rsaPublicSources.map { ($0, kind) })
    }

    static let cases: [Case] = [
        Case(testDescription: "ssh-keygen -l SHA256", fingerprint: { $0.rsa.sha256 },
             kinds: [.sha256Blob], matches: rsaEverywhere(.sha256Blob)),
        Case(testDescription: "ssh-keygen -E md5 (MD5: prefix)", fingerprint: { $0.rsa.md5 },
             kinds: [.md5Blob], matches: rsaEverywhere(.md5Blob)),
        // 16 bare hex bytes: PuTTY ≤ 0.74 hashes the blob, AWS hashes the SPKI DER; only the blob reading holds here.
        Case(testDescription: "PuTTY 0.74 MD5 (bare hex)", fingerprint: { String($0.rsa.md5.dropFirst(4)) },
             kinds: [.md5Blob, .md5SPKI], matches: rsaEverywhere(.md5Blob)),
        Case(testDescription: "EC2 imported RSA (md5 of SPKI)", fingerprint: { $0.rsa.awsImported! },
             kinds: [.md5Blob, .md5SPKI], matches: rsaEverywhere(.md5SPKI)),
        Case(testDescription: "EC2 imported RSA, upper case, no colons",
             fingerprint: { $0.rsa.awsImported!.replacingOccurrences(of: ":", with: "").uppercased() },
             kinds: [.md5Blob, .md5SPKI], matches: rsaEverywhere(.md5SPKI)),
        // Only files holding the private key can give the PKCS#8 digest; the .pub and authorized_keys cannot.
        Case(testDescription: "EC2 created RSA (sha1 of PKCS#8)", fingerprint: { $0.rsa.awsCreated! },
             kinds: [.sha1PKCS8, .sha1Blob], matches: ["keys/id_rsa": .sha1PKCS8, "keys/id_rsa.pem": .sha1PKCS8]),
        Case(testDescription: "PuTTYgen line", fingerprint: { $0.rsa.puttyLine! },
             kinds: [.sha256Blob], matches: rsaEverywhere(.sha256Blob)),
        Case(testDescription: "cloud-init table (colon hex SHA-256)", fingerprint: { $0.rsa.cloudInitSHA256 },
             kinds: [.sha256Blob], matches: rsaEverywhere(.sha256Blob)),
        Case(testDescription: "EC2 Ed25519 (padded base64)", fingerprint: { $0.ed25519.awsImported! },
             kinds: [.sha256Blob], matches: Dictionary(uniqueKeysWithValues: ed25519Sources.map { ($0, .sha256Blob) })),
        Case(testDescription: "a key not in the files", fingerprint: { $0.otherRSA.sha256 }, kinds: [.sha256Blob], matches: [:]),
    ]

    /// keys/: the RSA key as an OpenSSH private key, a PEM and a .pub; the Ed25519 key; an authorized_keys with both.
    static func sandbox(_ fixtures: KeyFixtures) -> Sandbox {
        let sandbox = Sandbox()
        sandbox.add("keys/id_rsa", fixtures.rsa.file(.opensshPrivate))
        sandbox.add("keys/id_rsa.pem", fixtures.rsa.file(.pemPKCS1))
        sandbox.add("keys/id_rsa.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("keys/id_ed25519", fixtures.ed25519.file(.opensshPrivate))
        sandbox.add("keys/authorized_keys", fixtures.ed25519.publicLine + "\n" + fixtures.rsa.publicLine + "\n")
        sandbox.add("keys/other/notes.txt", "not a key\n")
        return sandbox
    }

    @Test("every reading of a fingerprint, and which files match under which", arguments: cases)
    func readings(_ test: Case) throws {
        let fixtures = try KeyFixtures.load()
        let report = MatchWorkflow(fingerprints: [test.fingerprint(fixtures)], searchPaths: ["keys"])
            .run(Self.sandbox(fixtures).context())

        let answer = try #require(report.answers.first)
        #expect(answer.fingerprint == test.fingerprint(fixtures))
        #expect(try answer.query.get().kinds == test.kinds)
        #expect(Dictionary(answer.matches.map { ($0.source, $0.kind) }, uniquingKeysWith: { first, _ in first }) == test.matches)
        #expect(answer.matches.count == test.matches.count)
        #expect(report.unreadable.isEmpty)
        #expect(report.exitCode == (test.matches.isEmpty ? 1 : 0))
    }

    @Test("a match names the key's type and comment")
    func matchDetails() throws {
        let fixtures = try KeyFixtures.load()
        let report = MatchWorkflow(fingerprints: [fixtures.ed25519.sha256], searchPaths: ["keys/authorized_keys"])
            .run(Self.sandbox(fixtures).context())
        let match = try #require(report.answers.first?.matches.first)
        #expect(match.source == "keys/authorized_keys:1")
        #expect(match.type == "ssh-ed25519")
        #expect(match.comment == fixtures.ed25519.comment)
    }

    /// The AWS-created digest needs the private key: an encrypted RSA file cannot be compared without its
    /// passphrase, and a PPK's PKCS#8 form is rebuilt, so a mismatch there cannot be trusted.
    @Test("sha1-pkcs8: encrypted RSA files and PPK sources are listed as unchecked, not as non-matches")
    func unchecked() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("keys/enc", fixtures.rsa.file(.opensshEncrypted))
        sandbox.add("keys/putty.ppk", fixtures.rsa.file(.ppkV3))
        sandbox.add("keys/putty-enc.ppk", fixtures.rsa.file(.ppkV2Encrypted))
        sandbox.add("keys/plain.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("keys/ed25519", fixtures.ed25519.file(.opensshEncrypted))

        let report = MatchWorkflow(fingerprints: [fixtures.otherRSA.awsCreated!], searchPaths: ["keys"]).run(sandbox.context())

        let answer = try #require(report.answers.first)
        #expect(answer.matches.isEmpty)
        let reasons = Dictionary(uniqueKeysWithValues: answer.unchecked.map { ($0.source, $0.reason) })
        #expect(reasons.keys.sorted() == ["keys/enc", "keys/putty-enc.ppk", "keys/putty.ppk"])
        #expect(reasons["keys/enc"]?.contains("encrypted") == true)
        #expect(reasons["keys/putty-enc.ppk"]?.contains("encrypted") == true)
        #expect(reasons["keys/putty.ppk"]?.contains("cannot confirm") == true)
        #expect(report.exitCode == 1)
    }

    @Test("a PPK holding the AWS-created key matches, since the rebuilt PKCS#8 is what AWS hashed")
    func ppkMatchesAWSCreated() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("old.ppk", fixtures.rsa.file(.ppkV2))

        let report = MatchWorkflow(fingerprints: [fixtures.rsa.awsCreated!], searchPaths: ["old.ppk"]).run(sandbox.context())

        #expect(report.answers.first?.matches.map(\.kind) == [.sha1PKCS8])
        #expect(report.answers.first?.unchecked.isEmpty == true)
    }

    @Test("a given passphrase opens encrypted files for the AWS-created reading", arguments: [
        InputKind.opensshEncrypted, .pemPKCS1Encrypted, .pkcs8Encrypted, .ppkV2Encrypted, .ppkV3Encrypted,
    ])
    func passphraseOpensForAWSCreated(_ kind: InputKind) throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("key", fixtures.rsa.file(kind))

        let report = MatchWorkflow(fingerprints: [fixtures.rsa.awsCreated!], searchPaths: ["key"])
            .run(sandbox.context(passphrase: KeyFixtures.passphrase))

        #expect(report.answers.first?.matches.map(\.source) == ["key"])
        #expect(report.answers.first?.matches.map(\.kind) == [.sha1PKCS8])
        #expect(report.exitCode == 0)
    }

    /// `match` searches whole directories; asking for a passphrase per file there would be unusable.
    @Test("never prompts, even for encrypted PEM; those are listed as unreadable instead")
    func neverPrompts() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        for kind in InputKind.allCases where kind.isEncrypted { sandbox.add("keys/\(kind)", fixtures.rsa.file(kind)) }
        let prompt = RecordingPrompt(answering: KeyFixtures.passphrase)

        let report = MatchWorkflow(fingerprints: [fixtures.rsa.sha256, fixtures.rsa.awsCreated!], searchPaths: ["keys"])
            .run(sandbox.context(prompt: prompt.prompt))

        #expect(prompt.asked.isEmpty)
        #expect(report.answers[0].matches.map(\.source) == ["keys/opensshEncrypted", "keys/ppkV2Encrypted", "keys/ppkV3Encrypted"])
        #expect(report.unreadable.map(\.source) == ["keys/pemPKCS1Encrypted", "keys/pkcs8Encrypted"])
        #expect(report.unreadable.allSatisfy { if case .failure(let error) = $0.result { error.code == "passphrase-required" } else { false } })
    }

    @Test("default search is the files in ~/.ssh and the working directory, not below; sources spelled from there")
    func defaultSearch() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("~/.ssh/id_rsa.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("deploy.pem", fixtures.rsa.file(.pemPKCS1))
        // Run from $HOME, a recursive default walk would read everything; subdirectories need --in.
        sandbox.add("deploy/key.pem", fixtures.rsa.file(.pemPKCS1))
        sandbox.add("/elsewhere/id_rsa.pub", fixtures.rsa.file(.opensshPublic))

        let report = MatchWorkflow(fingerprints: [fixtures.rsa.sha256], searchPaths: []).run(sandbox.context())

        #expect(report.searched == ["~/.ssh", "."])
        #expect(report.answers.first?.matches.map(\.source) == ["~/.ssh/id_rsa.pub", "./deploy.pem"])
        #expect(report.exitCode == 0)
    }

    /// Users without ~/.ssh (a fresh machine, a PuTTY user) should not be told it is missing on every search.
    @Test("a missing ~/.ssh in the default search is not an unreadable input; a missing --in path is")
    func missingSearchPaths() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("key.ppk", fixtures.rsa.file(.ppkV3))

        let byDefault = MatchWorkflow(fingerprints: [fixtures.rsa.sha256], searchPaths: []).run(sandbox.context())
        #expect(byDefault.unreadable.isEmpty)
        #expect(byDefault.answers.first?.matches.map(\.source) == ["./key.ppk"])

        let explicit = MatchWorkflow(fingerprints: [fixtures.rsa.sha256], searchPaths: ["key.ppk", "nowhere"]).run(sandbox.context())
        #expect(explicit.unreadable.map(\.source) == ["nowhere"])
        #expect(explicit.exitCode == 0)
    }

    static let exitCases: [([String], Int32)] = [
        (["rsa"], 0), (["rsa", "ed25519"], 0), (["rsa", "other"], 1), (["other"], 1),
        (["rsa", "garbage"], 1), (["garbage"], 3), (["garbage", "SHA256:short"], 3),
    ]

    @Test("exit code: 0 every fingerprint matched, 1 some did not, 3 none could be read", arguments: exitCases)
    func exitCodes(_ names: [String], _ expected: Int32) throws {
        let fixtures = try KeyFixtures.load()
        let fingerprints = names.map { name in
            switch name {
            case "rsa": fixtures.rsa.sha256
            case "ed25519": fixtures.ed25519.sha256
            case "other": fixtures.otherRSA.sha256
            default: name
            }
        }
        let report = MatchWorkflow(fingerprints: fingerprints, searchPaths: ["keys"]).run(Self.sandbox(fixtures).context())
        #expect(report.exitCode == expected)
    }

    @Test("text that is no fingerprint gets unrecognized-fingerprint, and the others are still answered")
    func unrecognized() throws {
        let fixtures = try KeyFixtures.load()
        let report = MatchWorkflow(fingerprints: ["hello", fixtures.rsa.sha256], searchPaths: ["keys"])
            .run(Self.sandbox(fixtures).context())
        guard case .failure(let error) = report.answers[0].query else {
            Issue.record("\"hello\" was read as a fingerprint")
            return
        }
        #expect(error.code == .unrecognizedFingerprint)
        #expect(report.answers[1].matches.count == Self.rsaPublicSources.count)
    }
}
