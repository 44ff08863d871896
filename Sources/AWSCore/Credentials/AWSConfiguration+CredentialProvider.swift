extension AWSConfiguration {
    /// The provider for the credential source the AWS CLI's chain picks (``credentialSource()``), cached and
    /// refreshed 5 minutes before expiry.
    ///
    /// Nothing is fetched here: the first ``CredentialProvider/credentials()`` call does the I/O. An assume-role
    /// chain becomes nested providers, each level cached, so the source credentials are reused across refreshes.
    ///
    /// - Throws: ``CredentialSourceError`` or ``AWSConfigError`` as ``credentialSource()`` does;
    ///   ``EndpointResolutionError`` when the STS or SSO endpoint cannot be resolved.
    public func credentialProvider(context: CredentialProviderContext) throws -> any CredentialProvider {
        try cachedProvider(for: credentialSource(), profile: profileName.value, context: context)
    }

    private func cachedProvider(
        for resolved: ResolvedCredentialSource, profile: String, context: CredentialProviderContext
    ) throws -> CachingCredentialProvider {
        CachingCredentialProvider(
            wrapping: try provider(for: resolved, profile: profile, context: context), clock: context.clock)
    }

    private func provider(
        for resolved: ResolvedCredentialSource, profile: String, context: CredentialProviderContext
    ) throws -> any CredentialProvider {
        let defaultSessionName = AssumeRoleCredentialProvider.defaultSessionName(at: context.clock)
        switch resolved.source {
        case .staticKeys(let keys):
            return StaticCredentialProvider(keys)
        case .assumeRole(let role):
            let sourceProfile: String
            switch role.source {
            case .sourceProfile(let name, _): sourceProfile = name
            case .credentialSource: sourceProfile = profile
            }
            let inner = try cachedProvider(for: role.source.credentials, profile: sourceProfile, context: context)
            return AssumeRoleCredentialProvider(
                role: role, profile: role.profile,
                sessionName: role.roleSessionName?.value ?? defaultSessionName,
                endpoint: try stsEndpoint(),
                client: AWSClient(
                    transport: context.transport, credentialProvider: inner, retryPolicy: credentialRetryPolicy,
                    clock: context.clock, logger: context.logger),
                mfaTokenCode: context.mfaTokenCode)
        case .webIdentity(let source):
            return WebIdentityCredentialProvider(
                source: source,
                sessionName: source.roleSessionName?.value ?? defaultSessionName,
                endpoint: try stsEndpoint(), retryPolicy: credentialRetryPolicy, context: context)
        case .sso(let source):
            return SSOCredentialProvider(
                source: source, profile: profile, endpoint: try endpoint(for: .sso, region: source.region.value),
                retryPolicy: credentialRetryPolicy, context: context)
        case .login(let source):
            return LoginCredentialProvider(source: source, context: context)
        case .process(let source):
            return ProcessCredentialProvider(source: source, runner: context.processRunner)
        case .container(let source):
            return ContainerCredentialProvider(source: source, context: context)
        case .instanceMetadata(let configuration):
            return InstanceMetadataCredentialProvider(
                client: InstanceMetadataClient(configuration: configuration, context: context))
        }
    }

    /// STS in the command's region, as botocore's assume-role client is created with the session's last client
    /// region (`session._last_client_region_used`, `_get_client_creator`); us-east-1 when none is configured
    /// (botocore's STS rules resolve a missing region to the global endpoint, which signs for us-east-1).
    private func stsEndpoint() throws -> ResolvedEndpoint {
        try endpoint(for: .sts, region: region.setting?.value ?? "us-east-1")
    }

    /// The configured attempts with the standard retry rules.
    private var credentialRetryPolicy: RetryPolicy { .standard(maxAttempts: retry.maxAttempts.value) }
}
