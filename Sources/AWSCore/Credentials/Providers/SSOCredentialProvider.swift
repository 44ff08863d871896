import AWSSigV4

/// Gets IAM Identity Center role credentials with the token `aws sso login` cached (botocore `SSOCredentialFetcher`,
/// `utils.SSOTokenLoader`): `GET /federation/credentials` on the SSO portal, unsigned, bearer token in a header.
///
/// The token is read from the cache on every call and never refreshed here: an expired one means
/// `aws sso login` again (the AWS CLI refreshes `sso_session` tokens through SSO-OIDC itself).
struct SSOCredentialProvider: CredentialProvider {
    /// Account, role, region and token cache.
    let source: SSOSource
    /// The profile holding the SSO settings, for the `aws sso login --profile` advice.
    let profile: String
    /// The portal endpoint for `sso_region`.
    let endpoint: ResolvedEndpoint
    /// Retries as configured.
    let retryPolicy: RetryPolicy
    /// Network, clock, file reads and the log.
    let context: CredentialProviderContext

    func credentials() async throws -> ExpiringCredentials {
        let token = try cachedToken()
        // botocore's rest-json serialiser: querystring members in shape order (roleName, accountId).
        let request = AWSHTTPRequest(
            method: "GET", path: "/federation/credentials",
            queryItems: [
                .init(name: "role_name", value: source.roleName.value),
                .init(name: "account_id", value: source.accountID.value),
            ],
            headers: ["x-amz-sso_bearer_token": token], body: [])
        let wire = CredentialHTTP.unsigned(request, endpoint: endpoint)
        let response: AWSHTTPResponse
        do {
            response = try await CredentialHTTP(context: context).execute(
                wire,
                operation: OperationRetryTraits(service: "sso", operation: "GetRoleCredentials", idempotency: .readOnly),
                serviceName: "SSO", retryPolicy: retryPolicy, secrets: [token])
        } catch let error as AWSServiceError {
            // UnauthorizedException (401) is botocore's `UnauthorizedSSOTokenError`: the session is over.
            throw CredentialProviderError.ssoRequestFailed(
                profile: profile, url: endpoint.url.absoluteString, reason: error.description,
                loginRequired: error.statusCode == 401 || error.code == "UnauthorizedException")
        } catch let error as RetryStoppedError {
            throw CredentialProviderError.ssoRequestFailed(
                profile: profile, url: endpoint.url.absoluteString, reason: "\(error)", loginRequired: false)
        }
        return try roleCredentials(in: response.body)
    }

    /// The cached `accessToken`, if `expiresAt` is still ahead.
    private func cachedToken() throws -> String {
        let path = source.tokenCachePath
        let bytes: [UInt8]
        do {
            guard let read = try context.readFile(path) else {
                throw CredentialProviderError.ssoTokenMissing(profile: profile, cachePath: path)
            }
            bytes = read
        } catch let error as CredentialProviderError {
            throw error
        } catch {
            throw CredentialProviderError.ssoTokenUnreadable(profile: profile, cachePath: path, reason: "\(error)")
        }
        guard let document = CredentialJSON(bytes) else {
            throw CredentialProviderError.ssoTokenUnreadable(
                profile: profile, cachePath: path, reason: "it is not a JSON object")
        }
        let token: String
        let expiresAt: String
        do throws(CredentialJSON.Missing) {
            token = try document.require("accessToken")
            expiresAt = try document.require("expiresAt")
        } catch {
            throw CredentialProviderError.ssoTokenUnreadable(profile: profile, cachePath: path, reason: error.reason)
        }
        guard let expiry = AWSTimestamp.credentialExpiration(expiresAt) else {
            throw CredentialProviderError.ssoTokenUnreadable(
                profile: profile, cachePath: path, reason: "expiresAt \"\(expiresAt)\" is not a timestamp")
        }
        guard expiry > context.clock.currentDate else {
            throw CredentialProviderError.ssoTokenExpired(profile: profile, cachePath: path, expiredAt: expiresAt)
        }
        return token
    }

    /// `{"roleCredentials": {accessKeyId, secretAccessKey, sessionToken, expiration (epoch milliseconds)}}`
    /// (`sso/2019-06-10/service-2.json` `RoleCredentials`).
    private func roleCredentials(in body: [UInt8]) throws -> ExpiringCredentials {
        let url = endpoint.url.absoluteString
        guard let credentials = CredentialJSON(body)?.object("roleCredentials") else {
            throw CredentialProviderError.malformedResponse(
                service: "SSO GetRoleCredentials", url: url, reason: "the answer has no roleCredentials object")
        }
        do throws(CredentialJSON.Missing) {
            let keys = AWSCredentials(
                accessKeyID: try credentials.require("accessKeyId"),
                secretAccessKey: try credentials.require("secretAccessKey"),
                sessionToken: try credentials.require("sessionToken"))
            guard let milliseconds = credentials.number("expiration") else {
                throw CredentialJSON.Missing(key: "expiration")
            }
            return ExpiringCredentials(keys, expiration: AWSTimestamp.date(fromEpochSeconds: milliseconds / 1000))
        } catch {
            throw CredentialProviderError.malformedResponse(
                service: "SSO GetRoleCredentials", url: url, reason: error.reason)
        }
    }
}
