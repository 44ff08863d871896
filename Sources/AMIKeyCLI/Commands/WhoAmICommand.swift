import AMIKeyWorkflows
import ArgumentParser

/// `amikey whoami`
struct WhoAmICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the AWS account, identity, region and endpoints amikey uses, and where each came from.",
        discussion: HelpText.reflow("""
            Settings are read as the AWS CLI v2 reads them: --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE or
            "default"; --region, AWS_REGION, AWS_DEFAULT_REGION, the profile's region or instance metadata;
            credentials from the environment, a role profile (source_profile / credential_source, MFA),
            web identity, SSO, the credentials file, credential_process, container or instance metadata.
            Nothing is changed: only STS GetCallerIdentity is called (it needs no permission).

            Examples:
              amikey whoami
              amikey whoami --profile account-b --region ap-northeast-1
              amikey whoami --endpoint-url http://127.0.0.1:5000 --debug
            """))

    @OptionGroup var aws: AWSOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let environment = CommandEnvironment.current
        do {
            let report = try await environment.withAWS(aws) { context in try await WhoAmIWorkflow().run(context) }
            WhoAmIRenderer.render(
                report, format: output.format, home: environment.homeDirectory, to: environment.output)
        } catch let failure as AWSFailure {
            AWSFailureRenderer.render(failure, format: output.format, to: environment.output)
            throw ExitCode(failure.exitCode)
        }
    }
}
