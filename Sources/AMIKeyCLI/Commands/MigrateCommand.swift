import AMIKeyWorkflows
import ArgumentParser

/// `amikey migrate --source-profile A --target-profile B INSTANCE_ID... [--plan] [--probe] [...]`
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move instances to another account by sharing an image, with the key pair that really logs in.",
        discussion: HelpText.reflow("""
            The seed's procedure done right from the start, so that the key pair shown for the new
            instance is the key that logs in. For each INSTANCE_ID in the source account (A):
              1. read the instance, its launch key pair's public key and the keys its
                 console table lists (they travel inside the image); with --source-key,
                 also its live authorized_keys over SSH
              2. CreateImage (the instance reboots unless --no-reboot), tagged
                 amikey:migrated-from; wait for its snapshots and the image
              3. encryption: unencrypted goes on; for a customer managed KMS key, A's key
                 policy and grants must let B use it (B's IAM too): otherwise amikey prints
                 the statements to add and stops until they are in place. The default
                 aws/ebs key cannot be shared: --source-kms-key re-encrypts a copy in A
              4. share the image with the target account (B)
              5. import the key pair's public key into B under the same name (the same
                 key already there is fine; another key under that name stops here)
              6. with --copy-image, --target-region or --target-kms-key: B copies the image
                 (A grants create-volume permission on its snapshots first)
              7. RunInstances in B with that key pair, the source's instance type (or
                 --instance-type), B's default subnet and group (or --subnet,
                 --security-group), the tags and a client token
              8. check from outside: the new instance's console table lists the key; with
                 --probe, its sshd accepts it (host key pinned from the console)

            Every step is recorded in a journal (~/.amikey/migrate, or --journal-dir) before and after it
            creates anything: if the command is interrupted, run it again and it resumes, creating no
            second image, key pair or instance; a finished migration is reported, not repeated. Several
            instances move at once; one failing does not stop the others. The end lists what was created
            in each account. Without --target-region both profiles must resolve to one region (a shared
            image launches in its own region); key pairs are per region, so the key is imported where the
            instance is launched. --plan shows the steps and which are done. --dry-run asks AWS
            (DryRun=true) whether CreateImage and ImportKeyPair are permitted and lists the calls that
            cannot be asked before the image exists.
            Exit status: 0 every instance migrated (or planned), 2 usage error, 3 an account could not be
            reached or any instance failed (its error is in the report).

            Examples:
              amikey migrate --source-profile a --target-profile b i-1a2b3c4d --plan
              amikey migrate --source-profile a --target-profile b i-1a2b3c4d --probe
              amikey migrate --source-profile a --target-profile b i-1a2b3c4d --dry-run
              amikey migrate --source-profile a --target-profile b i-1a2b3c4d --copy-image
            """))

    @Option(name: .customLong("source-profile"), help: ArgumentHelp("The profile of the account the instances are in (A).", valueName: "PROFILE"))
    var sourceProfile: String

    @Option(name: .customLong("target-profile"), help: ArgumentHelp("The profile of the account to move them to (B).", valueName: "PROFILE"))
    var targetProfile: String

    @Argument(help: ArgumentHelp("The instances to move.", valueName: "INSTANCE_ID"))
    var instanceIds: [String]

    @Flag(help: "Show the steps, and which are already done, and change nothing.")
    var plan = false

    @Flag(help: "After the launch, also ask the new instance's sshd whether it accepts the key (public key only).")
    var probe = false

    @Option(name: .customLong("instance-type"), help: ArgumentHelp("The target's instance type (default: the source's).", valueName: "TYPE"))
    var instanceType: String?

    @Option(help: ArgumentHelp("The target's subnet in B (default: B's default subnet).", valueName: "SUBNET_ID"))
    var subnet: String?

    @Option(name: .customLong("security-group"), help: ArgumentHelp("A security group in B (repeatable; default: B's default group).", valueName: "GROUP_ID"))
    var securityGroups: [String] = []

    @Flag(name: .customLong("no-reboot"), help: "CreateImage without rebooting the source (file systems may be inconsistent in the image).")
    var noReboot = false

    @Option(name: .customLong("target-region"), help: ArgumentHelp(
        "Launch in this region (default: the source's); B copies the shared image there first.", valueName: "REGION"))
    var targetRegion: String?

    @Flag(name: .customLong("copy-image"), help: "B copies the shared image and launches from its own copy (it then no longer depends on A's image).")
    var copyImage = false

    @Option(name: .customLong("target-kms-key"), help: ArgumentHelp(
        "Encrypt B's copy with this customer managed KMS key (implies --copy-image).", valueName: "KEY_ARN"))
    var targetKMSKey: String?

    @Option(name: .customLong("source-kms-key"), help: ArgumentHelp(
        "A customer managed KMS key of the source account: an image encrypted with another key (the default aws/ebs cannot be shared) is copied in A re-encrypted with it, and the copy is shared.",
        valueName: "KEY_ARN"))
    var sourceKMSKey: String?

    @Option(name: .customLong("source-key"), help: ArgumentHelp(
        "A private key that logs in to the source instances: their live authorized_keys is read and listed (public keys only).",
        valueName: "FILE"))
    var sourceKey: String?

    @Flag(name: .customLong("dry-run"), help: "Ask AWS (DryRun) whether each call that can be asked now is permitted; change nothing.")
    var dryRun = false

    @Option(name: .customLong("ssh-config"), help: ArgumentHelp("An OpenSSH client config for --probe (ssh -F).", valueName: "FILE"))
    var sshConfig: String?

    @Option(name: .customLong("journal-dir"), help: ArgumentHelp("Where the journals are kept (default ~/.amikey/migrate).", valueName: "DIR"))
    var journalDirectory: String?

    @OptionGroup var aws: AWSOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        for id in instanceIds where !(id.hasPrefix("i-") && id.count > 2) {
            throw ValidationError("INSTANCE_ID looks like i-0123456789abcdef0, not \"\(id)\"")
        }
        if Set(instanceIds).count != instanceIds.count { throw ValidationError("an INSTANCE_ID is named twice") }
        if sourceProfile == targetProfile { throw ValidationError("--source-profile and --target-profile must be different accounts") }
        if plan && dryRun { throw ValidationError("give --plan or --dry-run, not both") }
    }

    func run() async throws {
        let environment = CommandEnvironment.current
        let request = MigrationRequest(
            sourceProfile: sourceProfile, targetProfile: targetProfile, instanceIds: instanceIds, planOnly: plan, probe: probe,
            instanceType: instanceType, subnetId: subnet, securityGroupIds: securityGroups, noReboot: noReboot,
            sshConfig: sshConfig, journalDirectory: journalDirectory, targetRegion: targetRegion, copyImage: copyImage,
            dryRun: dryRun, targetKMSKey: targetKMSKey, sourceKey: sourceKey, sourceKMSKey: sourceKMSKey)
        let sink = environment.output
        do {
            let report = try await environment.withAWS(aws) { context in
                try await MigrationWorkflow().run(request, context: context) { sink.writeError(MigrationRenderer.progress($0)) }
            }
            switch output.format {
            case .json: sink.write(MigrationRenderer.json(report).serialized() + "\n")
            case .text: sink.write(MigrationRenderer.text(report, style: environment.textStyle(output)))
            }
            if report.exitCode != 0 { throw ExitCode(report.exitCode) }
        } catch let failure as AWSFailure {
            AWSFailureRenderer.render(failure, format: output.format, to: sink)
            throw ExitCode(failure.exitCode)
        }
    }
}
