import AMIKeyWorkflows
import ArgumentParser

/// `amikey repair INSTANCE_ID (--key-pair NAME | --key FILE) [--user U] --method user-data|ssm|instance-connect [--plan]`
struct RepairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Install a key on an existing instance for its login user, keeping every key it already has.",
        discussion: HelpText.reflow("""
            For an instance that refuses the key you want to use (amikey doctor says
            launch-key-not-installed), this adds that public key to the login user's
            ~/.ssh/authorized_keys from outside, without removing anything. Only the public key is used;
            a private key file given with --key never leaves this machine. The login user is --user,
            else the one cloud-init's table in the console output names, else the image family's
            default; when none of these is certain, --user is required (a wrong user would be created).

            Methods:
              user-data         AWS's documented way, for any Linux image with cloud-init.
                                Stops the instance, sets user data whose cloud-config adds
                                the key on the next boot ([users-groups, always] and
                                [ssh-authkey-fingerprints, always]), starts it, confirms
                                (SSH probe, else the console table), stops it, restores the
                                original user data byte for byte and starts it again.
                                Downtime: two stops and starts; without an Elastic IP the
                                public IP changes. The original user data is saved first
                                in a journal (~/.amikey/repair, or --journal-dir): if the
                                run is interrupted, run the same command again and it
                                finishes and puts the original user data back.
              ssm               SSM Run Command appends the key if absent (owner, 0700 and
                                0600 set). Needs the SSM agent and an instance profile
                                with AmazonSSMManagedInstanceCore. No downtime.
              instance-connect  Pushes a one-time key with EC2 Instance Connect (valid 60
                                seconds), logs in with OpenSSH and appends the key the
                                same way. Needs the ec2-instance-connect package (Amazon
                                Linux 2/2023, Ubuntu 20.04+) and SSH access. No downtime.

            The instance's host key is pinned from its console output (else ~/.ssh/known_hosts), never
            accepted blindly. A key already there is success (already-present). --plan shows the steps
            and changes nothing. Progress (every step and every poll of a wait) goes to standard error.
            Exit status: 0 installed, already present or planned; 2 usage error; 3 nothing could be done
            (no such instance or key, the method cannot reach the instance, AWS refused); the message
            says what to use instead.

            Examples:
              amikey repair i-1a2b3c4d --key-pair new-key --method user-data --plan
              amikey repair i-1a2b3c4d --key new-key.pub --user ubuntu --method ssm
              amikey repair i-1a2b3c4d --key new-key.ppk --method instance-connect
            """))

    @Argument(help: ArgumentHelp("The instance to install the key on.", valueName: "INSTANCE_ID"))
    var instanceId: String

    @Option(name: .customLong("key-pair"), help: ArgumentHelp(
        "A key pair in this account and Region whose public key to install (e.g. the one the instance was launched with).",
        valueName: "NAME"))
    var keyPair: String?

    @Option(name: .customLong("key"), help: ArgumentHelp(
        "A key file (.pub, .pem, .ppk, OpenSSH private) whose public key to install.", valueName: "FILE"))
    var keyFile: String?

    @Option(help: ArgumentHelp("The login user (default: from the console's table or the image).", valueName: "USER"))
    var user: String?

    @Option(help: ArgumentHelp("user-data, ssm or instance-connect (see above).", valueName: "METHOD"))
    var method: String

    @Flag(help: "Show the steps and change nothing.")
    var plan = false

    @Option(name: .customLong("ssh-config"), help: ArgumentHelp(
        "An OpenSSH client config for the SSH probe and instance-connect's login (ssh -F), e.g. with a ProxyJump.",
        valueName: "FILE"))
    var sshConfig: String?

    @Option(name: .customLong("journal-dir"), help: ArgumentHelp(
        "Where the user-data method keeps its journal (default ~/.amikey/repair).", valueName: "DIR"))
    var journalDirectory: String?

    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var aws: AWSOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard instanceId.hasPrefix("i-"), instanceId.count > 2 else {
            throw ValidationError("INSTANCE_ID looks like i-0123456789abcdef0, not \"\(instanceId)\"")
        }
        switch (keyPair, keyFile) {
        case (nil, nil): throw ValidationError("say which key to install: --key-pair NAME or --key FILE")
        case (.some, .some): throw ValidationError("give either --key-pair or --key, not both")
        default: break
        }
        guard RepairRequest.Method(rawValue: method) != nil else {
            throw ValidationError("--method is user-data, ssm or instance-connect, not \"\(method)\"")
        }
        if let user, user.isEmpty || !user.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            throw ValidationError("--user takes a login user name such as ec2-user or ubuntu, not \"\(user)\"")
        }
    }

    func run() async throws {
        let environment = CommandEnvironment.current
        let key: RepairRequest.KeySource = keyPair.map { .keyPair($0) } ?? .file(keyFile ?? "")
        let request = RepairRequest(
            instanceId: instanceId, key: key, user: user, method: RepairRequest.Method(rawValue: method) ?? .userData,
            planOnly: plan, sshConfig: sshConfig, journalDirectory: journalDirectory)
        let sink = environment.output
        do {
            let passphrases = try passphrase.provider(environment)
            let report = try await environment.withAWS(aws, passphrases: passphrases) { context in
                try await RepairWorkflow().run(request, context: context) { sink.writeError(RepairRenderer.progress($0)) }
            }
            switch output.format {
            case .json: sink.write(RepairRenderer.json(report).serialized() + "\n")
            case .text: sink.write(RepairRenderer.text(report, style: environment.textStyle(output)))
            }
        } catch let failure as AWSFailure {
            AWSFailureRenderer.render(failure, format: output.format, to: sink)
            throw ExitCode(failure.exitCode)
        }
    }
}
