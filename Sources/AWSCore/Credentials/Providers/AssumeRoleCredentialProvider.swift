/// Assumes a profile's `role_arn` with STS AssumeRole, signed with another provider's credentials
/// (botocore `AssumeRoleCredentialFetcher`).
struct AssumeRoleCredentialProvider: CredentialProvider {
    /// The role settings.
    let role: AssumeRoleSource
    /// The profile the role was configured for, for messages.
    let profile: String
    /// `role_session_name`, or `botocore-session-<epoch seconds>` made once when the provider was built.
    let sessionName: String
    /// The STS endpoint, signed for the region the command uses.
    let endpoint: ResolvedEndpoint
    /// Signs with the source credentials; retries as configured.
    let client: AWSClient
    /// Asks for the MFA code when `mfa_serial` is set.
    let mfaTokenCode: (@Sendable (String) async throws -> String)?

    /// botocore's name for a session when `role_session_name` is not set (`_generate_assume_role_name`).
    static func defaultSessionName(at clock: any AWSClock) -> String {
        "botocore-session-\(Int64(clock.currentDate.timeIntervalSince1970.rounded(.down)))"
    }

    func credentials() async throws -> ExpiringCredentials {
        var tokenCode: String?
        if let serial = role.mfaSerial?.value {
            // botocore prompts on every AssumeRole call (`_assume_role_kwargs`); so does this.
            guard let mfaTokenCode else {
                throw CredentialProviderError.mfaCodeUnavailable(profile: profile, serialNumber: serial)
            }
            tokenCode = try await mfaTokenCode(serial)
        }
        let request = AWSQueryProtocol.sts.request(action: "AssumeRole") { parameters in
            parameters.add("RoleArn", role.roleARN.value)
            parameters.add("RoleSessionName", sessionName)
            parameters.add("ExternalId", role.externalID?.value)
            parameters.add("SerialNumber", role.mfaSerial?.value)
            parameters.add("TokenCode", tokenCode)
            parameters.add("DurationSeconds", role.durationSeconds?.value)
        }
        let response: AWSHTTPResponse
        do {
            response = try await client.execute(
                request, endpoint: endpoint,
                traits: OperationRetryTraits(service: "sts", operation: "AssumeRole", idempotency: .repeatable))
        } catch let error as AWSServiceError {
            throw CredentialProviderError.assumeRoleFailed(
                profile: profile, roleARN: role.roleARN.value, reason: error.description)
        } catch let error as RetryStoppedError {
            throw CredentialProviderError.assumeRoleFailed(
                profile: profile, roleARN: role.roleARN.value, reason: "\(error) (\(endpoint.url))")
        }
        return try STSCredentialsResult.credentials(
            in: response, action: "AssumeRole", url: endpoint.url.absoluteString)
    }
}
