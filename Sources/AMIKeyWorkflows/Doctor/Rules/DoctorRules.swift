/// The doctor's judgement: pure functions from ``DoctorEvidence`` to a ``Diagnosis``, so every cause is reproducible
/// from a value built in a test.
///
/// Each rule looks for one cause (reference/ssh-on-ec2.md §6) and yields findings with the evidence that shows it and
/// remedies that can be pasted. The verdict is the most severe finding; among equals, the order of ``rules`` —
/// causes that hide the others (nothing answers, the key file is unusable) come first.
///
/// ```swift
/// let diagnosis = DoctorRules.diagnose(evidence)
/// print(diagnosis.verdict.rawValue)          // launch-key-not-installed
/// ```
public enum DoctorRules {
    /// Every rule, in the order ties are broken.
    static let rules: [any DoctorRule.Type] = [
        BootFailureRule.self, ReachabilityRule.self, KeyFileRule.self, KeyTypeRule.self, NoKeyPairRule.self, LaunchKeyRule.self, LoginUserRule.self,
        RSASHA1Rule.self, LocalKeyRule.self, KeyOptionsRule.self, RefusedKeyRule.self, ConsoleEvidenceRule.self,
    ]

    /// The diagnosis of `evidence`.
    public static func diagnose(_ evidence: DoctorEvidence) -> Diagnosis {
        let facts = DoctorFacts(evidence)
        var findings = rules.flatMap { $0.findings(facts) }
        if !findings.contains(where: { $0.severity <= .warning }) {
            findings.insert(HealthyRule.finding(facts), at: 0)
        }
        // A stable sort: severity first, then the rules' order.
        findings = findings.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
        return Diagnosis(
            verdict: findings.first?.code ?? .ok, findings: findings, acceptedKeys: facts.acceptedKeys, loginUser: facts.loginUser,
            unchecked: evidence.unchecked + UncheckedFacts.list(facts), evidence: evidence)
    }
}

/// One cause the doctor looks for.
protocol DoctorRule: SendableMetatype {
    /// The findings this rule makes of the facts; empty when its cause is not there.
    static func findings(_ facts: DoctorFacts) -> [Finding]
}
