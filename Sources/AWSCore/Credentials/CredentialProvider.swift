/// Where an ``AWSClient`` gets the credentials for each attempt it signs.
///
/// Called before every attempt, so long-lived providers cache (``CachingCredentialProvider``) and a retry
/// after a credential rotation signs with the new keys.
public protocol CredentialProvider: Sendable {
    /// The credentials to sign with now, with their expiry when they have one.
    func credentials() async throws -> ExpiringCredentials
}
