import AMIKeyWorkflows
import ArgumentParser

/// `amikey doctor [INSTANCE_ID] [--key FILE]... [--user U] [--console-output FILE] [--source-profile P] [--probe]`
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Why is my SSH key refused, which keys does the instance accept, and what to do.",
        discussion: HelpText.reflow("""
            Finds out from outside the instance which keys it really accepts, for which login user, and which of
            your key files or key pairs (in either account) those are. An instance launched from an AMI shared by
            another account carries that account's authorized_keys; when the image's cloud-init does not add the
            key pair chosen at launch, "Permission denied (publickey)" or PuTTY's "Server refused our key" follows.
            Online (INSTANCE_ID) it reads, all at once: your identity, the instance, the image, every key pair with
            its public key (also the source account's with --source-profile) and the console output, where
            cloud-init printed the fingerprints of every installed key. --probe then asks the instance's sshd
            itself, through OpenSSH with public keys only, which keys it accepts; the host key is pinned from the
            console, never accepted blindly. Offline (--console-output FILE, no INSTANCE_ID) it does all it can
            without AWS.
            Key files: --key (repeatable), else every key file in ~/.ssh and in the current directory (.pem, .ppk,
            .pub, OpenSSH private keys); only public parts are read.
            Verdicts: ok, launch-key-not-installed, wrong-login-user, local-key-mismatch, no-key-pair,
            no-console-evidence, key-type-unsupported, rsa-sha1-refused, key-installed-but-refused,
            local-key-file-problem, not-reachable, host-key-changed.
            Exit status: 0 ok, 1 a problem was found, 2 usage error, 3 nothing could be done (AWS error, unreadable
            input).
            Examples:
              amikey doctor i-0123456789abcdef0 --key ~/Downloads/old-key.pem
              amikey doctor i-0123456789abcdef0 --source-profile account-a --probe
              amikey doctor --console-output log.txt --key old.ppk \\
                --error "Server refused our key"
              amikey doctor i-0123456789abcdef0 --error-file ssh-v.log --lang ja
            """))

    @Argument(help: ArgumentHelp("The instance (omit for an offline diagnosis with --console-output).", valueName: "INSTANCE_ID"))
    var instanceId: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("A key file you log in with or hold (repeatable; any format).", valueName: "FILE"))
    var keys: [String] = []

    @Option(help: ArgumentHelp("The login user you tried (default: the console table's user, else the image family's).", valueName: "USER"))
    var user: String?

    @Option(name: .customLong("console-output"), help: ArgumentHelp(
        "A saved console log (or - for standard input) instead of GetConsoleOutput.", valueName: "FILE|-"))
    var consoleOutput: String?

    @Option(name: .customLong("source-profile"), help: ArgumentHelp(
        "A profile for the account the image came from: its key pairs are compared too.", valueName: "PROFILE"))
    var sourceProfile: String?

    @Flag(help: "Ask the instance's sshd which keys it accepts (OpenSSH, public keys only, host key pinned from the console).")
    var probe = false

    @Option(help: ArgumentHelp(
        "What your SSH client printed: \"Permission denied (publickey)\", PuTTY's \"Server refused our key\" (any language).",
        valueName: "TEXT"))
    var error: String?

    @Option(name: .customLong("error-file"), help: ArgumentHelp(
        "The same from a file (or - for standard input), such as an ssh -v log or PuTTY's event log.", valueName: "FILE|-"))
    var errorFile: String?

    @Option(name: .customLong("ssh-config"), help: ArgumentHelp(
        "An ssh_config for --probe (ssh -F), for hosts reached through one (the lab writes one).", valueName: "FILE"))
    var sshConfig: String?

    @OptionGroup var aws: AWSOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var language: LanguageOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if instanceId == nil, consoleOutput == nil {
            throw ValidationError("give an INSTANCE_ID, or --console-output FILE for an offline diagnosis")
        }
        if probe, instanceId == nil { throw ValidationError("--probe needs an INSTANCE_ID (it asks that instance's sshd)") }
        if error != nil, errorFile != nil { throw ValidationError("give --error or --error-file, not both") }
        if consoleOutput == "-", errorFile == "-" { throw ValidationError("only one of --console-output and --error-file can read standard input") }
    }

    func run() async throws {
        let environment = CommandEnvironment.current
        let lang = language.resolved(environment: environment.variables)
        var request = DoctorRequest(
            instanceId: instanceId, keyPaths: keys, user: user, consoleOutputPath: consoleOutput, sourceProfile: sourceProfile,
            probe: probe, errorText: error, sshConfig: sshConfig.map(environment.resolve), amikeyOptions: amikeyOptions)
        do {
            if let errorFile { request.errorText = try readErrorFile(errorFile, environment) }
            let passphrases = try passphrase.provider(environment)
            let diagnosis = instanceId == nil
                ? try await DoctorWorkflow().run(request, context: environment.context(passphrases: passphrases))
                : try await environment.withAWS(aws, passphrases: passphrases) { context in
                    try await DoctorWorkflow().run(request, context: context)
                }
            switch output.format {
            case .json: environment.output.write(DoctorRenderer.json(diagnosis, language: lang).serialized() + "\n")
            case .text: environment.output.write(DoctorRenderer.text(diagnosis, language: lang, style: environment.textStyle(output)))
            }
            if diagnosis.exitCode != 0 { throw ExitCode(diagnosis.exitCode) }
        } catch let failure as DoctorFailure {
            AWSFailureRenderer.render(failure.failure, format: output.format, to: environment.output)
            throw ExitCode(failure.exitCode)
        }
    }

    /// The global options to repeat in the commands the report suggests.
    private var amikeyOptions: [String] {
        var options: [String] = []
        if let profile = aws.profile { options += ["--profile", profile] }
        if let region = aws.region { options += ["--region", region] }
        if let endpoint = aws.endpointURL { options += ["--endpoint-url", endpoint] }
        return options
    }

    private func readErrorFile(_ path: String, _ environment: CommandEnvironment) throws(DoctorFailure) -> String {
        if path == "-" { return String(decoding: environment.standardInput(), as: UTF8.self) }
        do {
            return String(decoding: try environment.fileSystem.read(environment.resolve(path)), as: UTF8.self)
        } catch {
            throw .unreadableInput(code: error.code, message: "cannot read \(path): \(error.reason(for: environment.resolve(path)))")
        }
    }
}
