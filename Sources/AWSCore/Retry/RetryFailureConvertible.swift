/// An error that can say what kind of failure it was, so ``RetryExecutor`` can decide whether to try again.
///
/// ``AWSServiceError`` adopts it, and so must the HTTP transport's errors; any other error thrown by an attempt
/// (a decoding bug, a programming error) is never retried.
///
/// ## Usage
/// ```swift
/// extension TransportError: RetryFailureConvertible {
///     var retryFailure: RetryFailure { .transport(requestWritten ? .connectionReset : .connectFailure) }
/// }
/// ```
public protocol RetryFailureConvertible: Error {
    /// The facts about this failure that the retry rules need.
    var retryFailure: RetryFailure { get }
}
