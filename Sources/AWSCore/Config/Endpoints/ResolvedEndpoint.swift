/// The endpoint a service's requests go to, the region they are signed for, and where the endpoint came from.
public struct ResolvedEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The service.
    public let service: AWSServiceID
    /// The validated URL.
    public let url: EndpointURL
    /// The region SigV4 signs for: the client's region, except for global endpoints (STS's `sts.amazonaws.com`
    /// and Organizations sign for their partition's global region, us-east-1 in `aws`).
    public let signingRegion: String
    /// The partition of the client's region.
    public let partition: AWSPartition
    /// Where the endpoint came from; `.default` for the partition's standard endpoint.
    public let origin: SettingOrigin

    /// An endpoint from its parts.
    public init(service: AWSServiceID, url: EndpointURL, signingRegion: String, partition: AWSPartition, origin: SettingOrigin) {
        self.service = service
        self.url = url
        self.signingRegion = signingRegion
        self.partition = partition
        self.origin = origin
    }

    /// `https://ec2.us-east-1.amazonaws.com (from the default)`.
    public var description: String {
        let origin = origin == .default ? "the \(partition.id) partition's default" : origin.description
        return "\(url) (from \(origin)), signed for \(signingRegion)"
    }
}
