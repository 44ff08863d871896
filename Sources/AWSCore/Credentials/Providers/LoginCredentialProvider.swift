import AWSSigV4

/// Uses the credentials `aws login` cached for a console sign-in session (botocore `LoginCredentialFetcher`,
/// `utils.LoginTokenLoader`), re-reading the cache on every call so a refresh the AWS CLI made is picked up.
///
/// The cache holds `accessToken` {accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt} next to
/// `refreshToken`, `dpopKey` and `clientId`. Refreshing needs the AWS Sign-In `CreateOAuth2Token` call with a
/// DPoP proof, which is not implemented: once the cached credentials expire the user is told to run `aws login`.
struct LoginCredentialProvider: CredentialProvider {
    /// The session and its cache file.
    let source: LoginSource
    /// Clock and file reads.
    let context: CredentialProviderContext

    /// The fields botocore requires before using a cache (`_REQUIRED_TOKEN_FIELDS`).
    static let requiredFields = ["accessToken", "refreshToken", "dpopKey", "clientId"]

    func credentials() async throws -> ExpiringCredentials {
        let session = source.sessionName.value
        let path = source.tokenCachePath
        let bytes: [UInt8]
        do {
            guard let read = try context.readFile(path) else {
                throw CredentialProviderError.loginCacheMissing(session: session, cachePath: path)
            }
            bytes = read
        } catch let error as CredentialProviderError {
            throw error
        } catch {
            throw CredentialProviderError.loginCacheUnreadable(session: session, cachePath: path, reason: "\(error)")
        }
        guard let document = CredentialJSON(bytes) else {
            throw CredentialProviderError.loginCacheUnreadable(
                session: session, cachePath: path, reason: "it is not a JSON object")
        }
        let missing = Self.requiredFields.filter { !document.contains($0) }
        guard missing.isEmpty else {
            throw CredentialProviderError.loginCacheUnreadable(
                session: session, cachePath: path, reason: "missing required fields: \(missing.joined(separator: ", "))")
        }
        guard let token = document.object("accessToken") else {
            throw CredentialProviderError.loginCacheUnreadable(
                session: session, cachePath: path, reason: "accessToken is not an object")
        }
        let credentials: AWSCredentials
        let expiresAt: String
        do throws(CredentialJSON.Missing) {
            credentials = AWSCredentials(
                accessKeyID: try token.require("accessKeyId"), secretAccessKey: try token.require("secretAccessKey"),
                sessionToken: try token.require("sessionToken"))
            expiresAt = try token.require("expiresAt")
        } catch {
            throw CredentialProviderError.loginCacheUnreadable(
                session: session, cachePath: path, reason: "accessToken: \(error.reason)")
        }
        guard let expiry = AWSTimestamp.credentialExpiration(expiresAt) else {
            throw CredentialProviderError.loginCacheUnreadable(
                session: session, cachePath: path, reason: "accessToken.expiresAt \"\(expiresAt)\" is not a timestamp")
        }
        guard expiry > context.clock.currentDate else {
            throw CredentialProviderError.loginExpired(session: session, cachePath: path, expiredAt: expiresAt)
        }
        return ExpiringCredentials(credentials, expiration: expiry)
    }
}
