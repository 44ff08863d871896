import AMIKeyTestSupport
import Testing

@testable import AWSCore

@Suite("Retry executor: attempts, backoff, quota, reconcile, cancellation")
struct RetryExecutorTests {
    static let describe = OperationRetryTraits(service: "ec2", operation: "DescribeImages", idempotency: .readOnly)
    static let runInstances = OperationRetryTraits(service: "ec2", operation: "RunInstances", idempotency: .clientToken)
    static let createImage = OperationRetryTraits(service: "ec2", operation: "CreateImage", idempotency: .notIdempotent)

    /// The delays a `SplitMix64(seed:)` yields for retries after attempts `1...count`, as the executor draws them.
    func expectedDelays(seed: UInt64, count: Int, policy: RetryPolicy = .standard()) -> [Duration] {
        var mirror = SplitMix64(seed: seed)
        return (0..<count).map { policy.backoff(afterAttempt: $0 + 1, using: &mirror) }
    }

    /// Runs `script` (one outcome per attempt) through an executor and reports what happened.
    func run(
        _ operation: OperationRetryTraits, script: [any Error], success: String? = "ok",
        policy: RetryPolicy = .standard(),
        quota: SharedRetryQuota = SharedRetryQuota(), clock: ImmediateTestClock = ImmediateTestClock(),
        reconcile: (@Sendable () async throws -> String?)? = nil
    ) async -> (result: Result<String, any Error>, attempts: [Int]) {
        var attempts: [Int] = []
        let executor = RetryExecutor(policy: policy, quota: quota)
        do {
            let value = try await executor.execute(
                operation, clock: clock, random: SplitMix64(seed: 7), reconcile: reconcile
            ) { attempt in
                attempts.append(attempt)
                if attempt <= script.count { throw script[attempt - 1] }
                guard let success else { throw UnclassifiedError() }
                return success
            }
            return (.success(value), attempts)
        } catch {
            return (.failure(error), attempts)
        }
    }

    func stopped(_ result: Result<String, any Error>) throws -> RetryStoppedError {
        guard case .failure(let error) = result else {
            Issue.record("expected a failure, got \(result)"); throw UnclassifiedError()
        }
        return try #require(error as? RetryStoppedError)
    }

    @Test("A first-time success returns at once and refunds 1 to the quota")
    func firstTimeSuccess() async throws {
        var drained = RetryQuota()
        _ = drained.acquire(for: .transport(.readTimeout))
        let quota = SharedRetryQuota(drained)
        let clock = ImmediateTestClock()
        let (result, attempts) = await run(Self.describe, script: [], quota: quota, clock: clock)
        #expect(try result.get() == "ok")
        #expect(attempts == [1])
        #expect(clock.sleeps.isEmpty)
        #expect(quota.snapshot.available == 491)
    }

    @Test("Throttled twice, then success: attempts 1-3, jittered backoff, the last retry's cost refunded")
    func throttledThenSuccess() async throws {
        let quota = SharedRetryQuota()
        let clock = ImmediateTestClock()
        let (result, attempts) = await run(
            Self.describe, script: [FakeAWSFailure.throttled, FakeAWSFailure.throttled], quota: quota, clock: clock)
        #expect(try result.get() == "ok")
        #expect(attempts == [1, 2, 3])
        #expect(clock.sleeps == expectedDelays(seed: 7, count: 2))
        #expect(clock.sleeps[0] < .seconds(1) && clock.sleeps[1] < .seconds(2))
        #expect(quota.snapshot.available == 500 - 5 - 5 + 5)
    }

    @Test("Gives up after max attempts, naming the operation and the count", arguments: [1, 2, 3, 5, 10])
    func maxAttempts(maxAttempts: Int) async throws {
        let clock = ImmediateTestClock()
        let quota = SharedRetryQuota()
        let (result, attempts) = await run(
            Self.describe, script: Array(repeating: FakeAWSFailure.internalError, count: 20),
            policy: .standard(maxAttempts: maxAttempts), quota: quota, clock: clock)
        let error = try stopped(result)
        #expect(error.reason == .maxAttemptsReached)
        #expect(error.attempts == maxAttempts)
        #expect(error.underlying as? FakeAWSFailure == .internalError)
        #expect(error.lastFailure == FakeAWSFailure.internalError.retryFailure)
        #expect(attempts == Array(1...maxAttempts))
        #expect(clock.sleeps == expectedDelays(seed: 7, count: maxAttempts - 1))
        #expect(quota.snapshot.available == 500 - 5 * (maxAttempts - 1))
        #expect(error.description.hasPrefix("DescribeImages failed after \(maxAttempts) attempt"))
    }

    @Test("AWSServiceError is classified by its status and code")
    func serviceErrors() async throws {
        let throttled = AWSServiceError(service: "EC2", code: "RequestLimitExceeded", message: "", statusCode: 503)
        let duplicate = AWSServiceError(
            service: "EC2", code: "InvalidKeyPair.Duplicate", message: "exists", statusCode: 400)
        let (result, attempts) = await run(Self.describe, script: [throttled, throttled, duplicate])
        let error = try stopped(result)
        #expect(error.reason == .notRetryable && attempts == [1, 2, 3])
        #expect(error.serviceError == duplicate)
    }

