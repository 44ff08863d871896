/// Assumes a role with STS AssumeRoleWithWebIdentity, unsigned, with the token file read afresh on every call
/// (botocore `AssumeRoleWithWebIdentityCredentialFetcher`, `FileWebIdentityTokenLoader`).
struct WebIdentityCredentialProvider: CredentialProvider {
    /// The token file and role.
    let source: WebIdentitySource
    /// `role_session_name`, or `botocore-session-<epoch seconds>` made once when the provider was built.
    let sessionName: String
    /// The STS endpoint.
    let endpoint: ResolvedEndpoint
    /// Retries as configured.
    let retryPolicy: RetryPolicy
    /// Network, file reads and the log.
    let context: CredentialProviderContext

    func credentials() async throws -> ExpiringCredentials {
        let path = source.tokenFile.value
        let token: String
        do {
            guard let bytes = try context.readFile(path) else {
                throw CredentialProviderError.webIdentityTokenUnreadable(
                    path: path, origin: source.tokenFile.origin, reason: "the file does not exist")
            }
            // botocore sends the file's text as read, without trimming.
            token = String(decoding: bytes, as: UTF8.self)
        } catch let error as CredentialProviderError {
            throw error
        } catch {
            throw CredentialProviderError.webIdentityTokenUnreadable(
                path: path, origin: source.tokenFile.origin, reason: "\(error)")
        }
        let request = AWSQueryProtocol.sts.request(action: "AssumeRoleWithWebIdentity") { parameters in
            parameters.add("RoleArn", source.roleARN.value)
            parameters.add("RoleSessionName", sessionName)
            parameters.add("WebIdentityToken", token)
        }
        let response: AWSHTTPResponse
        do {
            response = try await CredentialHTTP(context: context).execute(
                CredentialHTTP.unsigned(request, endpoint: endpoint),
                operation: OperationRetryTraits(
                    service: "sts", operation: "AssumeRoleWithWebIdentity", idempotency: .repeatable),
                serviceName: AWSQueryProtocol.sts.serviceName, retryPolicy: retryPolicy, secrets: [token])
        } catch let error as AWSServiceError {
            throw CredentialProviderError.webIdentityFailed(
                roleARN: source.roleARN.value, tokenFile: path, reason: error.description)
        } catch let error as RetryStoppedError {
            throw CredentialProviderError.webIdentityFailed(
                roleARN: source.roleARN.value, tokenFile: path, reason: "\(error) (\(endpoint.url))")
        }
        return try STSCredentialsResult.credentials(
            in: response, action: "AssumeRoleWithWebIdentity", url: endpoint.url.absoluteString)
    }
}
