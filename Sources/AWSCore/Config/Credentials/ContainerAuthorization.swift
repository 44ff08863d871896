/// Where the container endpoint's `Authorization` header comes from; the token itself is never printed.
public enum ContainerAuthorization: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`: read the file on every request (EKS Pod Identity rotates it).
    case tokenFile(ResolvedSetting<String>)
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN`: the token itself, and the variable it came from.
    case token(String, origin: SettingOrigin)

    /// `the token in PATH` or `the token in environment variable …`; never the token.
    public var description: String {
        switch self {
        case .tokenFile(let path): return "the authorization token in \(path.value)"
        case .token(_, let origin): return "the authorization token from \(origin)"
        }
    }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// No token in `dump` either.
    public var customMirror: Mirror { Mirror(self, children: ["authorization": description]) }
}
