import AMIKeyWorkflows
import EC2Evidence
import SSHKeys
import Testing

/// Verdicts a user reaches with only what their client printed (`--error`): OpenSSH's one-liners and `-v` logs,
/// PuTTY's dialogs, against the same evidence fixtures.
@Suite struct DoctorClientErrorTests {
    /// The healthy instance, with the key the user tries given and the client's words.
    static func evidence(_ text: String, key: SSHPublicKey = DoctorFixtures.keyB, tableKeys: [(SSHPublicKey, String?)]? = nil,
                         user: String? = nil, format: KeyFileFormat? = nil) -> DoctorEvidence {
        var evidence = DoctorFixtures.healthy()
        if let tableKeys { evidence.console = DoctorFixtures.console([DoctorFixtures.table("ec2-user", tableKeys)]) }
        evidence.localKeys = [DoctorFixtures.file("keys/mine", key, format: format)]
        evidence.keysWereGiven = true
        evidence.requestedUser = user
        evidence.clientError = SSHClientErrorText(text)
        return evidence
    }

    static let rsaInstalled: [(SSHPublicKey, String?)] = [(DoctorFixtures.keyA, "old-key"), (DoctorFixtures.keyB, "new-key"), (DoctorFixtures.rsa, "rsa-key")]

    @Test func oldPuTTYAgainstOpenSSH87IsSHA1() {
        let log = """
            Remote version: SSH-2.0-OpenSSH_8.7
            We claim version: SSH-2.0-PuTTY_Release_0.70
            Using username "ec2-user".
            Server refused our key
            """
        let diagnosis = DoctorRules.diagnose(Self.evidence(log, key: DoctorFixtures.rsa, tableKeys: Self.rsaInstalled, format: .ppkV2))
        #expect(diagnosis.verdict == .rsaSHA1Refused, "\(diagnosis.findings.map(\.code))")
    }

    @Test func currentOpenSSHRefusedWithAnInstalledKeyIsNotSHA1() {
        let log = """
            OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 3 Sep 2024
            debug1: Remote protocol version 2.0, remote software version OpenSSH_8.7
            debug1: Authenticating to 54.1.2.3:22 as 'ec2-user'
            ec2-user@54.1.2.3: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).
            """
        let diagnosis = DoctorRules.diagnose(Self.evidence(log, key: DoctorFixtures.rsa, tableKeys: Self.rsaInstalled))
        #expect(diagnosis.verdict == .keyInstalledButRefused, "\(diagnosis.findings.map(\.code))")
    }

    @Test func noMutualSignatureIsSHA1() {
        let log = """
            debug1: Authenticating to 54.1.2.3:22 as 'ec2-user'
            debug1: send_pubkey_test: no mutual signature algorithm
            ec2-user@54.1.2.3: Permission denied (publickey).
            """
        let diagnosis = DoctorRules.diagnose(Self.evidence(log, key: DoctorFixtures.rsa, tableKeys: Self.rsaInstalled))
        #expect(diagnosis.verdict == .rsaSHA1Refused, "\(diagnosis.findings.map(\.code))")
    }

    @Test func theUserInTheMessageIsTheOneTried() {
        let diagnosis = DoctorRules.diagnose(Self.evidence("root@54.1.2.3: Permission denied (publickey)."))
        #expect(diagnosis.verdict == .wrongLoginUser)
        #expect(diagnosis.findings.first?.remedies.first?.commands.first == "ssh -i keys/mine ec2-user@54.1.2.3")
    }

    @Test func cloudInitsRootMessageNamesTheUser() {
        let text = "Please login as the user \"ec2-user\" rather than the user \"root\"."
        let diagnosis = DoctorRules.diagnose(Self.evidence(text, user: "root"))
        #expect(diagnosis.verdict == .wrongLoginUser)
        #expect(diagnosis.findings.first?.summary.en.contains("keys are for ec2-user") == true)
    }

    @Test(arguments: [
        "ssh: connect to host 54.1.2.3 port 22: Connection timed out",
        "ssh: connect to host 54.1.2.3 port 22: Connection refused",
        "ssh: Could not resolve hostname ec2-54-1-2-3.example: Name or service not known",
    ])
    func networkFailures(_ text: String) {
        #expect(DoctorRules.diagnose(Self.evidence(text)).verdict == .notReachable)
    }

    @Test(arguments: [
        "Load key \"keys/mine\": invalid format\nec2-user@54.1.2.3: Permission denied (publickey).",
        "Unable to use key file \"C:\\\\Users\\\\me\\\\old-key.pem\" (OpenSSH SSH-2 private key (new format))",
        "Too many authentication failures",
    ])
    func clientSideKeyProblems(_ text: String) {
        #expect(DoctorRules.diagnose(Self.evidence(text)).verdict == .localKeyFileProblem)
    }

    @Test func puttyNeedsAPPKForAnOpenSSHFile() {
        let diagnosis = DoctorRules.diagnose(Self.evidence("Server refused our key"))
        #expect(diagnosis.verdict == .localKeyFileProblem)
        let commands = diagnosis.findings.first?.remedies.flatMap(\.commands) ?? []
        #expect(commands.contains("amikey convert keys/mine --to ppk -o keys/mine.ppk"))
    }

    @Test func noMatchingHostKeyTypeStopsBeforeKeys() {
        let text = "Unable to negotiate with 54.1.2.3 port 22: no matching host key type found. Their offer: ssh-ed25519,ecdsa-sha2-nistp256"
        let diagnosis = DoctorRules.diagnose(Self.evidence(text, key: DoctorFixtures.keyB))
        #expect(diagnosis.verdict == .keyTypeUnsupported)
        #expect(diagnosis.findings.first?.evidence.first?.en.contains("ssh-ed25519, ecdsa-sha2-nistp256") == true)
    }

    @Test func offeredKeysInAnSSHVerboseLogAreTheTriedKeys() {
        var evidence = DoctorFixtures.healthy()
        evidence.localKeys = [DoctorFixtures.file("keys/K_A", DoctorFixtures.keyA), DoctorFixtures.file("keys/other", DoctorFixtures.stranger)]
        evidence.clientError = SSHClientErrorText("""
            debug1: Offering public key: /home/me/.ssh/other ED25519 \(DoctorFixtures.stranger.sha256Fingerprint) explicit
            debug1: Authentications that can continue: publickey
            ec2-user@54.1.2.3: Permission denied (publickey).
            """)
        let diagnosis = DoctorRules.diagnose(evidence)
        #expect(diagnosis.verdict == .localKeyMismatch)
        let commands = diagnosis.findings.first?.remedies.flatMap(\.commands) ?? []
        #expect(commands.contains("ssh -i keys/K_A ec2-user@54.1.2.3"))
    }

    @Test func puttySignatureRefusedDespiteAcceptingIsSHA1() {
        let text = "Server refused public-key signature despite accepting key!"
        let diagnosis = DoctorRules.diagnose(Self.evidence(text, key: DoctorFixtures.rsa, tableKeys: Self.rsaInstalled, format: .ppkV3))
        #expect(diagnosis.verdict == .rsaSHA1Refused, "\(diagnosis.findings.map(\.code))")
    }

    @Test func puttysJapaneseRefusalWithAnotherKeyIsAMismatch() {
        let diagnosis = DoctorRules.diagnose(Self.evidence("サーバが鍵を拒否しました", key: DoctorFixtures.stranger, format: .ppkV3))
        #expect(diagnosis.verdict == .localKeyMismatch, "\(diagnosis.findings.map(\.code))")
    }
}
