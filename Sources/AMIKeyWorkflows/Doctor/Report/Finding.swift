/// The doctor's verdict codes (DESIGN.md "doctor"): stable strings other tools rely on; new codes may be added.
public enum FindingCode: String, Sendable, Hashable, CaseIterable {
    /// The launch key (or the user's key) is installed for the login user and nothing stands in the way.
    case ok
    /// The seed's case: the image carries another account's `authorized_keys` and the launch key was never added.
    case launchKeyNotInstalled = "launch-key-not-installed"
    /// The key is installed, for another user than the one tried.
    case wrongLoginUser = "wrong-login-user"
    /// The launch key is installed, but the key file the user tries is another key.
    case localKeyMismatch = "local-key-mismatch"
    /// The instance was launched without a key pair.
    case noKeyPair = "no-key-pair"
    /// The console output says nothing about keys (no cloud-init table), so what is installed cannot be told.
    case noConsoleEvidence = "no-console-evidence"
    /// The key's type is one the server or EC2 does not take (DSA, …).
    case keyTypeUnsupported = "key-type-unsupported"
    /// An `ssh-rsa` key signed with SHA-1 by an old client, which current OpenSSH servers refuse.
    case rsaSHA1Refused = "rsa-sha1-refused"
    /// Key and user match the console table, yet the server refuses: permissions, `sshd_config`, a missing home.
    case keyInstalledButRefused = "key-installed-but-refused"
    /// The key file cannot be used by the client: unreadable, wrong format for it, bad permissions.
    case localKeyFileProblem = "local-key-file-problem"
    /// Nothing answers on the SSH port.
    case notReachable = "not-reachable"
    /// The server's host key is not the one the instance printed on its console.
    case hostKeyChanged = "host-key-changed"
}

/// How much a finding matters; the verdict is the most severe finding.
public enum FindingSeverity: String, Sendable, Hashable, Comparable {
    /// It stops the login.
    case problem
    /// It may stop the login, or it stops the doctor from telling.
    case warning
    /// Worth knowing; nothing is wrong.
    case info

    private var rank: Int {
        switch self {
        case .problem: 0
        case .warning: 1
        case .info: 2
        }
    }

    /// More severe first.
    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// One cause found, with what shows it and what to do about it.
public struct Finding: Sendable, Hashable {
    /// The verdict code.
    public var code: FindingCode
    /// How much it matters.
    public var severity: FindingSeverity
    /// One sentence: what is wrong.
    public var summary: DoctorText
    /// The facts that show it, each naming where it came from.
    public var evidence: [DoctorText]
    /// What to do, best first.
    public var remedies: [Remedy]

    /// A finding from its parts.
    public init(code: FindingCode, severity: FindingSeverity, summary: DoctorText, evidence: [DoctorText] = [], remedies: [Remedy] = []) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.evidence = evidence
        self.remedies = remedies
    }
}

/// One way to fix a finding: a title and commands that can be pasted as they are (steps for PuTTY are text).
public struct Remedy: Sendable, Hashable {
    /// What this remedy does.
    public var title: DoctorText
    /// Commands or steps, in order.
    public var commands: [String]

    /// A remedy from its parts.
    public init(title: DoctorText, commands: [String]) {
        self.title = title
        self.commands = commands
    }
}
