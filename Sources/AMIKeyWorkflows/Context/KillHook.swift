import Foundation

/// The hook that proves the journals: with `AMIKEY_TEST_KILL_AFTER=<step>` in the environment, a journaled workflow
/// kills its own process with SIGKILL right after recording that step — exactly what an outside `kill -9` does — so
/// tests can interrupt a run at every step boundary and check that running the same command again finishes the job.
enum KillHook {
    /// The variable's name.
    static let variable = "AMIKEY_TEST_KILL_AFTER"

    /// Ends the process if the context's environment asks for it after `step`.
    static func killIfAsked(after step: String, _ context: WorkflowContext) {
        if context.environment[variable] == step { kill(getpid(), SIGKILL) }
    }
}
