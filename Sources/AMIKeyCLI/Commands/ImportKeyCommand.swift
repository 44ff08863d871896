import AMIKeyWorkflows
import AWSServices
import ArgumentParser

/// `amikey import-key --name N (--from FILE | --from-authorized-keys FILE [--line K | --all] | --from-key-pair N --source-profile P)`
struct ImportKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-key",
        abstract: "Import a public key as an EC2 key pair: checked first, never overwriting, only the public key sent.",
        discussion: HelpText.reflow("""
            Makes a key pair in the account and Region of --profile/--region from a key you already have, so that
            instances can be launched (amikey relaunch) with the key that really logs in. Exactly one source:
              --from FILE                  any key file: .pub .pem .ppk, OpenSSH private
              --from-authorized-keys FILE  one line (--line K) or each line (--all)
              --from-key-pair NAME         a key pair in another account (--source-profile)

            Only the public key line is ever sent, never a private key; authorized_keys options (command=,
            from=, ...) are left behind. --line K counts lines as "amikey fingerprint FILE" shows them (FILE:K).
            With --all each key pair is named NAME-K after the line K its key is on (NAME-1, NAME-3, ...).

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

    @Option(help: ArgumentHelp("With --from-authorized-keys: the key on line K.", valueName: "K"))
    var line: Int?

    @Flag(help: "With --from-authorized-keys: one key pair per key, named NAME-K after its line K.")
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
        let sources = [from, fromAuthorizedKeys, fromKeyPair].compactMap { $0 }
        guard sources.count == 1 else {
            throw ValidationError("give exactly one source: --from FILE, --from-authorized-keys FILE or --from-key-pair NAME")
        }
        if name.isEmpty || name.count > 255 { throw ValidationError("--name must be 1 to 255 characters") }
        if (line != nil || all) && fromAuthorizedKeys == nil { throw ValidationError("--line and --all go with --from-authorized-keys") }
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

    private var source: ImportKeyRequest.Source {
        if let from { return .file(from) }
        if let fromAuthorizedKeys {
            let selection: ImportKeyRequest.Selection = if all { .all } else if let line { .line(line) } else { .only }
            return .authorizedKeys(fromAuthorizedKeys, selection)
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
