/// Why the credential chain cannot pick a source: the configuration errors botocore raises, worded to say what to fix.
///
/// No case carries a secret: partial keys name the missing key, never the present one's value.
public enum CredentialSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An access key ID without its secret key (botocore's `PartialCredentialsError`).
    case partialCredentials(source: String, missing: String, origin: SettingOrigin)
    /// A role profile with both `source_profile` and `credential_source` (`InvalidConfigError`).
    case roleSourceConflict(profile: String, roleARN: SettingOrigin)
    /// A role profile with neither `source_profile` nor `credential_source` (`PartialCredentialsError`).
    case roleSourceMissing(profile: String, roleARN: SettingOrigin)
    /// `credential_source` is not `Environment`, `Ec2InstanceMetadata` or `EcsContainer` (`InvalidConfigError`).
    case unknownCredentialSource(ResolvedSetting<String>, profile: String)
    /// `source_profile` names a profile that does not exist (`InvalidConfigError`).
    case sourceProfileNotFound(ResolvedSetting<String>, profile: String)
    /// `source_profile` links loop back to a profile already visited (`InfiniteLoopConfigError`).
    case roleChainCycle(profiles: [String])
    /// A `source_profile` has no credentials of its own (`InvalidConfigError`).
    case sourceProfileHasNoCredentials(profile: String, referencedBy: String)
    /// `credential_source` names a source that has nothing (`CredentialRetrievalError`).
    case credentialSourceEmpty(NamedCredentialSource, profile: String)
    /// A web identity token file but no role ARN (`InvalidConfigError`).
    case webIdentityRoleARNMissing(tokenFile: ResolvedSetting<String>)
    /// `sso_session` names a missing `[sso-session NAME]` section (`InvalidConfigError`).
    case ssoSessionNotFound(ResolvedSetting<String>, profile: String)
    /// A profile set up for SSO lacks required keys (`InvalidConfigError`).
    case ssoConfigurationIncomplete(profile: String, missing: [String])
    /// A key differs between the profile and its `[sso-session]` section (`InvalidConfigError`).
    case ssoConfigurationConflict(key: String, profileValue: ResolvedSetting<String>, sessionValue: ResolvedSetting<String>)
    /// `duration_seconds` is not a whole number of seconds.
    case invalidDurationSeconds(ResolvedSetting<String>)
    /// `credential_process` cannot be split into a command.
    case invalidCredentialProcess(ResolvedSetting<String>, reason: String)
    /// The container credentials URI cannot be used.
    case invalidContainerEndpoint(ResolvedSetting<String>, problem: EndpointURLProblem)
    /// `AWS_CONTAINER_AUTHORIZATION_TOKEN` contains a line break, which no HTTP header may hold.
    case invalidContainerAuthorizationToken(origin: SettingOrigin)
    /// Nothing in the chain has credentials and instance metadata is switched off (`NoCredentialsError`).
    case noCredentials(profile: String)

    /// What is wrong and what to do about it.
    public var description: String {
        switch self {
        case .partialCredentials(let source, let missing, let origin):
            return "Partial credentials found in \(source), missing: \(missing) (the access key ID is set by \(origin)); "
                + "set \(missing) too, or remove the access key ID"
        case .roleSourceConflict(let profile, let roleARN):
            return "The profile \"\(profile)\" (role_arn at \(roleARN)) contains both source_profile and credential_source; "
                + "keep only one: source_profile to use another profile's credentials, credential_source for "
                + "Environment, Ec2InstanceMetadata or EcsContainer"
        case .roleSourceMissing(let profile, let roleARN):
            return "The profile \"\(profile)\" has role_arn (\(roleARN)) but neither source_profile nor "
                + "credential_source; add one of them to say which credentials assume the role"
        case .unknownCredentialSource(let value, let profile):
            return "The credential source \"\(value.value)\" referenced in profile \"\(profile)\" (\(value.origin)) is not "
                + "valid; use Environment, Ec2InstanceMetadata or EcsContainer (spelled exactly so)"
        case .sourceProfileNotFound(let source, let profile):
            return "The source_profile \"\(source.value)\" referenced in the profile \"\(profile)\" (\(source.origin)) "
                + "does not exist; define [profile \(source.value)] or fix the name"
        case .roleChainCycle(let profiles):
            return "Infinite loop in credential configuration detected: \(profiles.joined(separator: " → ")); "
                + "one profile in the chain needs credentials of its own (keys, SSO, credential_process or "
                + "credential_source) instead of another source_profile"
        case .sourceProfileHasNoCredentials(let profile, let referencedBy):
            return "The source profile \"\(profile)\" (source_profile of \"\(referencedBy)\") must have credentials; "
                + "give it keys, SSO settings, credential_process or a role of its own"
        case .credentialSourceEmpty(let source, let profile):
            let fix: String
            switch source {
            case .environment: fix = "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
            case .ec2InstanceMetadata: fix = "run on EC2 with an instance profile and without AWS_EC2_METADATA_DISABLED=true"
            case .ecsContainer: fix = "run in a container that sets AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI"
            }
            return "No credentials found in credential_source \(source.rawValue) referenced in profile \(profile); \(fix)"
        case .webIdentityRoleARNMissing(let tokenFile):
            return "A web identity token file is configured (\(tokenFile.value), from \(tokenFile.origin)) but no role "
                + "ARN; set role_arn in the profile or the AWS_ROLE_ARN environment variable"
        case .ssoSessionNotFound(let name, let profile):
            return "The specified sso-session does not exist: \"\(name.value)\" (profile \"\(profile)\", \(name.origin)); "
                + "add [sso-session \(name.value)] with sso_start_url and sso_region to the config file"
        case .ssoConfigurationIncomplete(let profile, let missing):
            return "The profile \"\(profile)\" is configured to use SSO but is missing required configuration: "
                + "\(missing.joined(separator: ", ")); run \"aws configure sso\" or add them"
        case .ssoConfigurationConflict(let key, let profileValue, let sessionValue):
            return "The value for \(key) is inconsistent between profile (\(profileValue.value), \(profileValue.origin)) "
                + "and sso-session (\(sessionValue.value), \(sessionValue.origin)); remove it from the profile"
        case .invalidDurationSeconds(let value):
            return "duration_seconds = \(value.value) (\(value.origin)) is not a whole number of seconds; "
                + "write a number such as 3600"
        case .invalidCredentialProcess(let command, let reason):
            return "credential_process (\(command.origin)) cannot be run: \(reason)"
        case .invalidContainerEndpoint(let url, let problem):
            return "The container credentials URI \(EndpointURL.redactingUserInfo(url.value)) (from \(url.origin)) "
                + "cannot be used: \(problem)"
        case .invalidContainerAuthorizationToken(let origin):
            return "The container authorization token (from \(origin)) contains a line break, which is not a legal "
                + "header value; remove it"
        case .noCredentials(let profile):
            return "Unable to locate credentials for profile \"\(profile)\": no environment keys, profile settings, "
                + "container endpoint, and instance metadata is switched off by AWS_EC2_METADATA_DISABLED=true; "
                + "run \"aws configure\" or \"aws sso login\", or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        }
    }
}
