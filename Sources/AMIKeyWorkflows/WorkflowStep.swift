/// One step of a workflow that changes things (repair, migrate), as the user sees it.
public struct WorkflowStep: Sendable, Hashable {
    /// Whether the step ran.
    public enum State: String, Sendable, Hashable {
        /// It ran in this run.
        case done
        /// An earlier, interrupted run had done it (read from the journal).
        case resumed
        /// It would run (`--plan`).
        case planned
        /// It was not needed.
        case skipped
    }

    /// Stable id (`stop`, `set-user-data`, …).
    public var id: String
    /// What it does, with the ids and values involved.
    public var summary: String
    /// Whether it ran.
    public var state: State

    /// A step.
    public init(id: String, summary: String, state: State) {
        self.id = id
        self.summary = summary
        self.state = state
    }
}
