import AWSCore
import Testing

@Suite("AWSConfiguration: everything whoami prints, with where it came from")
struct AWSConfigurationTests {
    static let config = """
        [profile prod]
        region = eu-west-1
        role_arn = arn:aws:iam::222222222222:role/admin
        source_profile = base
        services = lab

        [services lab]
        sts =
          endpoint_url = http://127.0.0.1:5000

        """
    static let credentials = "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secret\n"

    @Test("A whoami-style walk through one configuration")
    func whoami() throws {
        let configuration = try ConfigFixtures.configuration(
            config: Self.config, credentials: Self.credentials, environment: ["AWS_PROFILE": "prod", "AWS_MAX_ATTEMPTS": "5"])
        #expect(configuration.profileName.description == "prod (from environment variable AWS_PROFILE)")
        let region = try configuration.requireRegion()
        #expect(region.description == "eu-west-1 (from [profile prod] in /home/me/.aws/config, line 2)")
        let sts = try configuration.endpoint(for: .sts, region: region.value)
        #expect(sts.description == "http://127.0.0.1:5000 (from [services lab] in /home/me/.aws/config, line 9), signed for eu-west-1")
        let ec2 = try configuration.endpoint(for: .ec2, region: region.value)
        #expect(ec2.description == "https://ec2.eu-west-1.amazonaws.com (from the aws partition's default), signed for eu-west-1")
        let credentials = try configuration.credentialSource()
        #expect(credentials.description == "assume role arn:aws:iam::222222222222:role/admin with profile 'base' (access key "
            + "AKIDBASE (from [base] in /home/me/.aws/credentials, line 2)) (from [profile prod] in /home/me/.aws/config, line 3)")
        #expect(configuration.description == """
            profile prod (from environment variable AWS_PROFILE)
            region eu-west-1 (from [profile prod] in /home/me/.aws/config, line 2)
            retry mode standard (from the default), max attempts 5 (from environment variable AWS_MAX_ATTEMPTS)
            config file /home/me/.aws/config (from the default)
            credentials file /home/me/.aws/credentials (from the default)
            """)
    }

    @Test("load reads each file once, at the paths the environment names")
    func load() throws {
        let reads = ReadLog()
        let configuration = try AWSConfiguration.load(
            environment: ["HOME": "/h", "AWS_CONFIG_FILE": "/etc/aws.cfg"], commandLine: AWSCommandLineOverrides(region: "us-east-2"),
            readFile: { path in
                reads.append(path)
                return path == "/etc/aws.cfg" ? Array("[default]\noutput = json\n".utf8) : nil
            })
        #expect(reads.paths == ["/etc/aws.cfg", "/h/.aws/credentials"])
        #expect(configuration.shared.configFile?.profileNames == ["default"])
        #expect(configuration.region.setting?.origin == .commandLine("--region"))
    }

    @Test("Origins describe themselves", arguments: [
        (SettingOrigin.commandLine("--region"), "--region"),
        (.environment("AWS_REGION"), "environment variable AWS_REGION"),
        (.configFile(ConfigFileLocation(path: "/c", section: "profile p", line: 4)), "[profile p] in /c, line 4"),
        (.default, "the default"),
    ])
    func origins(_ origin: SettingOrigin, _ text: String) {
        #expect(origin.description == text)
    }
}

/// Paths handed to a reader, in order.
private final class ReadLog: @unchecked Sendable {
    private(set) var paths: [String] = []
    func append(_ path: String) { paths.append(path) }
}
