/// What `amikey repair` is asked to do: install one public key for one login user on a running instance, keeping
/// every key the instance already accepts.
public struct RepairRequest: Sendable, Hashable {
    /// How the key reaches the instance.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// AWS's documented "lost key pair" procedure: stop, user data with a cloud-config, start, then restore.
        case userData = "user-data"
        /// SSM Run Command (`AWS-RunShellScript`) appends the key; needs the SSM agent and an instance profile.
        case ssm
        /// EC2 Instance Connect pushes a temporary key for 60 seconds; OpenSSH logs in with it and appends the key.
        case instanceConnect = "instance-connect"
    }

    /// Where the public key to install comes from.
    public enum KeySource: Sendable, Hashable {
        /// A key pair in this account and region (DescribeKeyPairs IncludePublicKey).
        case keyPair(String)
        /// Any key file SSHKeys reads; only its public part is used.
        case file(String)
    }

    /// The instance to repair.
    public var instanceId: String
    /// The key to install.
    public var key: KeySource
    /// The login user; nil: the console table's user, else the image family's default.
    public var user: String?
    /// How.
    public var method: Method
    /// Only say what would be done.
    public var planOnly: Bool
    /// An OpenSSH client config for the probe and for instance-connect's login (`ssh -F`), e.g. a bastion's.
    public var sshConfig: String?
    /// Where the user-data method keeps its journal; nil: `~/.amikey/repair`.
    public var journalDirectory: String?

    /// A request.
    public init(instanceId: String, key: KeySource, user: String? = nil, method: Method, planOnly: Bool = false,
                sshConfig: String? = nil, journalDirectory: String? = nil) {
        self.instanceId = instanceId
        self.key = key
        self.user = user
        self.method = method
        self.planOnly = planOnly
        self.sshConfig = sshConfig
        self.journalDirectory = journalDirectory
    }
}
