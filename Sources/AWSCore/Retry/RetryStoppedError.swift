/// The error ``RetryExecutor`` throws when it gives up: the last attempt's error, how many attempts were made,
/// and why no further attempt was made.
///
/// Task cancellation is not wrapped: a cancelled call throws `CancellationError` as is.
public struct RetryStoppedError: Error, CustomStringConvertible {
    /// Why the executor stopped.
    public enum Reason: Sendable, Hashable {
        /// The failure is one another attempt would repeat (or an error that does not describe itself as a
        /// ``RetryFailureConvertible``).
        case notRetryable
        /// Every allowed attempt failed.
        case maxAttemptsReached
        /// The client-wide retry quota is empty, so retries are paused.
        case quotaExhausted
        /// The call has no idempotency token, may already have taken effect, and no reconcile step was given,
        /// so it was not sent again.
        case ambiguousNotRepeated
        /// The reconcile step itself failed (its error is ``RetryStoppedError/reconcileError``).
        case reconcileFailed
    }

    /// The API action (`CreateImage`).
    public let operation: String
    /// Attempts actually sent, the first included.
    public let attempts: Int
    /// Why no further attempt was made.
    public let reason: Reason
    /// The last attempt's failure as the retry rules saw it; `nil` for errors that do not describe themselves.
    public let lastFailure: RetryFailure?
    /// The error the last attempt threw.
    public let underlying: any Error
    /// The error the reconcile step threw, when ``reason`` is ``Reason/reconcileFailed``.
    public let reconcileError: (any Error)?

    /// Builds the error; ``RetryExecutor`` is the usual source.
    public init(
        operation: String, attempts: Int, reason: Reason, lastFailure: RetryFailure?, underlying: any Error,
        reconcileError: (any Error)? = nil
    ) {
        self.operation = operation
        self.attempts = attempts
        self.reason = reason
        self.lastFailure = lastFailure
        self.underlying = underlying
        self.reconcileError = reconcileError
    }

    /// The AWS error the last attempt received, if it was one: `catch let error as RetryStoppedError where
    /// error.serviceError?.code == "InvalidKeyPair.Duplicate"`.
    public var serviceError: AWSServiceError? { underlying as? AWSServiceError }

    /// One line for users and logs, e.g. "DescribeImages failed after 3 attempts (every attempt failed): …".
    public var description: String {
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        var text = "\(operation) failed after \(tries) (\(reason.summary)): \(underlying)"
        if let reconcileError { text += "; checking whether it had taken effect also failed: \(reconcileError)" }
        return text
    }
}

extension RetryStoppedError.Reason {
    /// A short phrase for messages.
    var summary: String {
        switch self {
        case .notRetryable: "not retryable"
        case .maxAttemptsReached: "every attempt failed"
        case .quotaExhausted: "retry quota exhausted"
        case .ambiguousNotRepeated:
            "it may have taken effect and has no idempotency token, so it was not sent again"
        case .reconcileFailed: "could not check whether it had taken effect"
        }
    }
}
