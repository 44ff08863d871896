import AWSCore
import ArgumentParser

/// The AWS CLI's global options that choose the account, region and endpoint, and the request log.
struct AWSOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Profile from ~/.aws/config and ~/.aws/credentials (else AWS_PROFILE, AWS_DEFAULT_PROFILE, then default).",
        valueName: "NAME"))
    var profile: String?

    @Option(help: ArgumentHelp(
        "AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then instance metadata).",
        valueName: "REGION"))
    var region: String?

    @Option(name: .customLong("endpoint-url"), help: ArgumentHelp(
        "Send every AWS call to this URL: https, or http to a loopback address (a local emulator).",
        valueName: "URL"))
    var endpointURL: String?

    @Flag(help: "Log every AWS request and response to standard error, with every secret redacted.")
    var debug = false

    /// The options as the configuration resolver takes them.
    var overrides: AWSCommandLineOverrides {
        AWSCommandLineOverrides(profile: profile, region: region, endpointURL: endpointURL)
    }
}
