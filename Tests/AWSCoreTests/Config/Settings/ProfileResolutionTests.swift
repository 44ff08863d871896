import AWSCore
import Testing

@Suite("Profile: --profile > AWS_PROFILE > AWS_DEFAULT_PROFILE > default")
struct ProfileResolutionTests {
    static let config = "[default]\nregion = d\n[profile a]\nregion = a\n[profile b]\nregion = b\n[profile c]\nregion = c\n"

    @Test("Precedence", arguments: [
        (nil, [:], ResolvedSetting("default", from: .default)),
        (nil, ["AWS_DEFAULT_PROFILE": "c"], ResolvedSetting("c", from: .environment("AWS_DEFAULT_PROFILE"))),
        (nil, ["AWS_PROFILE": "b", "AWS_DEFAULT_PROFILE": "c"], ResolvedSetting("b", from: .environment("AWS_PROFILE"))),
        ("a", ["AWS_PROFILE": "b", "AWS_DEFAULT_PROFILE": "c"], ResolvedSetting("a", from: .commandLine("--profile"))),
        (nil, ["AWS_PROFILE": "", "AWS_DEFAULT_PROFILE": "c"], ResolvedSetting("c", from: .environment("AWS_DEFAULT_PROFILE"))),
        ("", ["AWS_PROFILE": "b"], ResolvedSetting("b", from: .environment("AWS_PROFILE"))),
    ] as [(String?, [String: String], ResolvedSetting<String>)])
    func precedence(_ option: String?, _ environment: [String: String], _ expected: ResolvedSetting<String>) throws {
        let configuration = try ConfigFixtures.configuration(
            config: Self.config, environment: environment, commandLine: AWSCommandLineOverrides(profile: option))
        #expect(configuration.profileName == expected)
        #expect(configuration.profile.name == expected.value)
        #expect(configuration.profile["region"]?.value.text == (expected.value == "default" ? "d" : expected.value))
    }

    @Test("A missing implicit default profile is an empty profile")
    func implicitDefault() throws {
        let configuration = try ConfigFixtures.configuration(config: "[profile a]\nregion = a\n")
        #expect(configuration.profile == AWSProfile(name: "default", entries: []))
        #expect(configuration.region == .fromInstanceMetadata)
    }

    @Test("A profile defined only in the credentials file exists")
    func credentialsOnly() throws {
        let configuration = try ConfigFixtures.configuration(
            credentials: "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = s\nregion = eu-north-1\n",
            environment: ["AWS_PROFILE": "ci"])
        #expect(configuration.profile.name == "ci")
        #expect(configuration.region.setting?.value == "eu-north-1")
    }

    @Test("An unknown profile lists the profiles that exist and the files searched", arguments: [
        (AWSCommandLineOverrides(profile: "nope"), [:], SettingOrigin.commandLine("--profile")),
        (AWSCommandLineOverrides(), ["AWS_PROFILE": "nope"], .environment("AWS_PROFILE")),
        (AWSCommandLineOverrides(), ["AWS_DEFAULT_PROFILE": "nope"], .environment("AWS_DEFAULT_PROFILE")),
    ] as [(AWSCommandLineOverrides, [String: String], SettingOrigin)])
    func unknown(_ commandLine: AWSCommandLineOverrides, _ environment: [String: String], _ origin: SettingOrigin) throws {
        let error = try #require(throws: AWSConfigError.self) {
            try ConfigFixtures.configuration(
                config: Self.config, credentials: "[ci]\nx = 1\n", environment: environment, commandLine: commandLine)
        }
        #expect(error == .profileNotFound(
            name: "nope", origin: origin, available: ["a", "b", "c", "ci", "default"],
            searched: [ConfigFixtures.configPath, ConfigFixtures.credentialsPath], hints: []))
        #expect(error.description.hasPrefix("The config profile (nope) could not be found (named by \(origin)); "
            + "the profiles defined are: a, b, c, ci, default.\nFiles searched: /home/me/.aws/config, /home/me/.aws/credentials."))
    }

    @Test("An explicitly named default profile must exist")
    func explicitDefault() {
        #expect(throws: AWSConfigError.profileNotFound(
            name: "default", origin: .environment("AWS_PROFILE"), available: [],
            searched: [ConfigFixtures.configPath, ConfigFixtures.credentialsPath], hints: [])
        ) {
            try ConfigFixtures.configuration(environment: ["AWS_PROFILE": "default"])
        }
    }

    @Test("Hints point at sections that look like the profile but are not one")
    func hints() throws {
        let error = try #require(throws: AWSConfigError.self) {
            try ConfigFixtures.configuration(
                config: "[prod]\nregion = a\n[profile prod team]\nregion = b\n", credentials: "[profile prod]\nx = 1\n",
                commandLine: AWSCommandLineOverrides(profile: "prod"))
        }
        guard case .profileNotFound(_, _, let available, _, let hints) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(available == ["profile prod"])
        #expect(hints == [
            "/home/me/.aws/config line 1 has [prod], which the config file does not read as a profile: write [profile prod] "
                + "there (plain [prod] is for the credentials file).",
            "/home/me/.aws/config line 3 has [profile prod team], which the AWS CLI ignores: a profile header is "
                + "[profile NAME], with quotes around a name that has spaces.",
            "/home/me/.aws/credentials line 1 has [profile prod], which defines a profile named 'profile prod': the "
                + "credentials file uses [prod].",
        ])
        #expect(error.description.hasSuffix(
            "Add [profile prod] to the config file (or [prod] to the credentials file), or choose another profile with "
                + "--profile or AWS_PROFILE."))
    }
}
