import AMIKeyWorkflows
import ArgumentParser

/// `amikey convert PATH --to FORMAT [-o OUT]`
struct ConvertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a key file to another format, keeping the key.",
        discussion: HelpText.reflow("""
            openssh-public  the .pub line (to import as an EC2 key pair or add to authorized_keys)
            openssh         OpenSSH private key (what ssh -i reads)
            pem             PEM private key (what EC2 hands out; PKCS#8 for Ed25519)
            ppk             PuTTY private key (--ppk-version 3 by default; 2 for PuTTY before 0.75)

            Private keys are written only to a file (-o), created with mode 0600, never over an existing file
            unless --force. An encrypted input stays encrypted with the same passphrase unless you pass
            --new-passphrase-file or --no-passphrase. amikey says what the target format cannot hold.

            Examples:
              amikey convert old-server.ppk --to openssh -o ~/.ssh/old-server
              amikey convert ~/.ssh/id_ed25519 --to ppk --ppk-version 2 -o id_ed25519.ppk
              amikey convert old-server.pem --to openssh-public
            """))

    @Argument(help: ArgumentHelp("The key file to convert.", valueName: "PATH"))
    var path: String

    @Option(help: "Target format: openssh-public, openssh, pem or ppk.")
    var to: ConvertWorkflow.Target

    @Option(name: .customLong("ppk-version"), help: "PPK version for --to ppk: 3 (PuTTY 0.75+) or 2.")
    var ppkVersion: Int = 3

    @Option(name: .short, help: ArgumentHelp("Output file (required for private keys).", valueName: "OUT"))
    var o: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Flag(name: .customLong("no-passphrase"), help: "Write the private key unencrypted even if the input was encrypted.")
    var noPassphrase = false

    @Option(name: .customLong("new-passphrase-file"),
            help: ArgumentHelp("Encrypt the output with the passphrase on the first line of FILE.", valueName: "FILE"))
    var newPassphraseFile: String?

    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if noPassphrase, newPassphraseFile != nil { throw ValidationError("--no-passphrase and --new-passphrase-file contradict each other") }
        if to != .ppk, ppkVersion != 3 { throw ValidationError("--ppk-version only applies to --to ppk") }
        if ![2, 3].contains(ppkVersion) { throw ValidationError("--ppk-version must be 2 or 3") }
    }

    func run() async throws {
        let environment = CommandEnvironment.current
        let context = environment.context(passphrases: try passphrase.provider(environment))
        var newPassphrase: [UInt8]?
        if let newPassphraseFile {
            do {
                newPassphrase = PassphraseOptions.firstLine(try environment.fileSystem.read(environment.resolve(newPassphraseFile)))
            } catch { throw ValidationError("cannot read --new-passphrase-file: \(error)") }
        }
        let workflow = ConvertWorkflow(path: path, target: to, output: o, ppkVersion: ppkVersion, force: force,
                                       removePassphrase: noPassphrase, newPassphrase: newPassphrase)
        do {
            let result = try workflow.run(context)
            ConvertRenderer.render(result, format: output.format, to: environment.output)
        } catch {
            ConvertRenderer.render(error, source: path, format: output.format, to: environment.output)
            throw ExitCode(error.exitCode)
        }
    }
}

extension ConvertWorkflow.Target: ExpressibleByArgument {}
