import AWSCore
import Testing

@Suite("Region: --region > AWS_REGION > AWS_DEFAULT_REGION > profile region > instance metadata")
struct RegionResolutionTests {
    static let config = "[default]\nregion = eu-west-1\n[profile bare]\noutput = json\n"
    static let profileLine = SettingOrigin.configFile(
        ConfigFileLocation(path: ConfigFixtures.configPath, section: "default", line: 2))

    @Test("Precedence", arguments: [
        ("us-west-1", ["AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "ap-south-1"], RegionResolution.configured(.init("us-west-1", from: .commandLine("--region")))),
        (nil, ["AWS_REGION": "us-east-2", "AWS_DEFAULT_REGION": "ap-south-1"], .configured(.init("us-east-2", from: .environment("AWS_REGION")))),
        (nil, ["AWS_DEFAULT_REGION": "ap-south-1"], .configured(.init("ap-south-1", from: .environment("AWS_DEFAULT_REGION")))),
        (nil, ["AWS_REGION": "", "AWS_DEFAULT_REGION": ""], .configured(.init("eu-west-1", from: profileLine))),
        (nil, [:], .configured(.init("eu-west-1", from: profileLine))),
        ("", [:], .configured(.init("eu-west-1", from: profileLine))),
        (nil, ["AWS_PROFILE": "bare"], .fromInstanceMetadata),
        (nil, ["AWS_PROFILE": "bare", "AWS_EC2_METADATA_DISABLED": "TRUE"], .notConfigured),
        (nil, ["AWS_PROFILE": "bare", "AWS_EC2_METADATA_DISABLED": "yes"], .fromInstanceMetadata),
    ] as [(String?, [String: String], RegionResolution)])
    func precedence(_ option: String?, _ environment: [String: String], _ expected: RegionResolution) throws {
        let configuration = try ConfigFixtures.configuration(
            config: Self.config, environment: environment, commandLine: AWSCommandLineOverrides(region: option))
        #expect(configuration.region == expected)
    }

    @Test("The profile's region may come from the credentials file, which wins over the config file")
    func fromCredentialsFile() throws {
        let configuration = try ConfigFixtures.configuration(config: Self.config, credentials: "[default]\nregion = sa-east-1\n")
        #expect(configuration.region.setting == ResolvedSetting(
            "sa-east-1", from: .configFile(ConfigFileLocation(path: ConfigFixtures.credentialsPath, section: "default", line: 2))))
    }

    @Test("An empty region in the profile counts as unset")
    func emptyProfileRegion() throws {
        #expect(try ConfigFixtures.configuration(config: "[default]\nregion =\n").region == .fromInstanceMetadata)
    }

    @Test("requireRegion returns the region or says how to set one")
    func requireRegion() throws {
        let configured = try ConfigFixtures.configuration(config: Self.config)
        #expect(try configured.requireRegion() == ResolvedSetting("eu-west-1", from: Self.profileLine))
        let metadata = try ConfigFixtures.configuration(config: Self.config, environment: ["AWS_PROFILE": "bare"])
        #expect(throws: AWSConfigError.regionNotConfigured(profile: "bare", instanceMetadataDisabled: false)) {
            try metadata.requireRegion()
        }
        let disabled = try ConfigFixtures.configuration(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        let error = try #require(throws: AWSConfigError.self) { try disabled.requireRegion() }
        #expect(error.description == "You must specify a region: none is set for profile 'default' and "
            + "AWS_EC2_METADATA_DISABLED=true rules out instance metadata; use --region, set AWS_REGION, or add "
            + "\"region = …\" to the profile in ~/.aws/config")
    }

    @Test("Region names must be host labels (botocore validate_region_name)", arguments: [
        ("us-east-1", true), ("mars-1", true), ("local", true), ("a", true), ("aws-global", true), ("US-EAST-1", true),
        ("bad_region", false), ("-east", false), ("east-", false), ("123", false), ("us.east.1", false), ("us east", false),
        (String(repeating: "a", count: 63), true), (String(repeating: "a", count: 64), false), ("région", false),
    ])
    func validation(_ region: String, _ valid: Bool) throws {
        let result = Result { try ConfigFixtures.configuration(commandLine: AWSCommandLineOverrides(region: region)) }
        if valid {
            #expect(try result.get().region == .configured(.init(region, from: .commandLine("--region"))))
        } else {
            #expect(throws: AWSConfigError.invalidRegion(.init(region, from: .commandLine("--region")))) { try result.get() }
        }
    }

    @Test("An invalid region from a file names its line")
    func invalidFromFile() throws {
        let error = try #require(throws: AWSConfigError.self) { try ConfigFixtures.configuration(config: "[default]\nregion = eu_west_1\n") }
        #expect(error.description == "Provided region_name 'eu_west_1' (from [default] in /home/me/.aws/config, line 2) doesn't "
            + "match a supported format; a region looks like us-east-1: letters, digits and '-', at most 63 characters")
    }

    @Test("A region written as an indented block is an error")
    func nested() {
        #expect(throws: AWSConfigError.nestedValueNotAllowed(
            key: "region", location: ConfigFileLocation(path: ConfigFixtures.configPath, section: "default", line: 2))
        ) {
            try ConfigFixtures.configuration(config: "[default]\nregion =\n  us-east-1 = x\n")
        }
    }

    @Test("Descriptions", arguments: [
        (RegionResolution.configured(.init("us-east-1", from: .environment("AWS_REGION"))), "us-east-1 (from environment variable AWS_REGION)"),
        (.fromInstanceMetadata, "not configured (falls back to instance metadata)"),
        (.notConfigured, "not configured"),
    ])
    func descriptions(_ region: RegionResolution, _ text: String) {
        #expect(region.description == text)
    }
}
