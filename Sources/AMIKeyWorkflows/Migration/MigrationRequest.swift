/// What `amikey migrate` is asked to do: move instances from the source account to the target account by sharing an
/// image, with the key the instances accept imported under the source key pair's name.
public struct MigrationRequest: Sendable, Hashable {
    /// The source account's profile (A).
    public var sourceProfile: String
    /// The target account's profile (B).
    public var targetProfile: String
    /// The instances to move, in A.
    public var instanceIds: [String]
    /// Only say what would be done and what is already done.
    public var planOnly: Bool
    /// Also log in from outside with an SSH probe (public key only) after the launch.
    public var probe: Bool
    /// The target's instance type; nil: the source's.
    public var instanceType: String?
    /// The target's subnet; nil: B's default subnet.
    public var subnetId: String?
    /// The target's security groups; empty: B's default group.
    public var securityGroupIds: [String]
    /// CreateImage without rebooting the source (the file systems may be inconsistent in the image).
    public var noReboot: Bool
    /// An OpenSSH client config for the probe (`ssh -F`).
    public var sshConfig: String?
    /// Where the journals are kept; nil: `~/.amikey/migrate`.
    public var journalDirectory: String?
    /// How many instances move at once.
    public var concurrency: Int
    /// The region to launch in; nil: the source's. Another region means B copies the image there.
    public var targetRegion: String?
    /// B copies the shared image (B owns its copy; needed for another region or re-encryption).
    public var copyImage: Bool
    /// Ask AWS (DryRun) whether each call on resources that exist is permitted, and change nothing.
    public var dryRun: Bool
    /// The customer managed KMS key B's copy is encrypted with.
    public var targetKMSKey: String?
    /// A customer managed KMS key of A: an image encrypted with another key (the default `aws/ebs` cannot be shared)
    /// is first copied in A re-encrypted with it, and that copy is shared.
    public var sourceKMSKey: String?
    /// A private key that logs in to the source instances: their live `authorized_keys` is read (public keys only).
    public var sourceKey: String?

    /// Whether B copies the image: asked for, or implied by another region or a target KMS key.
    public var copies: Bool { copyImage || targetRegion != nil || targetKMSKey != nil }

    /// A request.
    public init(sourceProfile: String, targetProfile: String, instanceIds: [String], planOnly: Bool = false, probe: Bool = false,
                instanceType: String? = nil, subnetId: String? = nil, securityGroupIds: [String] = [], noReboot: Bool = false,
                sshConfig: String? = nil, journalDirectory: String? = nil, concurrency: Int = 4, targetRegion: String? = nil,
                copyImage: Bool = false, dryRun: Bool = false, targetKMSKey: String? = nil, sourceKey: String? = nil,
                sourceKMSKey: String? = nil) {
        self.sourceProfile = sourceProfile
        self.targetProfile = targetProfile
        self.instanceIds = instanceIds
        self.planOnly = planOnly
        self.probe = probe
        self.instanceType = instanceType
        self.subnetId = subnetId
        self.securityGroupIds = securityGroupIds
        self.noReboot = noReboot
        self.sshConfig = sshConfig
        self.journalDirectory = journalDirectory
        self.concurrency = max(1, concurrency)
        self.targetRegion = targetRegion
        self.copyImage = copyImage
        self.dryRun = dryRun
        self.targetKMSKey = targetKMSKey
        self.sourceKey = sourceKey
        self.sourceKMSKey = sourceKMSKey
    }
}
