/// Why a lab command could not do its job, worded for the user with the next step: exit status 3 (DESIGN.md:
/// nothing could be done), or 1 when the demo ran but ssh did not behave as the seed's story says.
public struct LabFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable code for scripts: `no-lab-source`, `bad-lab-file`, `not-running`, `start-failed`, `stop-failed`,
    /// `no-runner`, `demo-failed`, `story-not-reproduced`.
    public var code: String
    /// What happened and what to do.
    public var message: String

    /// A failure from its parts.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The process exit status.
    public var exitCode: Int32 { code == "story-not-reproduced" ? 1 : 3 }
}
