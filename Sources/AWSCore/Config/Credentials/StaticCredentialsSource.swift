import AWSSigV4

/// Access keys read from the environment or a profile, used as they are.
///
/// Printed forms show the access key ID only (``AWSCredentials`` redacts the secret and the token).
public struct StaticCredentialsSource: Sendable, Hashable, CustomStringConvertible {
    /// The keys, with the session token if one was given.
    public let credentials: AWSCredentials
    /// `AWS_CREDENTIAL_EXPIRATION` as written (environment only); botocore refreshes from the environment after it.
    public let expiration: String?
    /// `AWS_ACCOUNT_ID` / `aws_account_id`, when given.
    public let accountID: String?

    /// A source from its parts.
    public init(credentials: AWSCredentials, expiration: String? = nil, accountID: String? = nil) {
        self.credentials = credentials
        self.expiration = expiration
        self.accountID = accountID
    }

    /// `access key AKIA… (with session token)`; never the secret.
    public var description: String {
        "access key \(credentials.accessKeyID)" + (credentials.sessionToken == nil ? "" : " with a session token")
    }
}
