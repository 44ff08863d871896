import AWSSigV4

/// The AWS CLI's credential provider chain, evaluated as configuration only: it decides which provider would
/// supply credentials and gathers what that provider needs, without any network call, process or file read.
///
/// Order from botocore's `create_credential_resolver` and `ProfileProviderBuilder.providers`:
/// environment → assume-role → web identity → SSO → credentials file → console login → `credential_process` →
/// config file keys → container → instance metadata. An explicit `--profile` removes the environment keys and the
/// web identity variables from the chain. botocore's legacy boto2 sources (`AWS_CREDENTIAL_FILE`, `~/.boto`) are
/// not consulted.
struct CredentialSourceSelection {
    let environment: [String: String]
    let shared: AWSSharedConfig
    let profile: AWSProfile
    let explicitProfile: Bool
    let instanceMetadata: InstanceMetadataConfiguration

    func resolve() throws -> ResolvedCredentialSource {
        if !explicitProfile, let keys = try environmentKeys() { return keys }
        if let roleARN = try assumeRoleARN(profile) {
            var visited = [profile.name]
            return try assumeRole(profile, roleARN: roleARN, visited: &visited)
        }
        if let source = try profileProviders(profile, environmentEnabled: !explicitProfile) { return source }
        if let container = try containerCredentials() { return container }
        guard !instanceMetadata.isDisabled.value else { throw CredentialSourceError.noCredentials(profile: profile.name) }
        return ResolvedCredentialSource(.instanceMetadata(instanceMetadata), from: .default)
    }

    var lookup: SettingLookup { SettingLookup(environment: environment, profile: profile) }

    // MARK: - Environment (botocore `EnvProvider`)

    /// `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY`, the token from `AWS_SECURITY_TOKEN` then `AWS_SESSION_TOKEN`
    /// (botocore's order), `AWS_CREDENTIAL_EXPIRATION`, `AWS_ACCOUNT_ID`; nothing when no access key ID is set.
    func environmentKeys() throws -> ResolvedCredentialSource? {
        guard let accessKey = lookup.environment("AWS_ACCESS_KEY_ID") else { return nil }
        guard let secret = lookup.environment("AWS_SECRET_ACCESS_KEY") else {
            throw CredentialSourceError.partialCredentials(
                source: "environment variables", missing: "AWS_SECRET_ACCESS_KEY", origin: accessKey.origin)
        }
        let keys = StaticCredentialsSource(
            credentials: AWSCredentials(
                accessKeyID: accessKey.value, secretAccessKey: secret.value,
                sessionToken: lookup.environment("AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN")?.value),
            expiration: lookup.environment("AWS_CREDENTIAL_EXPIRATION")?.value,
            accountID: lookup.environment("AWS_ACCOUNT_ID")?.value)
        return ResolvedCredentialSource(.staticKeys(keys), from: accessKey.origin)
    }

    // MARK: - Container (botocore `ContainerProvider`, `ContainerMetadataFetcher`)

    /// The addresses besides loopback that may be reached over plain HTTP for container credentials.
    static let containerHosts = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23"].compactMap { IPAddressLiteral($0) }

    func containerCredentials() throws -> ResolvedCredentialSource? {
        let raw: ResolvedSetting<String>
        if let relative = lookup.environment("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            raw = relative.map { "http://169.254.170.2" + $0 }
        } else if let full = lookup.environment("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            raw = full
        } else {
            return nil
        }
        let url: EndpointURL
        do throws(EndpointURLProblem) {
            url = try EndpointURL(
                validating: raw.value, plainHTTPAllowedFor: Self.containerHosts,
                allowedDescription: "loopback hosts and 169.254.170.2, 169.254.170.23, fd00:ec2::23", allowingQuery: true)
        } catch {
            throw CredentialSourceError.invalidContainerEndpoint(raw, problem: error)
        }
        var authorization: ContainerAuthorization?
        if let file = lookup.environment("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            authorization = .tokenFile(file)
        } else if let token = lookup.environment("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            guard !token.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw CredentialSourceError.invalidContainerAuthorizationToken(origin: token.origin)
            }
            authorization = .token(token.value, origin: token.origin)
        }
        let source = ContainerCredentialsSource(url: ResolvedSetting(url, from: raw.origin), authorization: authorization)
        return ResolvedCredentialSource(.container(source), from: raw.origin)
    }
}
