@testable import AWSCore
import Testing

@Suite("Locating, reading and merging ~/.aws/config and ~/.aws/credentials")
struct AWSSharedConfigTests {
    @Test("File paths: variable, default, ~ and $VAR expansion", arguments: [
        ([:], "/home/me/.aws/config", SettingOrigin.default),
        (["AWS_CONFIG_FILE": "/etc/aws/config"], "/etc/aws/config", .environment("AWS_CONFIG_FILE")),
        (["AWS_CONFIG_FILE": "~/alt/config"], "/home/me/alt/config", .environment("AWS_CONFIG_FILE")),
        (["AWS_CONFIG_FILE": "~"], "/home/me", .environment("AWS_CONFIG_FILE")),
        (["AWS_CONFIG_FILE": "$HOME/x/${TEAM}.cfg", "TEAM": "ops"], "/home/me/x/ops.cfg", .environment("AWS_CONFIG_FILE")),
        (["AWS_CONFIG_FILE": "/a/$UNSET/${ALSO_UNSET}/$"], "/a/$UNSET/${ALSO_UNSET}/$", .environment("AWS_CONFIG_FILE")),
        (["AWS_CONFIG_FILE": "~other/config"], "~other/config", .environment("AWS_CONFIG_FILE")),
        (["AWS_CONFIG_FILE": "relative/config"], "relative/config", .environment("AWS_CONFIG_FILE")),
        (["AWS_CONFIG_FILE": ""], "/home/me/.aws/config", .default),
        (["HOME": "/home/me/"], "/home/me/.aws/config", .default),
        (["HOME": "/"], "/.aws/config", .default),
    ])
    func configPath(_ extra: [String: String], _ path: String, _ origin: SettingOrigin) throws {
        let shared = try AWSSharedConfig.load(environment: ConfigFixtures.environment(extra), readFile: { _ in nil })
        #expect(shared.configPath == ResolvedSetting(path, from: origin))
    }

    @Test("The credentials file path follows AWS_SHARED_CREDENTIALS_FILE")
    func credentialsPath() throws {
        let shared = try AWSSharedConfig.load(
            environment: ConfigFixtures.environment(["AWS_SHARED_CREDENTIALS_FILE": "~/creds"]), readFile: { _ in nil })
        #expect(shared.credentialsPath == ResolvedSetting("/home/me/creds", from: .environment("AWS_SHARED_CREDENTIALS_FILE")))
        let byDefault = try AWSSharedConfig.load(environment: ConfigFixtures.environment(), readFile: { _ in nil })
        #expect(byDefault.credentialsPath == ResolvedSetting("/home/me/.aws/credentials", from: .default))
    }

    @Test("Without HOME a ~ path is an error that says so")
    func noHome() {
        #expect(throws: AWSConfigError.homeDirectoryUnknown(path: "~/.aws/config", origin: .default)) {
            try AWSSharedConfig.load(environment: [:], readFile: { _ in nil })
        }
        let error = AWSConfigError.homeDirectoryUnknown(path: "~/c", origin: .environment("AWS_CONFIG_FILE"))
        #expect(error.description == "~/c (from environment variable AWS_CONFIG_FILE) starts with ~, but HOME is not set; "
            + "set HOME or give an absolute path")
    }

    @Test("An absolute AWS_CONFIG_FILE needs no HOME")
    func absoluteWithoutHome() throws {
        let environment = ["AWS_CONFIG_FILE": "/c", "AWS_SHARED_CREDENTIALS_FILE": "/k"]
        let shared = try AWSSharedConfig.load(environment: environment, readFile: ConfigFixtures.reader(["/c": "[default]\nregion = a\n"]))
        #expect(shared.profile(named: "default")?["region"]?.value.text == "a")
        #expect(shared.credentialsFile == nil)
    }

    @Test("Files that do not exist are absent, not errors")
    func missingFiles() throws {
        let shared = try AWSSharedConfig.load(environment: ConfigFixtures.environment(), readFile: { _ in nil })
        #expect(shared.configFile == nil && shared.credentialsFile == nil)
        #expect(shared.profileNames.isEmpty)
        #expect(shared.profile(named: "default") == nil)
    }

    @Test("A malformed file stops loading")
    func malformed() {
        #expect(throws: AWSConfigFileError.malformed(
            path: ConfigFixtures.credentialsPath, problems: [.init(line: 1, kind: .missingSectionHeader)])
        ) {
            try AWSSharedConfig.load(
                environment: ConfigFixtures.environment(),
                readFile: ConfigFixtures.reader([ConfigFixtures.credentialsPath: "aws_access_key_id = x\n"]))
        }
    }

    @Test("Credentials file values override the config file's for the same profile (botocore full_config)")
    func merge() throws {
        let shared = try AWSSharedConfig.load(
            environment: ConfigFixtures.environment(),
            readFile: ConfigFixtures.reader([
                ConfigFixtures.configPath: "[profile prod]\nregion = eu-west-1\noutput = json\n[prod]\nregion = ignored\n",
                ConfigFixtures.credentialsPath: "[prod]\nregion = us-west-2\naws_access_key_id = AKIDPROD\n[other]\nx = 1\n",
            ]))
        let prod = try #require(shared.profile(named: "prod"))
        #expect(prod.entries.map(\.key) == ["region", "output", "aws_access_key_id"])
        #expect(prod["region"]?.value.text == "us-west-2")
        #expect(prod["region"]?.location == ConfigFileLocation(path: ConfigFixtures.credentialsPath, section: "prod", line: 2))
        #expect(prod["output"]?.location.path == ConfigFixtures.configPath)
        #expect(shared.profileNames == ["other", "prod"])
        #expect(shared.profile(named: "other")?["x"]?.value.text == "1")
    }
}

@Suite("Path expansion as os.path.expandvars / expanduser")
struct PathExpansionTests {
    @Test("expandvars", arguments: [
        ("$A/$B", "1/$B"),
        ("${A}x", "1x"),
        ("$Ax", "$Ax"),
        ("${}", "${}"),
        ("${A", "${A"),
        ("a$", "a$"),
        ("$$A", "$1"),
        ("$A_1", "$A_1"),
        ("$A-1", "1-1"),
    ])
    func variables(_ path: String, _ expanded: String) {
        #expect(PathExpansion.expandVariables(path, environment: ["A": "1"]) == expanded)
    }
}
