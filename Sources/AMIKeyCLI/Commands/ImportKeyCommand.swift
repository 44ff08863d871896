import AMIKeyWorkflows
import AWSServices
import ArgumentParser
import SSHKeys

/// `amikey import-key --name N (--from FILE | --from-authorized-keys FILE [--line K | --all] |
/// --from-host USER@HOST [-i KEY] [--port P] [--host-key FP | --console-output FILE] [--line K | --all] |
/// --from-key-pair N --source-profile P)`
struct ImportKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-key",
        abstract: "Import a public key as an EC2 key pair: checked first, never overwriting, only the public key sent.",
        discussion: HelpText.reflow("""
            Makes a key pair in the account and Region of --profile/--region from a key you already have, so that
            instances can be launched (amikey relaunch) with the key that really logs in. Exactly one source:
              --from FILE                  any key file: .pub .pem .ppk, OpenSSH private
              --from-authorized-keys FILE  one line (--line K) or each line (--all)
              --from-host USER@HOST        ~/.ssh/authorized_keys of a running instance,
                                           read with ssh (then --line K or --all)
              --from-key-pair NAME         a key pair in another account (--source-profile)

            Only the public key line is ever sent, never a private key; authorized_keys options (command=,
            from=, ...) are left behind. --line K counts lines as "amikey fingerprint FILE" shows them (FILE:K).
            With --all each key pair is named NAME-K after the line K its key is on (NAME-1, NAME-3, ...).

            --from-host logs in with OpenSSH (ssh -F /dev/null, or --ssh-config FILE) and runs
            "cat ~/.ssh/authorized_keys": the keys that really log in to an instance launched from a shared image,
            whoever made them. -i KEY is the private key that logs in there; amikey only hands its path to ssh and
            never reads it. The host key is always checked, never accepted blindly, against one of:
              --host-key FP          a fingerprint (SHA256:... or MD5) from the console
                                     output; of the keys ssh-keyscan gets, only one
                                     with that fingerprint is trusted
              --console-output FILE  the console output saved (- for standard input);
                                     its host-key block is trusted
              (neither)              your own known_hosts, as plain ssh checks it
            The console output: aws ec2 get-console-output --instance-id ID --output text

            EC2 takes RSA keys of 1024 to 4096 bits and Ed25519. ECDSA, DSA, security keys (sk-*) and
            certificates are refused before AWS is called, with what to do instead (an ECDSA key can stay in
            cloud-config user data: amikey repair --method user-data). RSA below 2048 bits, and RSA sizes EC2
            Instance Connect cannot push (it takes only 2048 and 4096), are imported with a warning.

            A key pair that already has this name and this key is success (already-present: nothing changed);
            one that has another key is an error that shows both fingerprints and a free name to use. Nothing is
            ever overwritten. --tag applies only to a key pair this command creates. --dry-run asks EC2 (DryRun)
            whether the import would be permitted, and imports nothing (would-import).

            Exit status: 0 every key pair is there, 1 some failed, 2 usage error, 3 nothing could be done.

            Examples:
              amikey import-key --name old-key --from ~/Downloads/old-key.pem
              amikey import-key --name old-key --from old.ppk --tag team=web --dry-run
              amikey import-key --name admins --from-authorized-keys keys.txt --all
              # seed step 1: the keys that log in to a running instance, into this account
              aws ec2 get-console-output --instance-id i-0abc --output text > console.txt
              amikey import-key --name old-key --from-host ec2-user@54.12.0.7 \\
                -i ~/.ssh/old-key.pem --console-output console.txt --all
              amikey import-key --name old-key --from-host ec2-user@54.12.0.7 \\
                --host-key SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk \\
                -i old-key.pem --line 2
              amikey import-key --name old-key --profile account-b \\
                --from-key-pair old-key --source-profile account-a
            """))

    @Option(help: ArgumentHelp("The key pair's name (with --all, the stem: NAME-K for the key on line K).", valueName: "NAME"))
    var name: String

    @Option(help: ArgumentHelp("A key file of any format, public or private (only its public key is used).", valueName: "FILE"))
    var from: String?

    @Option(name: .customLong("from-authorized-keys"), help: ArgumentHelp(
        "An authorized_keys file; with several keys give --line K or --all.", valueName: "FILE"))
    var fromAuthorizedKeys: String?

    @Option(name: .customLong("from-host"), help: ArgumentHelp(
        "A running instance whose ~/.ssh/authorized_keys is read with ssh; with several keys give --line K or --all.",
        valueName: "USER@HOST"))
    var fromHost: String?

    @Option(name: .customShort("i"), help: ArgumentHelp(
        "With --from-host: the private key that logs in (only its path is given to ssh).", valueName: "KEY"))
    var identityFile: String?

    @Option(help: ArgumentHelp("With --from-host: the SSH port (default 22, or the ssh_config's).", valueName: "P"))
    var port: Int?

    @Option(name: .customLong("host-key"), help: ArgumentHelp(
        "With --from-host: the host key's fingerprint, SHA256:... or MD5, from the console output.", valueName: "FP"))
    var hostKey: String?

    @Option(name: .customLong("console-output"), help: ArgumentHelp(
        "With --from-host: the instance's saved console output (- for standard input); its host keys are trusted.",
        valueName: "FILE"))
    var consoleOutput: String?

    @Option(name: .customLong("ssh-config"), help: ArgumentHelp(
        "With --from-host: an ssh_config for ssh -F (the lab writes one); by default none is read.", valueName: "FILE"))
    var sshConfig: String?

    @Option(help: ArgumentHelp("With --from-authorized-keys or --from-host: the key on line K.", valueName: "K"))
    var line: Int?

    @Flag(help: "With --from-authorized-keys or --from-host: one key pair per key, named NAME-K after its line K.")
    var all = false

    @Option(name: .customLong("from-key-pair"), help: ArgumentHelp(
        "A key pair in the account of --source-profile whose public key is imported.", valueName: "NAME"))
    var fromKeyPair: String?

    @Option(name: .customLong("source-profile"), help: ArgumentHelp(
        "With --from-key-pair: the profile of the account that holds it.", valueName: "PROFILE"))
    var sourceProfile: String?

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag for the new key pair (repeatable).", valueName: "KEY=VALUE"))
    var tags: [String] = []

    @Flag(name: .customLong("dry-run"), help: "Check the permission with EC2's DryRun; import nothing.")
    var dryRun = false

    @OptionGroup var aws: AWSOptions
    @OptionGroup var passphrase: PassphraseOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let sources = [from, fromAuthorizedKeys, fromHost, fromKeyPair].compactMap { $0 }
        guard sources.count == 1 else {
            throw ValidationError(
                "give exactly one source: --from FILE, --from-authorized-keys FILE, --from-host USER@HOST or --from-key-pair NAME")
        }
        if name.isEmpty || name.count > 255 { throw ValidationError("--name must be 1 to 255 characters") }
        if (line != nil || all) && fromAuthorizedKeys == nil && fromHost == nil {
            throw ValidationError("--line and --all go with --from-authorized-keys or --from-host")
        }
        try validateHost()
        if line != nil && all { throw ValidationError("give --line K or --all, not both") }
        if let line, line < 1 { throw ValidationError("--line counts from 1") }
        if fromKeyPair != nil && sourceProfile == nil {
            throw ValidationError("--from-key-pair needs --source-profile P, the profile of the account that holds it")
        }
        if sourceProfile != nil && fromKeyPair == nil { throw ValidationError("--source-profile goes with --from-key-pair") }
        _ = try parsedTags()
    }

    func run() async throws {
        let environment = CommandEnvironment.current
        let request = ImportKeyRequest(name: name, source: source, tags: try parsedTags(), dryRun: dryRun)
        do {
            let passphrases = try passphrase.provider(environment)
            let report = try await environment.withAWS(aws, passphrases: passphrases) { context in
                try await ImportKeyWorkflow().run(request, context: context)
            }
            ImportKeyRenderer.render(report, format: output.format, to: environment.output)
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        } catch let failure as ImportKeyFailure {
            AWSFailureRenderer.render(failure.failure, format: output.format, to: environment.output)
            throw ExitCode(failure.exitCode)
        }
    }

    /// The --from-host options: each goes only with it, and at most one way to check the host key.
    private func validateHost() throws {
        let hostOptions: [(String, Bool)] = [("-i", identityFile != nil), ("--port", port != nil), ("--host-key", hostKey != nil),
                                             ("--console-output", consoleOutput != nil), ("--ssh-config", sshConfig != nil)]
        guard let fromHost else {
            if let option = hostOptions.first(where: \.1) { throw ValidationError("\(option.0) goes with --from-host USER@HOST") }
            return
        }
        guard destination(fromHost) != nil else {
            throw ValidationError("--from-host takes USER@HOST (the login user, such as ec2-user or ubuntu, and the address), not '\(fromHost)'")
        }
        if hostKey != nil && consoleOutput != nil { throw ValidationError("give --host-key FP or --console-output FILE, not both") }
        if let port, !(1...65535).contains(port) { throw ValidationError("--port takes 1 to 65535") }
        if let hostKey, (try? FingerprintQuery(hostKey)) == nil {
            throw ValidationError("--host-key takes a fingerprint such as SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk or MD5:4f:..., not '\(hostKey)'")
        }
    }

    /// `USER@HOST` split at the last `@` (a user name may hold one, a host cannot); nil when either part is empty.
    private func destination(_ text: String) -> (user: String, host: String)? {
        guard let at = text.lastIndex(of: "@") else { return nil }
        let user = String(text[..<at]), host = String(text[text.index(after: at)...])
        return user.isEmpty || host.isEmpty ? nil : (user, host)
    }

    private var source: ImportKeyRequest.Source {
        if let from { return .file(from) }
        let selection: ImportKeyRequest.Selection = if all { .all } else if let line { .line(line) } else { .only }
        if let fromAuthorizedKeys { return .authorizedKeys(fromAuthorizedKeys, selection) }
        if let fromHost, let (user, host) = destination(fromHost) {
            let check: ImportKeyHostSource.HostKeyCheck =
                if let hostKey { .fingerprint(hostKey) } else if let consoleOutput { .consoleOutput(consoleOutput) } else { .knownHosts }
            return .host(ImportKeyHostSource(user: user, host: host, identityFile: identityFile, port: port, sshConfig: sshConfig,
                                             hostKeyCheck: check), selection)
        }
        return .keyPair(name: fromKeyPair ?? "", sourceProfile: sourceProfile ?? "")
    }

    /// `--tag K=V`, split at the first `=` (a value may hold more).
    private func parsedTags() throws -> [EC2.Tag] {
        try tags.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--tag takes KEY=VALUE, not '\(text)'")
            }
            return EC2.Tag(key: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
        }
    }
}
