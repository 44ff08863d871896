import AMIKeyWorkflows
import EC2Evidence
import SSHKeys
import Testing

/// One case per verdict code, each from evidence values (DoctorFixtures), through the pure rules.
@Suite struct DoctorRulesTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let verdict: FindingCode
        let evidence: @Sendable () -> DoctorEvidence
    }

    static let cases: [Case] = [
        Case(description: "healthy image", verdict: .ok) { DoctorFixtures.healthy() },
        Case(description: "seed: image carries A's key only", verdict: .launchKeyNotInstalled) { DoctorFixtures.seed() },
        Case(description: "--user ubuntu while the table is ec2-user's", verdict: .wrongLoginUser) {
            var evidence = DoctorFixtures.healthy()
            evidence.requestedUser = "ubuntu"
            return evidence
        },
        Case(description: "launch key installed, --key is another key", verdict: .localKeyMismatch) {
            var evidence = DoctorFixtures.healthy()
            evidence.localKeys = [DoctorFixtures.file("keys/other", DoctorFixtures.stranger)]
            evidence.keysWereGiven = true
            return evidence
        },
        Case(description: "launched without a key pair", verdict: .noKeyPair) {
            var evidence = DoctorFixtures.seed()
            evidence.instance?.keyName = nil
            return evidence
        },
        Case(description: "console without any cloud-init output", verdict: .noConsoleEvidence) {
            var evidence = DoctorFixtures.seed()
            evidence.console = ConsoleEvidence(boots: 1)
            return evidence
        },
        Case(description: "the key tried is DSA", verdict: .keyTypeUnsupported) {
            var evidence = DoctorFixtures.healthy()
            evidence.localKeys = [DoctorFixtures.file("keys/old-dsa", DoctorFixtures.dsa)]
            evidence.keysWereGiven = true
            return evidence
        },
        Case(description: "table lists the key, sshd refuses it", verdict: .keyInstalledButRefused) {
            var evidence = DoctorFixtures.healthy()
            evidence.probes = [ProbeEvidence(user: "ec2-user", host: "54.1.2.3", accepted: [], refused: [DoctorFixtures.keyA, DoctorFixtures.keyB])]
            return evidence
        },
        Case(description: "private key readable by others", verdict: .localKeyFileProblem) {
            var evidence = DoctorFixtures.healthy()
            evidence.localKeys = [DoctorFixtures.file("keys/K_B", DoctorFixtures.keyB, mode: 0o644)]
            evidence.keysWereGiven = true
            return evidence
        },
        Case(description: "nothing answers on port 22", verdict: .notReachable) {
            var evidence = DoctorFixtures.healthy()
            evidence.probes = [ProbeEvidence(user: "ec2-user", host: "54.1.2.3", failure: .unreachable("the connection timed out"))]
            return evidence
        },
        Case(description: "host key differs from the console's", verdict: .hostKeyChanged) {
            var evidence = DoctorFixtures.healthy()
            evidence.probes = [ProbeEvidence(user: "ec2-user", host: "54.1.2.3", failure: .hostKeyMismatch("the server's host key is not the pinned one"))]
            return evidence
        },
    ]

    @Test(arguments: cases)
    func verdict(_ example: Case) {
        let diagnosis = DoctorRules.diagnose(example.evidence())
        #expect(diagnosis.verdict == example.verdict, "\(diagnosis.findings.map { "\($0.code.rawValue): \($0.summary)" })")
        #expect(diagnosis.exitCode == (example.verdict == .ok ? 0 : 1))
        #expect(diagnosis.findings.first?.code == example.verdict)
    }

    @Test func seedNamesTheInstalledKeyAsTheFileAndTheSourceKeyPair() throws {
        let diagnosis = DoctorRules.diagnose(DoctorFixtures.seed())
        let accepted = try #require(diagnosis.acceptedKeys.first)
        #expect(diagnosis.acceptedKeys.count == 1)
        #expect(accepted.user == "ec2-user")
        #expect(accepted.matches == [.file(path: "keys/K_A", holdsPrivateKey: true), .keyPair(name: "old-key", account: DoctorFixtures.accountA)])
        let finding = try #require(diagnosis.findings.first)
        let evidence = finding.evidence.map(\.en).joined(separator: "\n")
        #expect(evidence.contains("launched with key pair new-key (\(DoctorFixtures.keyB.sha256Fingerprint))"))
        #expect(evidence.contains("belongs to account \(DoctorFixtures.accountA), not to yours (\(DoctorFixtures.accountB))"))
        #expect(evidence.contains("created from instance i-0a"))
        #expect(evidence.contains("= file keys/K_A, key pair old-key in account \(DoctorFixtures.accountA)"))
        let commands = finding.remedies.flatMap(\.commands)
        #expect(commands.contains("ssh -i keys/K_A ec2-user@54.1.2.3"))
        #expect(commands.contains("amikey convert keys/K_A --to ppk -o keys/K_A.ppk"))
        #expect(commands.contains("amikey import-key --name old-key --from keys/K_A --profile account-b"))
        #expect(commands.contains("amikey relaunch i-0b --key-pair old-key --profile account-b"))
        #expect(commands.contains("amikey repair i-0b --key-pair new-key --user ec2-user --method user-data --profile account-b"))
    }

    /// Both keys log in; the one the user chose at launch is the one to suggest, whatever the table's order.
    @Test func healthyLoginUsesTheLaunchKeysFile() throws {
        var evidence = DoctorFixtures.healthy()
        evidence.localKeys = [DoctorFixtures.file("keys/K_A", DoctorFixtures.keyA), DoctorFixtures.file("keys/K_B", DoctorFixtures.keyB)]
        let diagnosis = DoctorRules.diagnose(evidence)
        #expect(diagnosis.verdict == .ok)
        #expect(diagnosis.findings.first?.remedies.first?.commands.first == "ssh -i keys/K_B ec2-user@54.1.2.3")
    }

    @Test func seedWithoutTheFileImportsFromTheSourceKeyPair() throws {
        var evidence = DoctorFixtures.seed()
        evidence.localKeys = []
        let diagnosis = DoctorRules.diagnose(evidence)
        #expect(diagnosis.verdict == .launchKeyNotInstalled)
        let commands = diagnosis.findings.flatMap(\.remedies).flatMap(\.commands)
        #expect(commands.contains("amikey import-key --name old-key --from-key-pair old-key --source-profile account-a --profile account-b"))
        #expect(diagnosis.unchecked.contains { $0.en.contains("No key files were found") })
    }

    @Test(arguments: [FingerprintHash.md5, .sha1, .sha512])
    func tablesInOtherHashesAreMatched(_ hash: FingerprintHash) {
        var evidence = DoctorFixtures.seed()
        evidence.console = DoctorFixtures.console([DoctorFixtures.table("ec2-user", [(DoctorFixtures.keyA, nil)], hash: hash)])
        let diagnosis = DoctorRules.diagnose(evidence)
        #expect(diagnosis.verdict == .launchKeyNotInstalled)
        #expect(diagnosis.acceptedKeys.first?.matches.first == .file(path: "keys/K_A", holdsPrivateKey: true))
    }

    @Test func launchKeyPairUnreadableFallsBackToTheTableComments() {
        var evidence = DoctorFixtures.seed()
        evidence.keyPairs.removeAll { $0.name == "new-key" }
        let diagnosis = DoctorRules.diagnose(evidence)
        #expect(diagnosis.verdict == .launchKeyNotInstalled)
        #expect(diagnosis.unchecked.contains { $0.en.contains("public key of key pair new-key could not be read") })
    }

    @Test func probeAloneShowsTheSeed() {
        var evidence = DoctorFixtures.seed()
        evidence.console = ConsoleEvidence(boots: 1)
        evidence.probes = [ProbeEvidence(user: "ec2-user", host: "54.1.2.3", accepted: [DoctorFixtures.keyA], refused: [DoctorFixtures.keyB])]
        let diagnosis = DoctorRules.diagnose(evidence)
        #expect(diagnosis.verdict == .launchKeyNotInstalled)
        #expect(diagnosis.acceptedKeys.map(\.seenBy) == [[.probe]])
    }

    @Test func imdsAndDatasourceCausesAreNamed() {
        var evidence = DoctorFixtures.seed()
        evidence.instance?.httpEndpoint = "disabled"
        evidence.console?.cloudInit = CloudInitFacts(version: "19.1", datasource: "DataSourceNone", boot: 1, line: 9)
        let lines = DoctorRules.diagnose(evidence).findings.first?.evidence.map(\.en) ?? []
        #expect(lines.contains { $0.contains("HttpEndpoint=disabled") })
        #expect(lines.contains { $0.contains("DataSourceNone") })
    }

    @Test func everyTextHasBothLanguages() {
        for example in Self.cases {
            let diagnosis = DoctorRules.diagnose(example.evidence())
            let texts = diagnosis.findings.flatMap { [$0.summary] + $0.evidence + $0.remedies.map(\.title) } + diagnosis.unchecked
            for text in texts {
                #expect(!text.en.isEmpty && !text.ja.isEmpty, "\(example): \(text.en)")
                #expect(text.ja.unicodeScalars.contains { $0.value >= 0x3040 }, "\(example): no Japanese in \(text.ja)")
            }
        }
    }

    @Test(arguments: [("LANG", "ja_JP.UTF-8", ReportLanguage.ja), ("LANG", "en_US.UTF-8", .en), ("LC_ALL", "ja_JP.eucJP", .ja), ("LANG", "C", .en)])
    func localeChoosesTheLanguage(_ name: String, _ value: String, _ language: ReportLanguage) {
        #expect(ReportLanguage.from(environment: [name: value]) == language)
    }

    @Test func lcAllWinsOverLang() {
        #expect(ReportLanguage.from(environment: ["LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"]) == .en)
    }
}
