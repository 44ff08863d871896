/// Call STS AssumeRoleWithWebIdentity with the token in a file (EKS service accounts, CI OIDC).
///
/// Each value comes from its environment variable (`AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`,
/// `AWS_ROLE_SESSION_NAME`) or else the profile (`web_identity_token_file`, `role_arn`, `role_session_name`);
/// `--profile` switches the environment variables off (botocore's `AssumeRoleWithWebIdentityProvider`).
public struct WebIdentitySource: Sendable, Hashable, CustomStringConvertible {
    /// The token file's path, read on every refresh.
    public let tokenFile: ResolvedSetting<String>
    /// The role to assume.
    public let roleARN: ResolvedSetting<String>
    /// The session name; the provider makes one up when `nil`.
    public let roleSessionName: ResolvedSetting<String>?

    /// A source from its parts.
    public init(tokenFile: ResolvedSetting<String>, roleARN: ResolvedSetting<String>, roleSessionName: ResolvedSetting<String>?) {
        self.tokenFile = tokenFile
        self.roleARN = roleARN
        self.roleSessionName = roleSessionName
    }

    /// `assume role ARN with the web identity token in PATH`.
    public var description: String { "assume role \(roleARN.value) with the web identity token in \(tokenFile.value)" }
}
