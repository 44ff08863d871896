/// A profile's `role_arn`: call STS AssumeRole with the credentials of `source`.
///
/// Settings from botocore's `AssumeRoleProvider._get_role_config`. When `roleSessionName` is `nil` the provider
/// makes one up (botocore uses `botocore-session-<epoch seconds>`); `mfaSerial` means the provider must prompt for a
/// token code.
public struct AssumeRoleSource: Sendable, Hashable, CustomStringConvertible {
    /// The profile holding `role_arn`.
    public let profile: String
    /// `role_arn`.
    public let roleARN: ResolvedSetting<String>
    /// `role_session_name`.
    public let roleSessionName: ResolvedSetting<String>?
    /// `external_id`.
    public let externalID: ResolvedSetting<String>?
    /// `mfa_serial`.
    public let mfaSerial: ResolvedSetting<String>?
    /// `duration_seconds`.
    public let durationSeconds: ResolvedSetting<Int>?
    /// The credentials that call AssumeRole.
    public let source: AssumeRoleCredentials

    /// A source from its parts.
    public init(
        profile: String, roleARN: ResolvedSetting<String>, roleSessionName: ResolvedSetting<String>?,
        externalID: ResolvedSetting<String>?, mfaSerial: ResolvedSetting<String>?, durationSeconds: ResolvedSetting<Int>?,
        source: AssumeRoleCredentials
    ) {
        self.profile = profile
        self.roleARN = roleARN
        self.roleSessionName = roleSessionName
        self.externalID = externalID
        self.mfaSerial = mfaSerial
        self.durationSeconds = durationSeconds
        self.source = source
    }

    /// `assume role ARN with …`.
    public var description: String { "assume role \(roleARN.value) with \(source)" }
}
