/// An AWS access key pair, with the session token that temporary credentials carry.
///
/// Every textual form (`description`, `debugDescription`, `dump`, string interpolation) shows the access
/// key ID only; the secret access key and the session token print as `<REDACTED>`.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The access key ID (`AKIA…` for long-term keys, `ASIA…` for temporary ones); not a secret.
    public var accessKeyID: String
    /// The secret access key; it signs requests and is never sent or printed.
    public var secretAccessKey: String
    /// The session token of temporary credentials (STS, SSO, instance roles), sent as `X-Amz-Security-Token`.
    public var sessionToken: String?

    /// Creates credentials from their parts.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key ID with the secret and the token redacted.
    public var description: String {
        let token = sessionToken == nil ? "nil" : redacted
        return "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: \(redacted), sessionToken: \(token))"
    }

    /// The same as `description`: the secret and the token stay redacted.
    public var debugDescription: String { description }

    /// Redacted children, so `dump` and debuggers show no secret either.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyID": accessKeyID,
                "secretAccessKey": redacted,
                "sessionToken": sessionToken == nil ? "nil" : redacted,
            ],
            displayStyle: .struct
        )
    }

    private var redacted: String { "<REDACTED>" }
}
