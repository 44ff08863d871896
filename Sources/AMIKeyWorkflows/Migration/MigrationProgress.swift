import AWSCore

/// What `amikey migrate` reports while it works, per source instance.
public enum MigrationProgress: Sendable {
    /// A step of the instance's migration finished (or was found finished in its journal).
    case step(String, WorkflowStep)
    /// A poll of a wait (image state, instance state).
    case waiting(String, WaiterProgress)
}
