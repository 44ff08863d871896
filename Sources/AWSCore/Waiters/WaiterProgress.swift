/// A report after each poll of a waiter, for progress output ("waiting for ami-… : pending (attempt 3/40, 30 s)").
public struct WaiterProgress: Sendable, Hashable {
    /// The waiter's name (`ImageAvailable`).
    public let waiter: String
    /// The 1-based number of the poll just made.
    public let attempt: Int
    /// The waiter's attempt budget.
    public let maxAttempts: Int
    /// Time since the waiter started, measured on the waiter's clock.
    public let elapsed: Duration
    /// What the poll saw, e.g. `Snapshots[].State = pending (progress 42%)` or `error InvalidInstanceID.NotFound`.
    public let observedState: String
    /// The state of the acceptor that matched this poll; `nil` when none did.
    public let matchedState: WaiterState?

    /// A progress report.
    public init(
        waiter: String, attempt: Int, maxAttempts: Int, elapsed: Duration, observedState: String,
        matchedState: WaiterState?
    ) {
        self.waiter = waiter
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.elapsed = elapsed
        self.observedState = observedState
        self.matchedState = matchedState
    }
}
