import AMIKeyWorkflows
import ArgumentParser

/// `amikey lab demo`
struct LabDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Replay the seed's story on the running lab, then its fixes, each ending in a real ssh login.",
        discussion: HelpText.reflow("""
            With amikey's own AWS client: account A registers a base image, imports K_A as key pair old-key,
            launches, creates the seed's image from that instance (cloud-init does not install the launch key)
            and shares it with account B. B imports K_B as new-key and launches from the shared image. Then the
            real ssh, with the host key pinned from the console output: K_B is refused ("Permission denied
            (publickey)") and amikey doctor (profile lab-b) finds why. Fix 1: ssh -i K_A logs in.
            Fix 2: amikey import-key puts K_A's public key in B as old-key, amikey relaunch replaces the refused
            instance with one launched with it, and ssh -i K_A logs in there. Fix 3: amikey repair installs K_B
            into the refused instance (user-data method, original user data restored) and ssh -i K_B logs in,
            K_A kept. Then the move done right from the start: amikey migrate (profiles lab-a and lab-b, --probe,
            journal in DIR/demo/migrate) makes an image of A's instance, shares it with B, finds the source's key
            pair old-key in B with the same key, launches with it, and ssh -i K_A logs in to the new instance.
            Keys are Ed25519, made here, kept 0600 in DIR/demo; only public keys are sent. Safe to run again:
            each run makes new images and instances (so a new migration), and finds old-key already in B.

            Exit status 0 when the story held, 1 when ssh behaved otherwise, 3 when no lab runs or a step failed.

            Examples:
              amikey lab up >/dev/null && amikey lab demo
              amikey lab demo --output json | jq '.steps[].summary'
            """))

    @OptionGroup var lab: LabOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Log every AWS request and response to standard error, with every secret redacted.")
    var debug = false

    func run() async throws {
        let environment = CommandEnvironment.current
        let format = output.format
        do {
            let report = try await environment.withLab(debug: debug) { context in
                try await LabDemo(directory: lab.directory(environment)).run(context) { step in
                    if format == .text { LabRenderer.renderText(step, to: environment.output) }
                }
            }
            if format == .json { LabRenderer.render(report, to: environment.output) }
        } catch let failure as LabFailure {
            LabRenderer.render(failure, format: format, to: environment.output)
            throw ExitCode(failure.exitCode)
        }
    }
}
