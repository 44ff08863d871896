import AMIKeyWorkflows
import ArgumentParser

/// `amikey console-keys FILE|-`
struct ConsoleKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console-keys",
        abstract: "Read an EC2 console log: authorized keys per user, host keys, cloud-init version and datasource.",
        discussion: HelpText.reflow("""
            Reads a console log saved from the EC2 console or from
            aws ec2 get-console-output --output text (give - to read standard input) and prints what cloud-init
            wrote there on the instance's first boot: the fingerprints of every user's authorized keys (the keys
            the instance accepts, whatever key pair it was launched with), the SSH host keys to pin, and the
            cloud-init version and datasource. Kernel lines, timestamps, CRLF line ends, several boots and a log
            cut at EC2's 64 KB window are handled; the latest boot's output wins and the report says which boot
            it came from.

            Exit status: 0 evidence found, 1 the log has no cloud-init evidence, 3 the log cannot be read.

            Examples:
              amikey console-keys console.txt
              amikey console-keys - --output json < saved-log.txt
            """))

    @Argument(help: ArgumentHelp("The console log, or - for standard input.", valueName: "FILE|-"))
    var path: String

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = CommandEnvironment.current
        let report = ConsoleKeysWorkflow(path: path).run(environment.context(passphrases: .none))
        switch report.result {
        case .failure(let error):
            environment.output.writeError("amikey: \(path): \(error.reason(for: environment.resolve(path)))\n")
        case .success(let evidence):
            switch output.format {
            case .json:
                environment.output.write(ConsoleKeysRenderer.json(evidence).serialized() + "\n")
                environment.output.writeError(ConsoleKeysRenderer.notes(evidence, source: path))
            case .text:
                environment.output.write(ConsoleKeysRenderer.text(evidence, source: path, style: environment.textStyle(output)))
            }
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
