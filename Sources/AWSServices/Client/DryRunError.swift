/// A dry run that was not one: the operation lacked `DryRun=true`, or the service carried it out anyway.
public struct DryRunError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        /// The request did not carry `DryRun=true`, so it was not sent (it would have run for real).
        case flagNotSet
        /// The service answered 2xx: it ignored the flag and performed the call.
        case performed
    }

    /// The API action.
    public let action: String
    /// What went wrong.
    public let reason: Reason

    /// Creates the error.
    public init(action: String, reason: Reason) {
        self.action = action
        self.reason = reason
    }

    /// One line for users and logs.
    public var description: String {
        switch reason {
        case .flagNotSet: "\(action) was not sent as a dry run: its request lacks DryRun=true"
        case .performed: "\(action) was performed although DryRun=true was set: the service ignored the flag"
        }
    }
}
