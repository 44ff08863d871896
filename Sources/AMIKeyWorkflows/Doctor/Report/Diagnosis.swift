import SSHKeys

/// The doctor's answer: the verdict, the findings that led to it (most severe first), which keys the instance accepts
/// and whose they are, and what could not be checked.
public struct Diagnosis: Sendable {
    /// The code of the most severe finding.
    public var verdict: FindingCode
    /// Every finding, most severe first.
    public var findings: [Finding]
    /// The keys the instance accepts, per user, with the files and key pairs each one is.
    public var acceptedKeys: [AcceptedKey]
    /// The login user the report assumes, and why.
    public var loginUser: LoginUser?
    /// What could not be checked, and why.
    public var unchecked: [DoctorText]
    /// The evidence the diagnosis was made from.
    public var evidence: DoctorEvidence

    /// A diagnosis from its parts.
    public init(verdict: FindingCode, findings: [Finding], acceptedKeys: [AcceptedKey], loginUser: LoginUser?, unchecked: [DoctorText],
                evidence: DoctorEvidence) {
        self.verdict = verdict
        self.findings = findings
        self.acceptedKeys = acceptedKeys
        self.loginUser = loginUser
        self.unchecked = unchecked
        self.evidence = evidence
    }

    /// `0` for `ok`, `1` for any other verdict (DESIGN.md exit codes).
    public var exitCode: Int32 { verdict == .ok ? 0 : 1 }
}

/// A key the instance accepts for a user, as the console table or the probe showed it.
public struct AcceptedKey: Sendable, Hashable {
    /// The login user.
    public var user: String
    /// The fingerprint as shown: the console table's hex, or `SHA256:…` from a probe.
    public var fingerprint: String
    /// The key type (`ssh-ed25519`).
    public var type: String
    /// The table's comment (for keys installed from IMDS, the key pair's name).
    public var comment: String?
    /// Where this was seen: cloud-init's table, sshd's answer, or both.
    public var seenBy: [KeySighting]
    /// The files and key pairs that are this key.
    public var matches: [KeyMatch]
    /// The key itself, when one of the known keys is it (a table row only names a fingerprint).
    public var publicKey: SSHPublicKey?

    /// An accepted key from its parts.
    public init(user: String, fingerprint: String, type: String, comment: String?, seenBy: [KeySighting], matches: [KeyMatch],
                publicKey: SSHPublicKey?) {
        self.user = user
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.type = type
        self.comment = comment
        self.seenBy = seenBy
        self.matches = matches
    }
}

/// Where the doctor saw that a key is accepted.
public enum KeySighting: String, Sendable, Hashable {
    /// cloud-init's authorized-keys table in the console output.
    case console
    /// The instance's sshd answered PK_OK when the key was offered (`--probe`).
    case probe
}

/// A file or key pair that holds a given public key.
public enum KeyMatch: Sendable, Hashable {
    /// A local key file; `private` when it can log in (holds the private key).
    case file(path: String, holdsPrivateKey: Bool)
    /// An EC2 key pair, in the account given (nil when unknown).
    case keyPair(name: String, account: String?)
}

/// The login user the doctor assumes, with the reason.
public struct LoginUser: Sendable, Hashable {
    /// The user name.
    public var name: String
    /// Why: `--user`, the console table, the client's error text, or the image family.
    public var basis: DoctorText

    /// A login user from its parts.
    public init(name: String, basis: DoctorText) {
        self.name = name
        self.basis = basis
    }
}
