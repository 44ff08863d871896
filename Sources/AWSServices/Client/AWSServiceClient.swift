import AWSCore
import Synchronization

/// The one value workflows call AWS through: an ``AWSClient`` (signing, retries, clock, transport) bound to a
/// Region and to the endpoint of every service, sending typed ``AWSOperation``s and decoding their replies.
///
/// Every operation is built once, before its first attempt, so a `ClientToken` it carries is the same on every
/// retry; calls marked `notIdempotent` are never resent after an ambiguous failure unless a reconcile step
/// (``send(_:reconcile:)``, ``importKeyPair(_:)``, ``createImage(_:)``) has looked for their effect first.
///
/// ## Usage
/// ```swift
/// let aws = AWSServiceClient(client: client, configuration: configuration, region: "eu-west-1")
/// let identity = try await aws.send(STS.getCallerIdentity())
/// for try await image in aws.pages({ EC2.describeImagesPages(.init(owners: ["self"]), send: $0) }).items({ $0.images }) {
///     print(image.imageId)
/// }
/// try await aws.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [imageId])))
/// ```
public struct AWSServiceClient: Sendable {
    /// Signs, sends and retries every call.
    public let client: AWSClient
    /// The Region every call is addressed to.
    public let region: String
    private let resolveEndpoint: @Sendable (AWSServiceID) throws -> ResolvedEndpoint

    /// A client whose endpoints come from `endpoint` (tests point it at a local emulator).
    public init(
        client: AWSClient, region: String, endpoint: @escaping @Sendable (AWSServiceID) throws -> ResolvedEndpoint
    ) {
        self.client = client
        self.region = region
        self.resolveEndpoint = endpoint
    }

    /// A client whose endpoints are resolved as the AWS CLI resolves them for `region` (`--endpoint-url`,
    /// `AWS_ENDPOINT_URL_<SERVICE>`, config file, then the partition's default).
    public init(client: AWSClient, configuration: AWSConfiguration, region: String) {
        self.init(client: client, region: region) { service in
            try configuration.endpoint(for: service, region: region)
        }
    }

    /// Where calls to `service` go.
    ///
    /// - Throws: whatever the endpoint resolution throws (`EndpointResolutionError`).
    public func endpoint(for service: AWSServiceID) throws -> ResolvedEndpoint {
        try resolveEndpoint(service)
    }

    /// Sends `operation` (retrying as its idempotency allows) and decodes the reply.
    ///
    /// ```swift
    /// let reservation = try await aws.send(EC2.runInstances(.init(imageId: imageId, keyName: "old-key")))
    /// ```
    /// - Throws: `AWSServiceError` for AWS's error answers (after any retries); `RetryStoppedError` when no usable
    ///   answer came; `AWSDecodingError` for an unreadable 2xx body; `CancellationError`.
    public func send<Output>(
        _ operation: AWSOperation<Output>, isolation: isolated (any Actor)? = #isolation
    ) async throws -> Output {
        let response = try await client.execute(
            operation.request, endpoint: endpoint(for: operation.service), traits: operation.retryTraits)
        return try operation.decode(response)
    }

    /// Sends a call without an idempotency token, running `reconcile` after an ambiguous failure (a reset or
    /// timeout after the request was written, a 500) instead of blindly resending: what it returns is the call's
    /// result; `nil` means the first attempt left no trace and the call may be sent again.
    ///
    /// ```swift
    /// let output = try await aws.send(EC2.importKeyPair(input)) {
    ///     try await aws.send(EC2.describeKeyPairs(.init(filters: [.init(name: "key-name", values: [name])])))
    ///         .keyPairs.first.map { EC2.ImportKeyPairOutput(keyName: $0.keyName, keyPairId: $0.keyPairId) }
    /// }
    /// ```
    /// - Throws: as ``send(_:isolation:)``; a `RetryStoppedError` with reason `reconcileFailed` carries the
    ///   reconcile step's error.
    public func send<Output>(
        _ operation: AWSOperation<Output>, isolation: isolated (any Actor)? = #isolation,
        reconcile: @escaping () async throws -> Output?
    ) async throws -> Output {
        // AWSClient's reconcile speaks HTTP responses; the typed finding travels beside it, and a marker response
        // tells the two outcomes apart.
        let found = Finding<Output>()
        let response = try await client.execute(
            operation.request, endpoint: endpoint(for: operation.service), traits: operation.retryTraits,
            reconcile: {
                guard let value = try await reconcile() else { return nil }
                found.value.withLock { $0 = value }
                return Self.reconciledMarker
            })
        if let value = found.value.withLock({ $0 }) { return value }
        return try operation.decode(response)
    }

    /// Stands for "the reconcile step found the result"; never decoded.
    private static let reconciledMarker = AWSHTTPResponse(statusCode: 200, text: "")
}

/// What a reconcile step found, kept where the escaping reconcile closure and the caller both reach it.
private final class Finding<Output: Sendable>: Sendable {
    let value = Mutex<Output?>(nil)
}
