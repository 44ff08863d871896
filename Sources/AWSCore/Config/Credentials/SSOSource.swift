/// Get role credentials from IAM Identity Center with the token `aws sso login` cached.
///
/// From botocore's `SSOProvider`: either an `[sso-session NAME]` section referenced by `sso_session` (its
/// `sso_start_url` and `sso_region`), or the legacy keys in the profile itself. The token cache file is
/// `~/.aws/sso/cache/<sha1 hex of the session name, or of the start URL for legacy profiles>.json`
/// (`utils.SSOTokenLoader._generate_cache_key`).
public struct SSOSource: Sendable, Hashable, CustomStringConvertible {
    /// `sso_session`, or `nil` for a legacy profile.
    public let sessionName: ResolvedSetting<String>?
    /// `sso_start_url`.
    public let startURL: ResolvedSetting<String>
    /// `sso_region`: where the portal's GetRoleCredentials is called.
    public let region: ResolvedSetting<String>
    /// `sso_account_id`.
    public let accountID: ResolvedSetting<String>
    /// `sso_role_name`.
    public let roleName: ResolvedSetting<String>
    /// The cached token's file.
    public let tokenCachePath: String

    /// A source from its parts.
    public init(
        sessionName: ResolvedSetting<String>?, startURL: ResolvedSetting<String>, region: ResolvedSetting<String>,
        accountID: ResolvedSetting<String>, roleName: ResolvedSetting<String>, tokenCachePath: String
    ) {
        self.sessionName = sessionName
        self.startURL = startURL
        self.region = region
        self.accountID = accountID
        self.roleName = roleName
        self.tokenCachePath = tokenCachePath
    }

    /// `SSO role NAME in account ID (token cache PATH)`.
    public var description: String {
        "SSO role \(roleName.value) in account \(accountID.value) (token cache \(tokenCachePath))"
    }
}
