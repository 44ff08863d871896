/// The values `credential_source` accepts, spelled exactly (botocore's `CanonicalNameCredentialSourcer.is_supported`
/// compares the canonical names case-sensitively).
public enum NamedCredentialSource: String, Sendable, Hashable, CaseIterable {
    /// The keys in `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`.
    case environment = "Environment"
    /// The instance profile, from instance metadata.
    case ec2InstanceMetadata = "Ec2InstanceMetadata"
    /// The ECS / EKS container credentials endpoint.
    case ecsContainer = "EcsContainer"
}
