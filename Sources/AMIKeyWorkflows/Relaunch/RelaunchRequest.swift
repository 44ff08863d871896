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
