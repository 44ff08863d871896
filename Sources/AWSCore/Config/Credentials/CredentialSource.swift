/// What the AWS CLI's credential chain would do for the resolved profile, with the data that step needs.
///
/// The cases follow botocore's chain (`credentials.create_credential_resolver`): environment keys, assume-role,
/// web identity, SSO, the credentials file, console login, `credential_process`, the config file's keys, container
/// credentials, instance metadata. Static keys from any of the three places are one case; ``ResolvedCredentialSource``
/// says which place.
public indirect enum CredentialSource: Sendable, Hashable, CustomStringConvertible {
    /// Use these keys as they are.
    case staticKeys(StaticCredentialsSource)
    /// Assume a role with other credentials.
    case assumeRole(AssumeRoleSource)
    /// Assume a role with a web identity token file.
    case webIdentity(WebIdentitySource)
    /// IAM Identity Center role credentials.
    case sso(SSOSource)
    /// `aws login` console session credentials.
    case login(LoginSource)
    /// Run `credential_process`.
    case process(ProcessSource)
    /// The container credentials endpoint.
    case container(ContainerCredentialsSource)
    /// The instance profile, from instance metadata (IMDSv2).
    case instanceMetadata(InstanceMetadataConfiguration)

    /// What will be done, with no secret in it.
    public var description: String {
        switch self {
        case .staticKeys(let source): return source.description
        case .assumeRole(let source): return source.description
        case .webIdentity(let source): return source.description
        case .sso(let source): return source.description
        case .login(let source): return source.description
        case .process(let source): return source.description
        case .container(let source): return source.description
        case .instanceMetadata(let configuration): return "instance profile from \(configuration.endpoint.value)"
        }
    }
}
