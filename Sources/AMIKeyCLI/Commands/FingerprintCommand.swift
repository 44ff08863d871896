import AMIKeyWorkflows
import ArgumentParser

/// `amikey fingerprint PATH...`
struct FingerprintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Show every fingerprint of every key in the files and directories given.",
        discussion: HelpText.reflow("""
            Reads OpenSSH public and private keys, authorized_keys files, PEM (PKCS#1, PKCS#8, SEC1, SPKI),
            PuTTY .ppk (v2 and v3) and RFC 4716 files, whatever their names. For each key it prints what
            ssh-keygen -l, PuTTYgen, the EC2 console (imported or AWS-created key pair) and cloud-init's
            console table would show, so you can compare with whatever you are looking at.

            Encrypted keys: the public key of OpenSSH and PuTTY files is read without the passphrase.
            Encrypted PEM files need it (give --passphrase-file or AMIKEY_PASSPHRASE, or you are asked).

            Examples:
              amikey fingerprint ~/.ssh
              amikey fingerprint old-server.ppk --output json
            """))

    @Argument(help: ArgumentHelp("Key files or directories (directories are searched).", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = CommandEnvironment.current
        let context = environment.context(passphrases: try passphrase.provider(environment))
        let report = FingerprintWorkflow(paths: paths).run(context)
        switch output.format {
        case .json:
            environment.output.write(FingerprintRenderer.json(report).serialized() + "\n")
        case .text:
            let rendered = FingerprintRenderer.text(report, style: environment.textStyle(output))
            environment.output.write(rendered.out)
            environment.output.writeError(rendered.err)
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
