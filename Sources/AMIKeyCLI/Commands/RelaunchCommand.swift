import AMIKeyWorkflows
import ArgumentParser

/// `amikey relaunch INSTANCE_ID --key-pair NAME [--plan] [--client-token TOKEN]`
struct RelaunchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relaunch",
        abstract: "Launch a replacement instance from the same image with the key pair its keys match (the old one is kept).",
        discussion: HelpText.reflow("""
            The seed's fix 2, step 5. An instance launched from an AMI shared by another account accepts the keys
            that were in the original instance's authorized_keys, not the key pair chosen at launch. Once the
            original public key is a key pair in this account (amikey import-key --name old-key --from K_A.pub),
            relaunch starts a new instance from the same image with that key pair, so the key pair shown in the
            console is the key that logs in.
            Carried over from INSTANCE_ID, unchanged: the image, instance type, subnet, security groups, IAM
            instance profile, tags (not aws: ones, which AWS reserves), user data (byte for byte) and instance
            metadata options. Not carried over: the instance's disks (the new one starts from the image, so copy
            data first, e.g. with amikey migrate --copy-image), its private and public IP addresses, and Elastic
            IPs. INSTANCE_ID is only read: it is not stopped, changed or terminated; both ids are printed.
            The key pair is checked first; a missing one is an error that names it. RunInstances is sent with a
            client token, so a retried request launches once; give --client-token to make a re-run of the whole
            command find the instance the first run launched instead of launching another. The command then
            waits until the new instance is running, showing each poll on standard error.
            --plan prints every parameter RunInstances would get and launches nothing.
            Exit status: 0 launched (or planned), 2 usage error, 3 nothing could be done (no such instance or key
            pair, the image is gone, AWS refused).
            Examples:
              amikey relaunch i-0123456789abcdef0 --key-pair old-key --plan
              amikey relaunch i-0123456789abcdef0 --key-pair old-key \\
                --profile account-b --region eu-central-1
              amikey relaunch i-0123456789abcdef0 --key-pair old-key \\
                --client-token ticket-4711 --output json
            """))

    @Argument(help: ArgumentHelp("The instance to copy the settings from (left as it is).", valueName: "INSTANCE_ID"))
    var instanceId: String

    @Option(name: .customLong("key-pair"), help: ArgumentHelp(
        "The key pair to launch with; it must exist in this account and region (amikey import-key makes it).", valueName: "NAME"))
    var keyPair: String

    @Flag(help: "Show exactly what would be launched (every RunInstances parameter) and launch nothing.")
    var plan = false

    @Option(name: .customLong("client-token"), help: ArgumentHelp(
        "The RunInstances idempotency token (default: a fresh one); the same token again returns the same instance.",
        valueName: "TOKEN"))
    var clientToken: String?

    @OptionGroup var aws: AWSOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard instanceId.hasPrefix("i-"), instanceId.count > 2 else {
            throw ValidationError("INSTANCE_ID looks like i-0123456789abcdef0, not \"\(instanceId)\"")
        }
        if keyPair.isEmpty { throw ValidationError("--key-pair needs a key pair name") }
        if let clientToken, clientToken.isEmpty || clientToken.utf8.count > 64 || !clientToken.allSatisfy(\.isASCII) {
            throw ValidationError("--client-token takes 1 to 64 ASCII characters (RunInstances' limit)")
        }
    }

    func run() async throws {
        let environment = CommandEnvironment.current
        var request = RelaunchRequest(instanceId: instanceId, keyName: keyPair, planOnly: plan)
        if let clientToken { request.clientToken = clientToken }
        let sink = environment.output
        do {
            let report = try await environment.withAWS(aws) { context in
                try await RelaunchWorkflow().run(request, context: context) { poll in
                    sink.writeError(RelaunchRenderer.progress(poll))
                }
            }
            switch output.format {
            case .json: sink.write(RelaunchRenderer.json(report).serialized() + "\n")
            case .text: sink.write(RelaunchRenderer.text(report, style: environment.textStyle(output)))
            }
        } catch let failure as AWSFailure {
            AWSFailureRenderer.render(failure, format: output.format, to: sink)
            throw ExitCode(failure.exitCode)
        }
    }
}
