import AMIKeyTestSupport
import Testing

@testable import AWSCore

@Suite("Retry policy: attempts, backoff, decisions")
struct RetryPolicyTests {
    @Test("Defaults: 3 attempts, 1 s base, 20 s cap")
    func defaults() {
        let policy = RetryPolicy.standard()
        #expect(policy.maxAttempts == 3)
        #expect(policy.baseDelay == .seconds(1))
        #expect(policy.maxBackoff == .seconds(20))
        #expect(RetryPolicy.noRetry.maxAttempts == 1)
    }

    @Test("max attempts below 1 becomes 1", arguments: [(0, 1), (-4, 1), (1, 1), (7, 7)])
    func maxAttemptsFloor(given: Int, expected: Int) {
        #expect(RetryPolicy.standard(maxAttempts: given).maxAttempts == expected)
    }

    @Test(
        "Backoff ceiling is min(2^(attempt-1), 20) seconds",
        arguments: [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 20), (7, 20), (64, 20), (Int.max, 20)])
    func ceiling(attempt: Int, seconds: Int) {
        #expect(RetryPolicy.standard().ceiling(afterAttempt: attempt) == .seconds(seconds))
    }

    @Test(
        "Full jitter scales the ceiling by rand(0, 1)",
        arguments: [
            (1, 0.0, Duration.zero),
            (1, 0.5, .milliseconds(500)),
            (2, 0.5, .seconds(1)),
            (3, 0.25, .seconds(1)),
            (5, 0.5, .seconds(8)),
            (6, 0.5, .seconds(10)),
            (30, 0.75, .seconds(15)),
            (2, 1.5, .seconds(2)),  // out-of-range inputs are clamped, never beyond the ceiling
            (2, -1, .zero),
        ])
    func jitter(attempt: Int, unit: Double, expected: Duration) {
        #expect(RetryPolicy.standard().backoff(afterAttempt: attempt, unitRandom: unit) == expected)
    }

    @Test("Seeded jitter stays within [0, ceiling) for 1,000 draws")
    func jitterBounds() {
        var random = SplitMix64(seed: 42)
        let policy = RetryPolicy.standard()
        var distinct = Set<Duration>()
        for attempt in 1...1000 {
            let attempt = attempt % 8 + 1
            let delay = policy.backoff(afterAttempt: attempt, using: &random)
            #expect(delay >= .zero && delay < policy.ceiling(afterAttempt: attempt))
            distinct.insert(delay)
        }
        #expect(distinct.count > 900)  // jitter really varies
    }

    static let create = OperationRetryTraits(service: "ec2", operation: "CreateImage", idempotency: .notIdempotent)
    static let run = OperationRetryTraits(service: "ec2", operation: "RunInstances", idempotency: .clientToken)
    static let describe = OperationRetryTraits(service: "ec2", operation: "DescribeImages", idempotency: .readOnly)
    static let stop = OperationRetryTraits(service: "ec2", operation: "StopInstances", idempotency: .repeatable)

    @Test(
        "Decisions with 3 attempts",
        arguments: [
            // Throttling and transient failures of safe calls are retried until the budget runs out.
            (
                RetryFailure.response(statusCode: 503, errorCode: "RequestLimitExceeded"), 1, describe,
                RetryDecision.retry(.throttling)
            ),
            (.response(statusCode: 503, errorCode: "RequestLimitExceeded"), 2, describe, .retry(.throttling)),
            (.response(statusCode: 503, errorCode: "RequestLimitExceeded"), 3, describe, .stop(.maxAttemptsReached)),
            (.response(statusCode: 500, errorCode: nil), 1, describe, .retry(.transient)),
            (.transport(.connectionReset), 1, describe, .retry(.transient)),
            (.response(statusCode: 400, errorCode: "InvalidAMIID.NotFound"), 1, describe, .stop(.notRetryable)),
            // ClientToken calls are retried like reads: the token makes a repeat harmless.
            (.transport(.readTimeout), 1, run, .retry(.transient)),
            (.transport(.connectionReset), 2, run, .retry(.transient)),
            (.response(statusCode: 500, errorCode: "InternalError"), 1, run, .retry(.transient)),
            (.transport(.readTimeout), 3, run, .stop(.maxAttemptsReached)),
            // Repeatable calls (no token, same end state when repeated) are retried like reads, ambiguity and all.
            (.transport(.connectionReset), 1, stop, .retry(.transient)),
            (.transport(.readTimeout), 2, stop, .retry(.transient)),
            (.response(statusCode: 500, errorCode: "InternalError"), 1, stop, .retry(.transient)),
            (.response(statusCode: 503, errorCode: "RequestLimitExceeded"), 1, stop, .retry(.throttling)),
            (.transport(.connectionReset), 3, stop, .stop(.maxAttemptsReached)),
            (.response(statusCode: 400, errorCode: "IncorrectInstanceState"), 1, stop, .stop(.notRetryable)),
            // No token: ambiguous failures reconcile first, then retry only if attempts remain.
            (.transport(.connectionReset), 1, create, .reconcileFirst(.transient, thenRetry: true)),
            (.transport(.readTimeout), 2, create, .reconcileFirst(.transient, thenRetry: true)),
            (.transport(.readTimeout), 3, create, .reconcileFirst(.transient, thenRetry: false)),
            (
                .response(statusCode: 500, errorCode: "InternalError"), 1, create,
                .reconcileFirst(.transient, thenRetry: true)
            ),
            (.response(statusCode: 504, errorCode: nil), 1, create, .reconcileFirst(.transient, thenRetry: true)),
            // No token, but certainly not carried out: an ordinary retry.
            (.transport(.dnsFailure), 1, create, .retry(.transient)),
            (.transport(.connectFailure), 1, create, .retry(.transient)),
            (.transport(.connectTimeout), 2, create, .retry(.transient)),
            (.response(statusCode: 503, errorCode: "RequestLimitExceeded"), 1, create, .retry(.throttling)),
            (.response(statusCode: 503, errorCode: nil), 1, create, .retry(.transient)),
            (.transport(.dnsFailure), 3, create, .stop(.maxAttemptsReached)),
            (.response(statusCode: 400, errorCode: "InvalidAMIName.Duplicate"), 1, create, .stop(.notRetryable)),
        ] as [(RetryFailure, Int, OperationRetryTraits, RetryDecision)])
    func decisions(failure: RetryFailure, attempt: Int, operation: OperationRetryTraits, expected: RetryDecision) {
        #expect(RetryPolicy.standard().decision(after: failure, attempt: attempt, operation: operation) == expected)
    }

    @Test("With no retries an ambiguous no-token failure still reconciles, but never resends")
    func noRetryStillReconciles() {
        let decision = RetryPolicy.noRetry.decision(
            after: .transport(.connectionReset), attempt: 1, operation: Self.create)
        #expect(decision == .reconcileFirst(.transient, thenRetry: false))
        #expect(
            RetryPolicy.noRetry.decision(after: .transport(.connectionReset), attempt: 1, operation: Self.describe)
                == .stop(.maxAttemptsReached))
    }
}
