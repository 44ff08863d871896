/// A service amikey calls, with the names botocore derives from it for endpoint configuration.
public struct AWSServiceID: Sendable, Hashable, CustomStringConvertible {
    /// The endpoint prefix and client name (`ec2`, `sts`, `ec2-instance-connect`, …), also the SigV4 signing name.
    public let name: String

    /// EC2 (serviceId `EC2`).
    public static let ec2 = AWSServiceID(name: "ec2")
    /// STS (serviceId `STS`).
    public static let sts = AWSServiceID(name: "sts")
    /// Systems Manager (serviceId `SSM`).
    public static let ssm = AWSServiceID(name: "ssm")
    /// EC2 Instance Connect (serviceId `EC2 Instance Connect`).
    public static let ec2InstanceConnect = AWSServiceID(name: "ec2-instance-connect")
    /// KMS (serviceId `KMS`).
    public static let kms = AWSServiceID(name: "kms")
    /// Organizations (serviceId `Organizations`).
    public static let organizations = AWSServiceID(name: "organizations")
    /// The IAM Identity Center portal (serviceId `SSO`, endpoint prefix `portal.sso`): GetRoleCredentials for
    /// SSO profiles, overridden by `AWS_ENDPOINT_URL_SSO` as botocore's `sso` client is.
    public static let sso = AWSServiceID(name: "sso")

    /// A service by its client name.
    public init(name: String) {
        self.name = name
    }

    /// The service's own endpoint variable: the service ID upper-cased with spaces and dashes turned into
    /// underscores (`AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT`), as botocore's `ConfiguredEndpointProvider` and
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html spell it.
    public var endpointEnvironmentVariable: String { "AWS_ENDPOINT_URL_\(snakeCaseID.uppercased())" }

    /// The key of the service's block in a `[services NAME]` section (`ec2_instance_connect`).
    public var servicesSectionKey: String { snakeCaseID.lowercased() }

    /// The client name.
    public var description: String { name }

    private var snakeCaseID: String {
        String(name.map { $0 == "-" || $0 == " " ? "_" : $0 })
    }
}
