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

    /// A request.
    public init(sourceProfile: String, targetProfile: String, instanceIds: [String], planOnly: Bool = false, probe: Bool = false,
                instanceType: String? = nil, subnetId: String? = nil, securityGroupIds: [String] = [], noReboot: Bool = false,
                sshConfig: String? = nil, journalDirectory: String? = nil, concurrency: Int = 4) {
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
    }
}
