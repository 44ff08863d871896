/// One step of `amikey lab demo`: one calm line of narration, the resources it touched, and what a program said.
public struct LabDemoStep: Sendable, Hashable {
    /// Stable id for scripts: `accounts`, `generate-keys`, `register-image`, `import-key-a`, `launch-a`,
    /// `create-image`, `share-image`, `see-shared-image`, `import-key-b`, `launch-b`, `console`, `ssh-new-key`,
    /// `doctor`, `ssh-original-key` (fix 1), `fix2-import-key`, `fix2-relaunch`, `fix2-ssh`, `repair`, `repair-ssh` (fix 3),
    /// `migrate`, `migrate-ssh`, `next`.
    public var id: String
    /// `A`, `B`, or nil for steps on this machine.
    public var account: String?
    /// The narration line.
    public var summary: String
    /// The ids it made or used (`imageId`, `instanceId`, `keyName`, `publicIp`, …), in order.
    public var resources: [(name: String, value: String)]
    /// Output shown under the line: console table rows, ssh's own words.
    public var lines: [String]

    /// A step from its parts.
    public init(id: String, account: String?, summary: String, resources: [(name: String, value: String)] = [], lines: [String] = []) {
        self.id = id
        self.account = account
        self.summary = summary
        self.resources = resources
        self.lines = lines
    }

    /// Equal when every part is.
    public static func == (lhs: LabDemoStep, rhs: LabDemoStep) -> Bool {
        lhs.id == rhs.id && lhs.account == rhs.account && lhs.summary == rhs.summary && lhs.lines == rhs.lines
            && lhs.resources.map(\.name) == rhs.resources.map(\.name) && lhs.resources.map(\.value) == rhs.resources.map(\.value)
    }

    /// Hashes the id, account and summary.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(account)
        hasher.combine(summary)
    }

    /// The value of a resource, if the step has it.
    public func resource(_ name: String) -> String? {
        resources.first { $0.name == name }?.value
    }
}

/// What `amikey lab demo` showed, step by step; the story held (new key refused, original key accepted).
public struct LabDemoReport: Sendable, Hashable {
    /// Every step, in order.
    public var steps: [LabDemoStep]

    /// The step with this id.
    public func step(_ id: String) -> LabDemoStep? {
        steps.first { $0.id == id }
    }
}
