/// AWS "standard" retry mode as a value: how many attempts, how long to back off, and which failures to repeat.
///
/// Follows botocore `retries/standard.py` in its default (pre-2026) form and the SDK reference
/// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): 3 attempts in total unless
/// `max_attempts` / `AWS_MAX_ATTEMPTS` says otherwise, and truncated binary exponential backoff with full
/// jitter, `rand(0, 1) * min(2^(attempt-1) s, 20 s)` after the attempt numbered `attempt` (1-based) failed.
///
/// ## Usage
/// ```swift
/// let policy = RetryPolicy.standard(maxAttempts: 5)  // e.g. from AWS_MAX_ATTEMPTS=5
/// policy.decision(after: .transport(.connectionReset), attempt: 1, operation: createImage)
/// // .reconcileFirst(.transient, thenRetry: true)
/// policy.backoff(afterAttempt: 3, unitRandom: 0.5)  // .seconds(2)
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// botocore `DEFAULT_MAX_ATTEMPTS`: the first attempt plus two retries.
    public static let defaultMaxAttempts = 3

    /// Attempts in total, the first included; at least 1.
    public let maxAttempts: Int
    /// The backoff ceiling before jitter for the first retry (botocore: 1 s, the `_BASE` of 2 to the power 0).
    public let baseDelay: Duration
    /// The cap on any single backoff (botocore `_MAX_BACKOFF`: 20 s).
    public let maxBackoff: Duration

    /// A policy; `maxAttempts` below 1 is raised to 1 (a configuration layer should reject it first).
    public init(maxAttempts: Int, baseDelay: Duration = .seconds(1), maxBackoff: Duration = .seconds(20)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
    }

    /// Standard mode with `maxAttempts` total attempts (the value of `max_attempts` / `AWS_MAX_ATTEMPTS`).
    public static func standard(maxAttempts: Int = defaultMaxAttempts) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts)
    }

    /// One attempt, no retries.
    public static let noRetry = RetryPolicy(maxAttempts: 1)

    /// The delay after attempt number `attempt` (1-based) failed, given a uniform `unitRandom` in `0..<1`.
    ///
    /// botocore `ExponentialBackoff.delay_amount`: `t_i = rand(0, 1) * min(2 ** (attempt_number - 1), 20)`.
    public func backoff(afterAttempt attempt: Int, unitRandom: Double) -> Duration {
        ceiling(afterAttempt: attempt) * min(max(unitRandom, 0), 1)
    }

    /// The delay after attempt number `attempt` failed, drawing the jitter from `random`.
    public func backoff(afterAttempt attempt: Int, using random: inout some RandomNumberGenerator) -> Duration {
        backoff(afterAttempt: attempt, unitRandom: Double.random(in: 0..<1, using: &random))
    }

    /// The largest delay ``backoff(afterAttempt:unitRandom:)`` can return after attempt `attempt`.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        // 2^(attempt-1) passes any sane cap long before it could overflow; stop doubling once past the cap.
        var ceiling = baseDelay
        var doublings = max(0, attempt - 1)
        while doublings > 0, ceiling < maxBackoff {
            ceiling *= 2
            doublings -= 1
        }
        return min(ceiling, maxBackoff)
    }

    /// What to do after attempt number `attempt` (1-based) of `operation` failed with `failure`.
    ///
    /// botocore's rule is "retry if under max attempts and (transient or throttled)". Ours adds the rule
    /// for ``OperationRetryTraits/Idempotency/notIdempotent`` calls: when the failure is ambiguous (the server may
    /// have acted), the answer is ``RetryDecision/reconcileFirst(_:thenRetry:)``, never a blind
    /// ``RetryDecision/retry(_:)``. ``OperationRetryTraits/Idempotency/readOnly``,
    /// ``OperationRetryTraits/Idempotency/repeatable`` and ``OperationRetryTraits/Idempotency/clientToken`` calls
    /// are simply retried: a repeat cannot do anything twice.
    public func decision(
        after failure: RetryFailure, attempt: Int, operation: OperationRetryTraits
    ) -> RetryDecision {
        let classification = RetryClassification(failure, service: operation.service)
        guard classification.isRetryable else { return .stop(.notRetryable) }
        let attemptsRemain = attempt < maxAttempts
        switch operation.idempotency {
        case .notIdempotent where failure.mayHaveTakenEffect:
            return .reconcileFirst(classification, thenRetry: attemptsRemain)
        case .readOnly, .repeatable, .clientToken, .notIdempotent:
            break
        }
        return attemptsRemain ? .retry(classification) : .stop(.maxAttemptsReached)
    }
}
