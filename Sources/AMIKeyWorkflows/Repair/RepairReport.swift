import SSHKeys

/// What `amikey repair` did (or, with `--plan`, would do), step by step.
public struct RepairReport: Sendable {
    /// The outcome.
    public enum Status: String, Sendable, Hashable {
        /// The key was added to `authorized_keys`.
        case installed
        /// The key was already there; nothing on the instance changed.
        case alreadyPresent = "already-present"
        /// `--plan`: nothing was done.
        case planned
    }

    /// The instance.
    public var instanceId: String
    /// The method used.
    public var method: RepairRequest.Method
    /// The login user the key was installed for.
    public var user: String
    /// Why that user (`--user`, the console table, the image family).
    public var userBasis: String
    /// The key installed.
    public var publicKey: SSHPublicKey
    /// Where the key came from (`key pair new-key`, a file path).
    public var keySource: String
    /// The outcome.
    public var status: Status
    /// How the result was confirmed from outside (`sshd accepts the key (probe)`), nil when it could not be.
    public var confirmation: String?
    /// The steps in order.
    public var steps: [WorkflowStep]
    /// Things the user should know (a changed public IP, an unconfirmed install).
    public var notes: [String]
    /// The address to log in to afterwards (it changes when a stopped instance starts without an Elastic IP).
    public var address: String?
    /// The region.
    public var region: String

    /// A report.
    public init(instanceId: String, method: RepairRequest.Method, user: String, userBasis: String, publicKey: SSHPublicKey,
                keySource: String, status: Status, confirmation: String? = nil, steps: [WorkflowStep] = [], notes: [String] = [],
                address: String? = nil, region: String) {
        self.instanceId = instanceId
        self.method = method
        self.user = user
        self.userBasis = userBasis
        self.publicKey = publicKey
        self.keySource = keySource
        self.status = status
        self.confirmation = confirmation
        self.steps = steps
        self.notes = notes
        self.address = address
        self.region = region
    }
}
