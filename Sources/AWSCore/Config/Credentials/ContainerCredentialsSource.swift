/// GET credentials from the ECS / EKS container credentials endpoint (botocore's `ContainerProvider`).
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` becomes `http://169.254.170.2<uri>`; otherwise
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` is used as given, which over plain HTTP must be loopback or one of
/// 169.254.170.2, 169.254.170.23, fd00:ec2::23 (`utils.ContainerMetadataFetcher._ALLOWED_HOSTS`).
public struct ContainerCredentialsSource: Sendable, Hashable, CustomStringConvertible {
    /// The credentials URL.
    public let url: ResolvedSetting<EndpointURL>
    /// The `Authorization` header value to send, if the environment gives one.
    public let authorization: ContainerAuthorization?

    /// A source from its parts.
    public init(url: ResolvedSetting<EndpointURL>, authorization: ContainerAuthorization?) {
        self.url = url
        self.authorization = authorization
    }

    /// `container credentials from URL`.
    public var description: String {
        "container credentials from \(url.value)" + (authorization.map { " with \($0)" } ?? "")
    }
}
