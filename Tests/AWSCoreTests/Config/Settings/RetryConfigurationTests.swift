import AWSCore
import Testing

@Suite("Retries: AWS_RETRY_MODE > retry_mode > standard; AWS_MAX_ATTEMPTS > max_attempts > 3")
struct RetryConfigurationTests {
    static func line(_ number: Int) -> SettingOrigin {
        .configFile(ConfigFileLocation(path: ConfigFixtures.configPath, section: "default", line: number))
    }

    @Test("Defaults are the AWS CLI v2's")
    func defaults() throws {
        let retry = try ConfigFixtures.configuration().retry
        #expect(retry == RetryConfiguration(mode: .init(.standard, from: .default), maxAttempts: .init(3, from: .default)))
    }

    @Test("Profile, then environment", arguments: [
        ([:], RetryConfiguration.Mode.adaptive, line(2), 7, line(3)),
        (["AWS_RETRY_MODE": "legacy"], .legacy, .environment("AWS_RETRY_MODE"), 7, line(3)),
        (["AWS_MAX_ATTEMPTS": "1"], .adaptive, line(2), 1, .environment("AWS_MAX_ATTEMPTS")),
        (["AWS_MAX_ATTEMPTS": " +10 "], .adaptive, line(2), 10, .environment("AWS_MAX_ATTEMPTS")),
        (["AWS_MAX_ATTEMPTS": "1_0"], .adaptive, line(2), 10, .environment("AWS_MAX_ATTEMPTS")),
        (["AWS_RETRY_MODE": "", "AWS_MAX_ATTEMPTS": ""], .adaptive, line(2), 7, line(3)),
    ] as [([String: String], RetryConfiguration.Mode, SettingOrigin, Int, SettingOrigin)])
    func precedence(
        _ environment: [String: String], _ mode: RetryConfiguration.Mode, _ modeOrigin: SettingOrigin, _ attempts: Int,
        _ attemptsOrigin: SettingOrigin
    ) throws {
        let retry = try ConfigFixtures.configuration(
            config: "[default]\nretry_mode = adaptive\nmax_attempts = 7\n", environment: environment
        ).retry
        #expect(retry.mode == ResolvedSetting(mode, from: modeOrigin))
        #expect(retry.maxAttempts == ResolvedSetting(attempts, from: attemptsOrigin))
    }

    @Test("Invalid attempts", arguments: ["0", "-1", "three", "2.5", "1__0", "_1", " ", "99999999999999999999999"])
    func invalidAttempts(_ value: String) {
        let expected = AWSConfigError.invalidNumber(
            setting: "max_attempts", value: .init(value, from: .environment("AWS_MAX_ATTEMPTS")), minimum: 1)
        #expect(throws: expected) { try ConfigFixtures.configuration(environment: ["AWS_MAX_ATTEMPTS": value]) }
        #expect(expected.description == "Value provided to \"max_attempts\": \(value) (from environment variable "
            + "AWS_MAX_ATTEMPTS) must be an integer greater than or equal to 1")
    }

    @Test("Invalid modes (case matters, as in botocore)", arguments: ["Standard", "fast", "STANDARD"])
    func invalidMode(_ value: String) {
        let expected = AWSConfigError.invalidRetryMode(.init(value, from: Self.line(2)))
        #expect(throws: expected) { try ConfigFixtures.configuration(config: "[default]\nretry_mode = \(value)\n") }
        #expect(expected.description.hasSuffix("must be one of: legacy, standard, adaptive"))
    }
}
