import AWSCore

/// What `amikey repair` reports while it works, so no wait is silent.
public enum RepairProgress: Sendable {
    /// A step finished (or, on a re-run, was found finished in the journal).
    case step(WorkflowStep)
    /// A poll of a wait (instance state, command status, console output).
    case waiting(WaiterProgress)
}
