/// What the retry rules need to know about an operation: which service it belongs to and whether repeating it
/// is safe.
///
/// ## Usage
/// ```swift
/// let describe = OperationRetryTraits(service: "ec2", operation: "DescribeImages", idempotency: .readOnly)
/// let run = OperationRetryTraits(service: "ec2", operation: "RunInstances", idempotency: .clientToken)
/// let create = OperationRetryTraits(service: "ec2", operation: "CreateImage", idempotency: .notIdempotent)
/// let stop = OperationRetryTraits(service: "ec2", operation: "StopInstances", idempotency: .repeatable)
/// ```
public struct OperationRetryTraits: Sendable, Hashable {
    /// Whether sending an operation twice can do something twice.
    public enum Idempotency: Sendable, Hashable, CaseIterable {
        /// Reads (`Describe*`, `Get*`, `List*`): repeating has no side effect.
        case readOnly
        /// A mutating call carrying a `ClientToken`: the service runs it at most once per token, so the caller
        /// creates the token once, before the first attempt, and sends the same one on every attempt.
        case clientToken
        /// A mutating call without a token whose repetition leaves the same end state as one call (StopInstances,
        /// StartInstances, AssumeRole, SendSSHPublicKey, CreateTags, which sets tags): retried like ``readOnly``,
        /// ambiguous failures included.
        case repeatable
        /// A mutating call with no idempotency token whose repetition would do it twice (CreateImage,
        /// ImportKeyPair, SSM SendCommand): after an ambiguous failure it is never repeated until the caller has
        /// checked whether the first attempt took effect.
        case notIdempotent
    }

    /// Lower-case signing name of the service (`ec2`, `sts`, `ssm`).
    public var service: String
    /// The API action, for messages (`CreateImage`).
    public var operation: String
    /// Whether repeating the call is safe.
    public var idempotency: Idempotency

    /// Describes one operation.
    public init(service: String, operation: String, idempotency: Idempotency) {
        self.service = service
        self.operation = operation
        self.idempotency = idempotency
    }
}
