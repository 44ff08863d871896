/// What `amikey relaunch` did or would do.
public struct RelaunchReport: Sendable, Hashable {
    /// `launched`, or `planned` with `--plan`.
    public enum Status: String, Sendable, Hashable {
        /// The replacement was launched and is running.
        case launched
        /// Nothing was launched; `plan` is what would be.
        case planned
    }

    /// The plan, launched or not.
    public var plan: RelaunchPlan
    /// Launched or planned.
    public var status: Status
    /// The replacement instance; nil for a plan.
    public var instance: Replacement?
    /// Source tags not carried over (`aws:` ones).
    public var droppedTags: [String]
    /// The account the key pair was found in.
    public var account: String?
    /// The region everything happened in.
    public var region: String

    /// The replacement as the report shows it.
    public struct Replacement: Sendable, Hashable {
        /// Its id.
        public var instanceId: String
        /// Its state after the wait (`running`).
        public var state: String
        /// Its public IP address, when it has one.
        public var publicIpAddress: String?
        /// Its public DNS name, when it has one.
        public var publicDnsName: String?

        /// Creates the summary.
        public init(instanceId: String, state: String, publicIpAddress: String?, publicDnsName: String?) {
            self.instanceId = instanceId
            self.state = state
            self.publicIpAddress = publicIpAddress
            self.publicDnsName = publicDnsName
        }
    }

    /// Creates a report.
    public init(plan: RelaunchPlan, status: Status, instance: Replacement?, droppedTags: [String], account: String?, region: String) {
        self.plan = plan
        self.status = status
        self.instance = instance
        self.droppedTags = droppedTags
        self.account = account
        self.region = region
    }
}
