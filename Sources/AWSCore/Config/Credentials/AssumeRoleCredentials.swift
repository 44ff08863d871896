/// Where an assumed role's caller credentials come from: `source_profile` or `credential_source`.
public indirect enum AssumeRoleCredentials: Sendable, Hashable, CustomStringConvertible {
    /// `source_profile = NAME`: whatever that profile's own chain yields (possibly another role).
    case sourceProfile(String, ResolvedCredentialSource)
    /// `credential_source = Environment | Ec2InstanceMetadata | EcsContainer`.
    case credentialSource(NamedCredentialSource, ResolvedCredentialSource)

    /// The credentials behind the role.
    public var credentials: ResolvedCredentialSource {
        switch self {
        case .sourceProfile(_, let credentials), .credentialSource(_, let credentials): return credentials
        }
    }

    /// `profile 'base' (…)` or `credential_source Environment (…)`.
    public var description: String {
        switch self {
        case .sourceProfile(let name, let credentials): return "profile '\(name)' (\(credentials))"
        case .credentialSource(let name, let credentials): return "credential_source \(name.rawValue) (\(credentials))"
        }
    }
}
