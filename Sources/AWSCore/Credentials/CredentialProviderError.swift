/// Why a credential provider could not hand out credentials, worded for the person who must fix it.
///
/// Every case names what failed (profile, file, URL, program) and what to do next. None carries a secret: no
/// access key secret, session token, bearer or web identity token, and never a `credential_process`'s standard
/// output (only its exit status and the start of its standard error).
public enum CredentialProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The role needs an MFA code (`mfa_serial`) and there is no terminal to ask for it.
    case mfaCodeUnavailable(profile: String, serialNumber: String)
    /// STS AssumeRole answered with an error or not at all.
    case assumeRoleFailed(profile: String, roleARN: String, reason: String)
    /// The web identity token file is missing or unreadable.
    case webIdentityTokenUnreadable(path: String, origin: SettingOrigin, reason: String)
    /// STS AssumeRoleWithWebIdentity answered with an error or not at all.
    case webIdentityFailed(roleARN: String, tokenFile: String, reason: String)
    /// No `aws sso login` token in the cache.
    case ssoTokenMissing(profile: String, cachePath: String)
    /// The cached SSO token has expired.
    case ssoTokenExpired(profile: String, cachePath: String, expiredAt: String)
    /// The SSO token cache file is not what the AWS CLI writes.
    case ssoTokenUnreadable(profile: String, cachePath: String, reason: String)
    /// The SSO portal refused the token or failed; `loginRequired` when a new `aws sso login` fixes it.
    case ssoRequestFailed(profile: String, url: String, reason: String, loginRequired: Bool)
    /// No `aws login` session in the cache.
    case loginCacheMissing(session: String, cachePath: String)
    /// The `aws login` cache file is not what the AWS CLI writes.
    case loginCacheUnreadable(session: String, cachePath: String, reason: String)
    /// The cached console session credentials have expired (refreshing them needs the AWS CLI).
    case loginExpired(session: String, cachePath: String, expiredAt: String)
    /// `credential_process` could not be started.
    case processLaunchFailed(program: String, origin: SettingOrigin, reason: String)
    /// `credential_process` exited with a non-zero status; `stderr` is the start of its standard error.
    case processFailed(program: String, origin: SettingOrigin, exitStatus: Int32, stderr: String)
    /// `credential_process` printed something other than a version 1 credentials document.
    case processOutputInvalid(program: String, origin: SettingOrigin, reason: String)
    /// The container authorization token file is missing, unreadable or holds a line break.
    case containerTokenUnreadable(path: String, origin: SettingOrigin, reason: String)
    /// The container credentials endpoint gave no usable answer.
    case containerRequestFailed(url: String, reason: String)
    /// Instance metadata gave no usable answer.
    case instanceMetadataFailed(endpoint: String, reason: String)
    /// No IMDSv2 session token could be had, and the IMDSv1 fallback is switched off.
    case instanceMetadataV1Disabled(endpoint: String, origin: SettingOrigin)
    /// A credentials service answered 2xx with a document lacking what it must hold.
    case malformedResponse(service: String, url: String, reason: String)

    /// What failed, where, and what to do next.
    public var description: String {
        switch self {
        case .mfaCodeUnavailable(let profile, let serial):
            return "The role of profile \"\(profile)\" needs an MFA code for \(serial), and there is no terminal to "
                + "ask for it; run the command in a terminal, or use a profile without mfa_serial"
        case .assumeRoleFailed(let profile, let roleARN, let reason):
            return "Could not assume role \(roleARN) for profile \"\(profile)\": \(reason); check that the source "
                + "credentials may call sts:AssumeRole on it and that the role's trust policy allows them"
        case .webIdentityTokenUnreadable(let path, let origin, let reason):
            return "Could not read the web identity token file \(path) (from \(origin)): \(reason); check the path "
                + "and that the file is mounted and readable"
        case .webIdentityFailed(let roleARN, let tokenFile, let reason):
            return "Could not assume role \(roleARN) with the web identity token in \(tokenFile): \(reason); check "
                + "the role's trust policy for the token's issuer and audience"
        case .ssoTokenMissing(let profile, let cachePath):
            return "No SSO session for profile \"\(profile)\": the token cache \(cachePath) does not exist; "
                + "run `aws sso login --profile \(profile)`"
        case .ssoTokenExpired(let profile, let cachePath, let expiredAt):
            return "The SSO session for profile \"\(profile)\" expired at \(expiredAt) (token cache \(cachePath)); "
                + "run `aws sso login --profile \(profile)`"
        case .ssoTokenUnreadable(let profile, let cachePath, let reason):
            return "The SSO token cache \(cachePath) for profile \"\(profile)\" cannot be used: \(reason); "
                + "run `aws sso login --profile \(profile)` to write it again"
        case .ssoRequestFailed(let profile, let url, let reason, let loginRequired):
            let next = loginRequired
                ? "run `aws sso login --profile \(profile)`"
                : "check sso_account_id and sso_role_name, then try again"
            return "IAM Identity Center (\(url)) gave no role credentials for profile \"\(profile)\": \(reason); \(next)"
        case .loginCacheMissing(let session, let cachePath):
            return "No console login session \"\(session)\": the cache \(cachePath) does not exist; run `aws login`"
        case .loginCacheUnreadable(let session, let cachePath, let reason):
            return "The console login cache \(cachePath) for session \"\(session)\" cannot be used: \(reason); "
                + "run `aws login` to write it again"
        case .loginExpired(let session, let cachePath, let expiredAt):
            return "The console login session \"\(session)\" expired at \(expiredAt) (cache \(cachePath)); "
                + "run `aws login` (or any AWS CLI command with this profile) to refresh it"
        case .processLaunchFailed(let program, let origin, let reason):
            return "credential_process \(program) (\(origin)) could not be started: \(reason); check the command"
        case .processFailed(let program, let origin, let status, let stderr):
            let output = stderr.isEmpty ? "nothing on standard error" : "standard error:\n\(stderr)"
            return "credential_process \(program) (\(origin)) exited with status \(status); \(output)"
        case .processOutputInvalid(let program, let origin, let reason):
            return "credential_process \(program) (\(origin)) \(reason); it must print "
                + "{\"Version\": 1, \"AccessKeyId\": …, \"SecretAccessKey\": …} on standard output"
        case .containerTokenUnreadable(let path, let origin, let reason):
            return "Could not read the container authorization token file \(path) (from \(origin)): \(reason)"
        case .containerRequestFailed(let url, let reason):
            return "The container credentials endpoint \(url) gave no credentials: \(reason); check that the task "
                + "or pod has a role and that AWS_CONTAINER_CREDENTIALS_* are set by the platform"
        case .instanceMetadataFailed(let endpoint, let reason):
            return "Instance metadata (\(endpoint)) gave no credentials: \(reason); this works only on EC2 with an "
                + "instance profile; elsewhere configure credentials (aws configure, aws sso login)"
        case .instanceMetadataV1Disabled(let endpoint, let origin):
            return "Instance metadata (\(endpoint)) gave no IMDSv2 session token and IMDSv1 is switched off (\(origin)); "
                + "check the instance's metadata options (http-put-response-hop-limit 2 inside containers)"
        case .malformedResponse(let service, let url, let reason):
            return "\(service) (\(url)) answered without usable credentials: \(reason)"
        }
    }
}
