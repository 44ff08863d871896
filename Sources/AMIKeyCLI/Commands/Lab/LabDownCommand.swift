import AMIKeyWorkflows
import ArgumentParser

/// `amikey lab down`
struct LabDownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down",
        abstract: "Stop the lab in DIR: exactly the server it started, by pid, and with it every instance's sshd.",
        discussion: HelpText.reflow("""
            Sends SIGTERM to the pid in DIR/lab.json after checking that it is this lab's server, and waits until
            it is gone; the server stops every sshd it started and removes lab.json. DIR (keys, logs, images)
            is kept. Nothing running is not an error.

            Examples:
              amikey lab down
              amikey lab down --dir /var/lib/amikey-lab
            """))

    @OptionGroup var lab: LabOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = CommandEnvironment.current
        do {
            let report = try await environment.withLab { context in
                try await lab.launcher(environment, context: context).down(context)
            }
            LabRenderer.render(report, format: output.format, to: environment.output)
        } catch let failure as LabFailure {
            LabRenderer.render(failure, format: output.format, to: environment.output)
            throw ExitCode(failure.exitCode)
        }
    }
}
