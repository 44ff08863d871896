/// The state an acceptor moves a waiter to when its matcher matches (the `state` field of waiters-2.json).
public enum WaiterState: String, Sendable, Hashable, CaseIterable {
    /// Stop waiting: the resource is in the wanted state.
    case success
    /// Stop waiting with an error: the resource can no longer reach the wanted state.
    case failure
    /// Poll again after the delay.
    case retry
}
