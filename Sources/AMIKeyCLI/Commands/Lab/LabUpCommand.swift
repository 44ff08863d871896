import AMIKeyWorkflows
import ArgumentParser

/// `amikey lab up`
struct LabUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Start the lab (detached) and print the environment that points AWS tools at it.",
        discussion: HelpText.reflow("""
            Starts python3 -m amikey_lab serve --dir DIR in its own session, with its output in DIR/lab.log, and
            waits until DIR/lab.json exists and the endpoint answers. A lab already serving in DIR is reused.
            Standard output is only shell lines: eval it to use the lab from this shell (account A).
            Exit status 3, with the reason and the end of lab.log, when the lab cannot start.

            Examples:
              eval "$(amikey lab up)"
              amikey lab up --dir /var/lib/amikey-lab --output json
              aws ec2 describe-images --owners self        # after the eval, against the lab
            """))

    @OptionGroup var lab: LabOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = CommandEnvironment.current
        do {
            let report = try await environment.withLab { context in
                try await lab.launcher(environment, context: context).up(context)
            }
            LabRenderer.render(report, format: output.format, to: environment.output)
        } catch let failure as LabFailure {
            LabRenderer.render(failure, format: output.format, to: environment.output)
            throw ExitCode(failure.exitCode)
        }
    }
}