    @Test("A non-retryable service error stops after one attempt")
    func notRetryable() async throws {
        let clock = ImmediateTestClock()
        let (result, attempts) = await run(Self.describe, script: [FakeAWSFailure.invalidParameter], clock: clock)
        let error = try stopped(result)
        #expect(error.reason == .notRetryable && error.attempts == 1 && attempts == [1])
        #expect(clock.sleeps.isEmpty)
    }

    @Test("An error that does not describe itself is not retried and is kept as the underlying error")
    func unclassified() async throws {
        let (result, attempts) = await run(Self.describe, script: [UnclassifiedError()])
        let error = try stopped(result)
        #expect(error.reason == .notRetryable && error.lastFailure == nil && attempts == [1])
        #expect(error.underlying is UnclassifiedError)
    }

    @Test("An empty quota stops retries")
    func quotaExhausted() async throws {
        let quota = SharedRetryQuota(RetryQuota(capacity: 5))  // room for exactly one retry
        let (result, attempts) = await run(
            Self.describe, script: [FakeAWSFailure.throttled, FakeAWSFailure.throttled],
            policy: .standard(maxAttempts: 5),
            quota: quota)
        let error = try stopped(result)
        #expect(error.reason == .quotaExhausted && error.attempts == 2 && attempts == [1, 2])
        #expect(quota.snapshot.available == 0)
    }

    @Test("Timeouts cost 10; success after them refunds 10")
    func timeoutCost() async throws {
        let quota = SharedRetryQuota()
        let (result, _) = await run(
            Self.describe, script: [FakeAWSFailure.readTimeout, FakeAWSFailure.readTimeout], quota: quota)
        #expect(try result.get() == "ok")
        #expect(quota.snapshot.available == 500 - 10 - 10 + 10)
    }

    @Test("A ClientToken call is retried after an ambiguous failure without reconciling")
    func clientTokenRetried() async throws {
        let reconciles = CallLog<Int>()
        let (result, attempts) = await run(
            Self.runInstances, script: [FakeAWSFailure.readTimeout, FakeAWSFailure.reset],
            reconcile: {
                reconciles.append(1); return "found"
            })
        #expect(try result.get() == "ok")
        #expect(attempts == [1, 2, 3])
        #expect(reconciles.count == 0)
    }

    @Test(
        "A no-token call is never resent after an ambiguous failure when there is no reconcile step",
        arguments: [FakeAWSFailure.reset, .readTimeout, .internalError])
    func ambiguousWithoutReconcile(failure: FakeAWSFailure) async throws {
        let quota = SharedRetryQuota()
        let clock = ImmediateTestClock()
        let (result, attempts) = await run(Self.createImage, script: [failure], quota: quota, clock: clock)
        let error = try stopped(result)
        #expect(error.reason == .ambiguousNotRepeated && error.attempts == 1 && attempts == [1])
        #expect(clock.sleeps.isEmpty)
        #expect(quota.snapshot.available == 500)
        #expect(error.description.contains("was not sent again"))
    }

    @Test(
        "A no-token call whose failure was certainly not carried out is retried as usual",
        arguments: [FakeAWSFailure.dns, .throttled])
    func unambiguousNoTokenRetried(failure: FakeAWSFailure) async throws {
        let reconciles = CallLog<Int>()
        let (result, attempts) = await run(
            Self.createImage, script: [failure],
            reconcile: {
                reconciles.append(1); return "found"
            })
        #expect(try result.get() == "ok")
        #expect(attempts == [1, 2])
        #expect(reconciles.count == 0)
    }

    @Test("Reconcile finds the effect: its result is returned and nothing is resent")
    func reconcileFinds() async throws {
        let quota = SharedRetryQuota()
        let clock = ImmediateTestClock()
        let reconciles = CallLog<Int>()
        let (result, attempts) = await run(
            Self.createImage, script: [FakeAWSFailure.reset], quota: quota, clock: clock,
            reconcile: {
                reconciles.append(1); return "ami-found"
            })
        #expect(try result.get() == "ami-found")
        #expect(attempts == [1])
        #expect(reconciles.count == 1)
        #expect(clock.sleeps == expectedDelays(seed: 7, count: 1))  // backoff before looking
        #expect(quota.snapshot.available == 500)  // the cost taken for the possible retry is refunded
    }

    @Test("Reconcile finds nothing: the call is sent again, after the one backoff")
    func reconcileThenRetry() async throws {
        let events = CallLog<String>()
        let clock = ImmediateTestClock()
        let executor = RetryExecutor()
        let value = try await executor.execute(
            Self.createImage, clock: clock, random: SplitMix64(seed: 7),
            reconcile: {
                events.append("reconcile"); return nil
            }
        ) { attempt -> String in
            events.append("attempt \(attempt)")
            if attempt == 1 { throw FakeAWSFailure.readTimeout }
            return "ami-new"
        }
        #expect(value == "ami-new")
        #expect(events.all == ["attempt 1", "reconcile", "attempt 2"])
        #expect(clock.sleeps == expectedDelays(seed: 7, count: 1))
    }

