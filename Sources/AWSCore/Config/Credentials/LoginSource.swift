/// Use the credentials `aws login` cached for a console sign-in session (`login_session` in the profile).
///
/// botocore's `LoginProvider`: the cache file is `<AWS_LOGIN_CACHE_DIRECTORY or ~/.aws/login/cache>/`
/// `<sha256 hex of the session name>.json` (`utils.generate_login_cache_key`).
public struct LoginSource: Sendable, Hashable, CustomStringConvertible {
    /// `login_session`.
    public let sessionName: ResolvedSetting<String>
    /// The cached credentials' file.
    public let tokenCachePath: String

    /// A source from its parts.
    public init(sessionName: ResolvedSetting<String>, tokenCachePath: String) {
        self.sessionName = sessionName
        self.tokenCachePath = tokenCachePath
    }

    /// `console login session NAME (cache PATH)`.
    public var description: String { "console login session \(sessionName.value) (cache \(tokenCachePath))" }
}
