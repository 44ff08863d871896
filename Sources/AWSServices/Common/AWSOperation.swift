import AWSCore

/// One call of an AWS API, ready for a client to sign and send: where it goes, whether repeating it is safe,
/// the unsigned HTTP request, and how to read the reply.
///
/// Values are built by the service namespaces (`EC2.describeKeyPairs(_:)`, `STS.getCallerIdentity()`); nothing
/// here touches the network.
///
/// ## Usage
/// ```swift
/// let operation = EC2.describeKeyPairs(.init(keyNames: ["old-key"], includePublicKey: true))
/// operation.request.body          // Action=DescribeKeyPairs&Version=2016-11-15&KeyName.1=old-key&…
/// let response: AWSHTTPResponse = try await transport.send(sign(operation.request, for: operation.service))
/// let keyPairs = try operation.decode(response).keyPairs
/// ```
public struct AWSOperation<Output: Sendable>: Sendable {
    /// The service the request is addressed to (endpoint prefix and SigV4 signing name).
    public let service: AWSServiceID
    /// The API action or JSON operation name (`DescribeKeyPairs`, `SendCommand`).
    public let action: String
    /// Service, action and idempotency, as the retry layer reads them.
    public let retryTraits: OperationRetryTraits
    /// The unsigned request the protocol encoder produced.
    public let request: AWSHTTPRequest
    private let decoder: @Sendable (AWSHTTPResponse) throws -> Output

    /// Creates an operation from its parts; the service namespaces use the protocol-specific factories.
    public init(
        service: AWSServiceID, action: String, idempotency: OperationRetryTraits.Idempotency,
        request: AWSHTTPRequest, decode: @escaping @Sendable (AWSHTTPResponse) throws -> Output
    ) {
        self.service = service
        self.action = action
        self.retryTraits = OperationRetryTraits(service: service.name, operation: action, idempotency: idempotency)
        self.request = request
        self.decoder = decode
    }

    /// Whether repeating the call is safe (shortcut for `retryTraits.idempotency`).
    public var idempotency: OperationRetryTraits.Idempotency { retryTraits.idempotency }

    /// Reads the reply: the typed output of a 2xx response.
    ///
    /// - Throws: `AWSServiceError` for an error response (including EC2's `DryRunOperation`);
    ///   `AWSDecodingError` naming the element or field path when a 2xx body cannot be read.
    public func decode(_ response: AWSHTTPResponse) throws -> Output {
        try decoder(response)
    }
}

extension AWSOperation where Output: XMLDecodable {
    /// An operation of an EC2-protocol or Query-protocol service whose output is read from the result element.
    static func query<Input: AWSQueryInput>(
        _ wire: AWSQueryProtocol, service: AWSServiceID, _ input: Input,
        idempotency: OperationRetryTraits.Idempotency
    ) -> AWSOperation {
        AWSOperation(
            service: service, action: Input.action, idempotency: idempotency, request: wire.request(for: input)
        ) { response in
            try wire.decode(Output.self, from: response, action: Input.action)
        }
    }
}

extension AWSOperation where Output: Decodable {
    /// An operation of a JSON 1.1 service.
    ///
    /// - Throws: `EncodingError` if the input cannot be encoded as JSON.
    static func json<Input: AWSJSONInput>(
        _ wire: AWSJSONProtocol, service: AWSServiceID, _ input: Input,
        idempotency: OperationRetryTraits.Idempotency
    ) throws -> AWSOperation {
        AWSOperation(
            service: service, action: Input.operation, idempotency: idempotency, request: try wire.request(for: input)
        ) { response in
            try wire.decode(Output.self, from: response)
        }
    }
}