    @Test("Ambiguous failures on every attempt: reconcile after each, then stop")
    func reconcileEveryAttempt() async throws {
        let events = CallLog<String>()
        let clock = ImmediateTestClock()
        let executor = RetryExecutor()
        let result: Result<String, any Error>
        do {
            result = .success(
                try await executor.execute(
                    Self.createImage, clock: clock, random: SplitMix64(seed: 7),
                    reconcile: {
                        events.append("reconcile"); return nil
                    }
                ) { attempt -> String in
                    events.append("attempt \(attempt)")
                    if attempt > 50 { throw UnclassifiedError() }  // fail, not hang, if the budget is ignored
                    throw FakeAWSFailure.reset
                })
        } catch {
            result = .failure(error)
        }
        let error = try stopped(result)
        #expect(error.reason == .maxAttemptsReached && error.attempts == 3)
        #expect(events.all == ["attempt 1", "reconcile", "attempt 2", "reconcile", "attempt 3", "reconcile"])
        #expect(clock.sleeps == expectedDelays(seed: 7, count: 3))
    }

    @Test("The last reconcile can still find the effect once the attempts are spent")
    func finalReconcileFinds() async throws {
        let reconciles = CallLog<Int>()
        let (result, attempts) = await run(
            Self.createImage, script: [FakeAWSFailure.reset, FakeAWSFailure.reset, FakeAWSFailure.reset],
            reconcile: {
                reconciles.append(1)
                return reconciles.count == 3 ? "ami-late" : nil
            })
        #expect(try result.get() == "ami-late")
        #expect(attempts == [1, 2, 3])
    }

    @Test("A failing reconcile stops with both errors")
    func reconcileFails() async throws {
        let quota = SharedRetryQuota()
        let (result, attempts) = await run(
            Self.createImage, script: [FakeAWSFailure.reset], quota: quota,
            reconcile: { throw FakeAWSFailure.invalidParameter })
        let error = try stopped(result)
        #expect(error.reason == .reconcileFailed && attempts == [1])
        #expect(error.underlying as? FakeAWSFailure == .reset)
        #expect(error.reconcileError as? FakeAWSFailure == .invalidParameter)
        #expect(quota.snapshot.available == 500)
    }

    @Test("With the quota empty, a no-token call reconciles but is not resent")
    func reconcileWithEmptyQuota() async throws {
        let reconciles = CallLog<Int>()
        let (result, attempts) = await run(
            Self.createImage, script: [FakeAWSFailure.reset], quota: SharedRetryQuota(RetryQuota(capacity: 0)),
            reconcile: {
                reconciles.append(1); return nil
            })
        let error = try stopped(result)
        #expect(error.reason == .quotaExhausted && attempts == [1] && reconciles.count == 1)
    }

    @Test("A cancelled task makes no attempt")
    func cancelledBeforeFirstAttempt() async {
        let calls = CallLog<Int>()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await RetryExecutor().execute(Self.describe, clock: ImmediateTestClock()) { attempt in
                calls.append(attempt)
                return "ok"
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(calls.count == 0)
    }

    @Test("Cancellation during an attempt is reported as cancellation, not retried")
    func cancelledDuringAttempt() async {
        let calls = CallLog<Int>()
        let clock = ImmediateTestClock()
        let quota = SharedRetryQuota()
        let task = Task {
            try await RetryExecutor(quota: quota).execute(Self.describe, clock: clock) { attempt -> String in
                calls.append(attempt)
                withUnsafeCurrentTask { $0?.cancel() }
                throw FakeAWSFailure.throttled
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(calls.all == [1] && clock.sleeps.isEmpty)
        #expect(quota.snapshot.available == 500)
    }

    @Test("Whatever error a cancelled attempt throws, the caller sees CancellationError")
    func cancelledAttemptOwnError() async {
        let task = Task {
            try await RetryExecutor().execute(Self.describe, clock: ImmediateTestClock()) { _ -> String in
                withUnsafeCurrentTask { $0?.cancel() }
                throw UnclassifiedError()  // e.g. the HTTP client's own "cancelled" error
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test("Cancellation during the backoff before a reconcile skips the reconcile")
    func cancelledBeforeReconcile() async {
        let reconciles = CallLog<Int>()
        let clock = ImmediateTestClock(cancelsDuringSleep: true)
        let task = Task {
            try await RetryExecutor().execute(
                Self.createImage, clock: clock,
                reconcile: {
                    reconciles.append(1); return "ami-found"
                }
            ) { _ -> String in
                throw FakeAWSFailure.reset
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(reconciles.count == 0)
    }

    @Test("Cancellation during the backoff ends the call without another attempt")
    func cancelledDuringBackoff() async {
        let calls = CallLog<Int>()
        let clock = ImmediateTestClock(cancelsDuringSleep: true)
        let task = Task {
            try await RetryExecutor().execute(Self.describe, clock: clock) { attempt -> String in
                calls.append(attempt)
                throw FakeAWSFailure.throttled
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(calls.all == [1] && clock.sleeps.isEmpty)
    }
}
