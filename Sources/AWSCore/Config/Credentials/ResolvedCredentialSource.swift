/// A credential source and where the setting that selected it was found.
public struct ResolvedCredentialSource: Sendable, Hashable, CustomStringConvertible {
    /// What to do.
    public let source: CredentialSource
    /// The setting that chose it: `AWS_ACCESS_KEY_ID`, the line of `role_arn`, `sso_account_id`, … or `.default` for
    /// instance metadata, the end of the chain.
    public let origin: SettingOrigin

    /// A resolved source from its parts.
    public init(_ source: CredentialSource, from origin: SettingOrigin) {
        self.source = source
        self.origin = origin
    }

    /// `access key AKIA… (from environment variable AWS_ACCESS_KEY_ID)`.
    public var description: String {
        origin == .default ? source.description : "\(source) (from \(origin))"
    }
}
