/// How many attempts a call gets and which retry algorithm runs them.
///
/// `AWS_RETRY_MODE` > `retry_mode` > `standard`, and `AWS_MAX_ATTEMPTS` > `max_attempts` > 3: the AWS CLI v2
/// defaults (`awscli/botocore/configprovider.py`); https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html.
public struct RetryConfiguration: Sendable, Hashable {
    /// The retry algorithms the SDKs define.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// botocore's original retry handler.
        case legacy
        /// The cross-SDK standard mode: exponential backoff with jitter and a retry quota.
        case standard
        /// Standard mode plus client-side rate limiting.
        case adaptive
    }

    /// The retry mode.
    public let mode: ResolvedSetting<Mode>
    /// The total number of attempts, the first included (at least 1).
    public let maxAttempts: ResolvedSetting<Int>

    /// A configuration from its parts.
    public init(mode: ResolvedSetting<Mode>, maxAttempts: ResolvedSetting<Int>) {
        self.mode = mode
        self.maxAttempts = maxAttempts
    }

    /// Reads both settings; a mode other than the three, or attempts below 1, is an error (botocore's
    /// `InvalidRetryModeError` and `InvalidMaxRetryAttemptsError`, `min_value=1` for total attempts).
    static func resolve(lookup: SettingLookup) throws(AWSConfigError) -> RetryConfiguration {
        let mode: ResolvedSetting<Mode>
        if let raw = try lookup.first(environment: ["AWS_RETRY_MODE"], profileKey: "retry_mode") {
            guard let parsed = Mode(rawValue: raw.value) else { throw .invalidRetryMode(raw) }
            mode = ResolvedSetting(parsed, from: raw.origin)
        } else {
            mode = ResolvedSetting(.standard, from: .default)
        }
        let attempts = try SettingLookup.integer(
            lookup.first(environment: ["AWS_MAX_ATTEMPTS"], profileKey: "max_attempts"), name: "max_attempts", minimum: 1,
            default: 3)
        return RetryConfiguration(mode: mode, maxAttempts: attempts)
    }
}
