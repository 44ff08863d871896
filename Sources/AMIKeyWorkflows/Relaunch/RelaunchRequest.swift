import Foundation

/// What `amikey relaunch` was asked: which instance to replace, with which key pair, and whether only to plan.
public struct RelaunchRequest: Sendable, Hashable {
    /// The instance whose settings are copied (never stopped, changed or terminated).
    public var instanceId: String
    /// The key pair to launch with; it must already exist in the account and region.
    public var keyName: String
    /// Only describe what would be launched.
    public var planOnly: Bool
    /// The RunInstances client token: fresh for each run unless given, so a re-run with the same token finds
    /// the instance the first run launched instead of launching another (ec2-api-idempotency.html).
    public var clientToken: String

    /// Creates a request; `clientToken` defaults to a fresh one.
    public init(
        instanceId: String, keyName: String, planOnly: Bool = false,
        clientToken: String = "amikey-relaunch-" + UUID().uuidString.lowercased()
    ) {
        self.instanceId = instanceId
        self.keyName = keyName
        self.planOnly = planOnly
        self.clientToken = clientToken
    }
}

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
