import AWSSigV4
import Foundation

/// Always the same credentials: access keys from the environment, a profile or a test.
public struct StaticCredentialProvider: CredentialProvider {
    /// The credentials handed out.
    public let value: ExpiringCredentials

    /// A provider of fixed keys.
    public init(_ credentials: AWSCredentials, expiration: Date? = nil) {
        self.value = ExpiringCredentials(credentials, expiration: expiration)
    }

    /// A provider of the keys a ``StaticCredentialsSource`` resolved from the environment or a profile, with
    /// `AWS_CREDENTIAL_EXPIRATION` as their expiry when it parses.
    public init(_ source: StaticCredentialsSource) {
        self.init(source.credentials, expiration: source.expiration.flatMap(AWSTimestamp.date(fromISO8601:)))
    }

    /// The fixed credentials.
    public func credentials() async throws -> ExpiringCredentials { value }
}
