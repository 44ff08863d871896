import AMIKeyWorkflows
import ArgumentParser

/// `amikey lab status`
struct LabStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the lab in DIR: its pid, endpoint, whether it answers, and its instances.",
        discussion: HelpText.reflow("""
            Reads DIR/lab.json and DIR/state.json and asks the endpoint whether it answers. Exit status 3 when
            no lab runs in DIR.

            Examples:
              amikey lab status
              amikey lab status --dir /var/lib/amikey-lab --output json
            """))

    @OptionGroup var lab: LabOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = CommandEnvironment.current
        do {
            let report = try await environment.withLab { context in
                try await lab.launcher(environment, context: context).status(context)
            }
            LabRenderer.render(report, format: output.format, to: environment.output)
        } catch let failure as LabFailure {
            LabRenderer.render(failure, format: output.format, to: environment.output)
            throw ExitCode(failure.exitCode)
        }
    }
}
