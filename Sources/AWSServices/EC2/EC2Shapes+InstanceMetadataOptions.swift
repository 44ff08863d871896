import AWSCore
import Foundation

extension EC2 {
    /// An instance's `<metadataOptions>` (InstanceMetadataOptionsResponse): whether IMDS answers and whether it
    /// demands IMDSv2 session tokens.
    ///
    /// Fields follow the EC2 API reference's `InstanceMetadataOptionsResponse`
    /// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsResponse.html); each is
    /// optional because older responses and emulators leave some out.
    ///
    /// ```swift
    /// let instance = try await client.send(EC2.describeInstances(.init(instanceIds: [id]))).instances.first
    /// if instance?.metadataOptions?.httpTokens == "required" { /* IMDSv1 is off */ }
    /// ```
    public struct InstanceMetadataOptions: Sendable, Hashable, XMLDecodable {
        /// `state`: `pending` while a change is being applied, then `applied`.
        public var state: String?
        /// `httpTokens`: `optional` (IMDSv1 and v2) or `required` (IMDSv2 only).
        public var httpTokens: String?
        /// `httpPutResponseHopLimit`: how many network hops the token PUT response may travel (1–64).
        public var httpPutResponseHopLimit: Int?
        /// `httpEndpoint`: `enabled` or `disabled`; disabled means no metadata at all.
        public var httpEndpoint: String?
        /// `httpProtocolIpv6`: `enabled` or `disabled` (the IPv6 IMDS endpoint).
        public var httpProtocolIpv6: String?
        /// `instanceMetadataTags`: `enabled` or `disabled` (instance tags readable from IMDS).
        public var instanceMetadataTags: String?

        /// Creates options, e.g. to compare with a decoded value.
        public init(
            state: String? = nil, httpTokens: String? = nil, httpPutResponseHopLimit: Int? = nil,
            httpEndpoint: String? = nil, httpProtocolIpv6: String? = nil, instanceMetadataTags: String? = nil
        ) {
            self.state = state
            self.httpTokens = httpTokens
            self.httpPutResponseHopLimit = httpPutResponseHopLimit
            self.httpEndpoint = httpEndpoint
            self.httpProtocolIpv6 = httpProtocolIpv6
            self.instanceMetadataTags = instanceMetadataTags
        }

        /// Reads the `<metadataOptions>` fields.
        public init(xml node: XMLNode) throws {
            state = try node.decodeIfPresent("state")
            httpTokens = try node.decodeIfPresent("httpTokens")
            httpPutResponseHopLimit = try node.decodeIfPresent("httpPutResponseHopLimit")
            httpEndpoint = try node.decodeIfPresent("httpEndpoint")
            httpProtocolIpv6 = try node.decodeIfPresent("httpProtocolIpv6")
            instanceMetadataTags = try node.decodeIfPresent("instanceMetadataTags")
        }
    }
}

extension EC2 {
    /// RunInstances `MetadataOptions` (InstanceMetadataOptionsRequest): the IMDS settings a launch asks for.
    ///
    /// Fields follow https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_InstanceMetadataOptionsRequest.html;
    /// a nil field is left out, so AWS applies the account's or image's default for it.
    ///
    /// ```swift
    /// let options = EC2.InstanceMetadataOptionsRequest(copying: source.metadataOptions!)
    /// let input = EC2.RunInstancesInput(imageId: imageId, metadataOptions: options)
    /// ```
    public struct InstanceMetadataOptionsRequest: Sendable, Hashable {
        /// `HttpTokens`: `optional` or `required`.
        public var httpTokens: String?
        /// `HttpPutResponseHopLimit` (1–64).
        public var httpPutResponseHopLimit: Int?
        /// `HttpEndpoint`: `enabled` or `disabled`.
        public var httpEndpoint: String?
        /// `HttpProtocolIpv6`: `enabled` or `disabled`.
        public var httpProtocolIpv6: String?
        /// `InstanceMetadataTags`: `enabled` or `disabled`.
        public var instanceMetadataTags: String?

        /// Creates options from the fields given.
        public init(
            httpTokens: String? = nil, httpPutResponseHopLimit: Int? = nil, httpEndpoint: String? = nil,
            httpProtocolIpv6: String? = nil, instanceMetadataTags: String? = nil
        ) {
            self.httpTokens = httpTokens
            self.httpPutResponseHopLimit = httpPutResponseHopLimit
            self.httpEndpoint = httpEndpoint
            self.httpProtocolIpv6 = httpProtocolIpv6
            self.instanceMetadataTags = instanceMetadataTags
        }

        /// The request that asks for what a running instance has (its `state` is not a setting and is dropped).
        public init(copying options: InstanceMetadataOptions) {
            self.init(
                httpTokens: options.httpTokens, httpPutResponseHopLimit: options.httpPutResponseHopLimit,
                httpEndpoint: options.httpEndpoint, httpProtocolIpv6: options.httpProtocolIpv6,
                instanceMetadataTags: options.instanceMetadataTags)
        }

        /// True when no field is set (sending it would ask for nothing).
        public var isEmpty: Bool {
            httpTokens == nil && httpPutResponseHopLimit == nil && httpEndpoint == nil && httpProtocolIpv6 == nil
                && instanceMetadataTags == nil
        }

        /// Writes the fields in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("HttpTokens", httpTokens)
            parameters.add("HttpPutResponseHopLimit", httpPutResponseHopLimit)
            parameters.add("HttpEndpoint", httpEndpoint)
            parameters.add("HttpProtocolIpv6", httpProtocolIpv6)
            parameters.add("InstanceMetadataTags", instanceMetadataTags)
        }
    }
}
