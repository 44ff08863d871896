extension CredentialSourceSelection {
    /// botocore's `_has_assume_role_config_vars`: `role_arn` without `web_identity_token_file`; the role ARN, or `nil`.
    func assumeRoleARN(_ profile: AWSProfile) throws -> ResolvedSetting<String>? {
        guard !profile.has("web_identity_token_file") else { return nil }
        return try profile.text("role_arn")
    }

    /// botocore's `_has_static_credentials`: either key of a pair.
    func hasStaticKeys(_ profile: AWSProfile) -> Bool {
        profile.has("aws_access_key_id") || profile.has("aws_secret_access_key")
    }

    /// botocore's `AssumeRoleProvider._load_creds_via_assume_role` for `profile`; `visited` is the chain so far.
    func assumeRole(_ profile: AWSProfile, roleARN: ResolvedSetting<String>, visited: inout [String]) throws
        -> ResolvedCredentialSource
    {
        let sourceProfile = try profile.text("source_profile")
        let credentialSource = try profile.text("credential_source")
        let source: AssumeRoleCredentials
        switch (sourceProfile, credentialSource) {
        case (.some, .some):
            throw CredentialSourceError.roleSourceConflict(profile: profile.name, roleARN: roleARN.origin)
        case (nil, nil):
            throw CredentialSourceError.roleSourceMissing(profile: profile.name, roleARN: roleARN.origin)
        case (nil, .some(let name)):
            guard let named = NamedCredentialSource(rawValue: name.value) else {
                throw CredentialSourceError.unknownCredentialSource(name, profile: profile.name)
            }
            source = .credentialSource(named, try credentials(from: named, profile: profile.name))
        case (.some(let name), nil):
            let base = try validatedSourceProfile(name, of: profile, visited: visited)
            visited.append(base.name)
            let baseCredentials = try credentials(fromSourceProfile: base, referencedBy: profile.name, visited: &visited)
            source = .sourceProfile(base.name, baseCredentials)
        }
        let role = AssumeRoleSource(
            profile: profile.name, roleARN: roleARN, roleSessionName: try profile.text("role_session_name"),
            externalID: try profile.text("external_id"), mfaSerial: try profile.text("mfa_serial"),
            durationSeconds: try durationSeconds(profile), source: source)
        return ResolvedCredentialSource(.assumeRole(role), from: roleARN.origin)
    }

    /// botocore's `_validate_source_profile`: the profile exists, and revisiting one is a loop unless a profile
    /// names itself and has static keys (it then assumes its role with its own keys).
    private func validatedSourceProfile(_ name: ResolvedSetting<String>, of parent: AWSProfile, visited: [String]) throws
        -> AWSProfile
    {
        guard let source = shared.profile(named: name.value) else {
            throw CredentialSourceError.sourceProfileNotFound(name, profile: parent.name)
        }
        if visited.contains(name.value), name.value != parent.name || !hasStaticKeys(source) {
            throw CredentialSourceError.roleChainCycle(profiles: visited + [name.value])
        }
        return source
    }

    /// botocore's `_resolve_credentials_from_profile`: a source profile with keys, or without a role of its own,
    /// runs its profile providers (environment variables off); otherwise its role is assumed in turn.
    private func credentials(fromSourceProfile source: AWSProfile, referencedBy parent: String, visited: inout [String])
        throws -> ResolvedCredentialSource
    {
        if !hasStaticKeys(source), let roleARN = try assumeRoleARN(source) {
            return try assumeRole(source, roleARN: roleARN, visited: &visited)
        }
        guard let credentials = try profileProviders(source, environmentEnabled: false) else {
            throw CredentialSourceError.sourceProfileHasNoCredentials(profile: source.name, referencedBy: parent)
        }
        return credentials
    }

    /// botocore's `CanonicalNameCredentialSourcer.source_credentials`: the named provider must have credentials.
    private func credentials(from named: NamedCredentialSource, profile: String) throws -> ResolvedCredentialSource {
        let found: ResolvedCredentialSource?
        switch named {
        case .environment: found = try environmentKeys()
        case .ecsContainer: found = try containerCredentials()
        case .ec2InstanceMetadata:
            found = instanceMetadata.isDisabled.value
                ? nil : ResolvedCredentialSource(.instanceMetadata(instanceMetadata), from: .default)
        }
        guard let found else { throw CredentialSourceError.credentialSourceEmpty(named, profile: profile) }
        return found
    }

    /// `duration_seconds` read with Python's `int()`, as botocore does; botocore silently drops a value `int()`
    /// rejects, this says so instead. STS checks the range (900 s up to the role's maximum).
    private func durationSeconds(_ profile: AWSProfile) throws -> ResolvedSetting<Int>? {
        guard let raw = try profile.text("duration_seconds") else { return nil }
        guard let seconds = PythonText.int(raw.value) else { throw CredentialSourceError.invalidDurationSeconds(raw) }
        return ResolvedSetting(seconds, from: raw.origin)
    }
}
