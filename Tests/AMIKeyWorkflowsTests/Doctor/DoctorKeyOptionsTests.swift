import AMIKeyWorkflows
import EC2Evidence
import Foundation
import SSHKeys
import Testing

/// The options cloud-init's table prints for each installed key (sshd(8), AUTHORIZED_KEYS FILE FORMAT): the ones that
/// keep sshd from accepting a key that is there.
@Suite struct DoctorKeyOptionsTests {
    /// 2026-11-29 12:00 UTC, the time the evidence is gathered at.
    static let now = Date(timeIntervalSince1970: 1_795_953_600)

    /// The healthy instance (K_A and the launch key K_B installed for ec2-user), K_B's line carrying `options`.
    static func healthy(launchKeyOptions options: String?, now: Date? = now) -> DoctorEvidence {
        var evidence = DoctorFixtures.healthy()
        var table = DoctorFixtures.table("ec2-user", [(DoctorFixtures.keyA, "old-key"), (DoctorFixtures.keyB, "new-key")])
        table.rows[1].options = options
        evidence.console = DoctorFixtures.console([table])
        evidence.gatheredAt = now
        return evidence
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let options: String?
        let verdict: FindingCode
        let evidence: String?
    }

    static let cases: [Case] = [
        Case(testDescription: "no options", options: nil, verdict: .ok, evidence: nil),
        Case(testDescription: "harmless options", options: "no-port-forwarding,no-agent-forwarding", verdict: .ok, evidence: nil),
        Case(testDescription: "expired date", options: #"expiry-time="20200101""#, verdict: .keyInstalledButRefused,
             evidence: #"has expiry-time="20200101": sshd stopped accepting it on 2020-01-01"#),
        Case(testDescription: "expired time in UTC", options: #"no-pty,expiry-time="202611291159Z""#, verdict: .keyInstalledButRefused,
             evidence: "sshd stopped accepting it on 2026-11-29"),
        Case(testDescription: "expiry in the future", options: #"expiry-time="20301231235959""#, verdict: .ok, evidence: nil),
        Case(testDescription: "expiry that is no time", options: #"expiry-time="2020-01-01""#, verdict: .keyInstalledButRefused,
             evidence: #"expiry-time="2020-01-01" is not a YYYYMMDD[HHMM[SS]][Z] time"#),
        Case(testDescription: "an option sshd does not know", options: "no-pty,bogus-option", verdict: .keyInstalledButRefused,
             evidence: "options sshd cannot read"),
        Case(testDescription: "from, nothing refused", options: #"from="10.0.0.0/8""#, verdict: .ok, evidence: nil),
    ]

    @Test(arguments: cases)
    func verdict(_ example: Case) {
        let diagnosis = DoctorRules.diagnose(Self.healthy(launchKeyOptions: example.options))
        #expect(diagnosis.verdict == example.verdict, "\(diagnosis.findings.map { "\($0.code.rawValue): \($0.summary.en)" })")
        if let expected = example.evidence {
            let evidence = diagnosis.findings.first?.evidence.map(\.en) ?? []
            #expect(evidence.contains { $0.contains(expected) && $0.contains(DoctorFixtures.keyB.cloudInitFingerprint()) }, "\(evidence)")
        }
    }

    /// A key accepted only from a bastion's network, asked from elsewhere: the probe's refusal is explained by from=,
    /// not by permissions, and the remedies go through the bastion or add a key of one's own.
    @Test func fromRefusedByTheProbe() throws {
        var evidence = Self.healthy(launchKeyOptions: #"from="10.0.0.0/8,!10.0.9.*""#)
        evidence.instance?.privateIp = "10.0.1.5"
        evidence.probes = [ProbeEvidence(user: "ec2-user", host: "54.1.2.3", accepted: [DoctorFixtures.keyA], refused: [DoctorFixtures.keyB])]
        let diagnosis = DoctorRules.diagnose(evidence)
        #expect(diagnosis.verdict == .keyInstalledButRefused)
        #expect(diagnosis.findings.filter { $0.code == .keyInstalledButRefused }.count == 1, "RefusedKeyRule must not repeat it")
        let finding = try #require(diagnosis.findings.first)
        #expect(finding.evidence.map(\.en).contains { $0.contains("is accepted only from 10.0.0.0/8,!10.0.9.* (from= on its authorized_keys line)") })
        let commands = finding.remedies.flatMap(\.commands)
        #expect(commands.first == "ssh -J BASTION_USER@BASTION_HOST -i KEY_FILE ec2-user@10.0.1.5")
        #expect(commands.contains { $0.hasPrefix("ssh-keygen -t ed25519 -f ~/.ssh/i-0b-ed25519") })
        #expect(commands.contains { $0.hasPrefix("amikey repair i-0b --key ~/.ssh/i-0b-ed25519.pub --user ec2-user") })
    }

    /// Unrefused from= and an expiry without a clock are said as not checked, not as problems.
    @Test func notCheckedWithoutARefusalOrAClock() {
        let from = DoctorRules.diagnose(Self.healthy(launchKeyOptions: #"from="10.0.0.0/8""#))
        #expect(from.unchecked.map(\.en).contains { $0.contains("is accepted only from 10.0.0.0/8") && $0.contains("was not checked") })
        let expiry = DoctorRules.diagnose(Self.healthy(launchKeyOptions: #"expiry-time="20200101""#, now: nil))
        #expect(expiry.verdict == .ok)
        #expect(expiry.unchecked.map(\.en).contains { $0.contains(#"expiry-time="20200101""#) && $0.contains("not compared with the current time") })
    }

    /// Every text of these findings has both languages.
    @Test func japanese() {
        for options in [#"expiry-time="20200101""#, "bogus", #"from="10.0.0.0/8""#] {
            let diagnosis = DoctorRules.diagnose(Self.healthy(launchKeyOptions: options))
            for text in diagnosis.findings.flatMap({ [$0.summary] + $0.evidence + $0.remedies.map(\.title) }) + diagnosis.unchecked {
                #expect(!text.ja.isEmpty && text.ja != text.en, "\(text.en)")
            }
        }
    }
}
