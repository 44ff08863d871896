/// Runs one AWS call under a ``RetryPolicy``: every attempt built (and signed) afresh, backoff slept through an
/// injected clock, the shared ``RetryQuota`` respected, cancellation honoured before each attempt.
///
/// Calls without an idempotency token are never blindly repeated after an ambiguous failure: the executor
/// first runs the caller's `reconcile` step (did the first attempt take effect? e.g. find the image by the tag
/// it was created with), returns what it finds, and only sends again when it finds nothing. Without a
/// reconcile step such a call stops with ``RetryStoppedError/Reason/ambiguousNotRepeated``.
///
/// ## Usage
/// ```swift
/// let executor = RetryExecutor(policy: .standard(maxAttempts: 3), quota: clientQuota)
/// let clientToken = UUID().uuidString  // made once: every attempt sends the same token
/// let reservation = try await executor.execute(
///     OperationRetryTraits(service: "ec2", operation: "RunInstances", idempotency: .clientToken),
///     clock: ContinuousClock()
/// ) { attempt in
///     try await transport.send(signer.sign(runInstances(clientToken: clientToken)))  // re-signed per attempt
/// }
/// ```
public struct RetryExecutor: Sendable {
    /// Attempts, backoff and which failures to repeat.
    public let policy: RetryPolicy
    /// The bucket shared by all calls of one client.
    public let quota: SharedRetryQuota

    /// An executor; share `quota` between every call a client makes.
    public init(policy: RetryPolicy = .standard(), quota: SharedRetryQuota = SharedRetryQuota()) {
        self.policy = policy
        self.quota = quota
    }

    /// Runs `attempt` (handed the 1-based attempt number, so it can re-sign) until it succeeds or the policy,
    /// the quota or the reconcile rule says stop.
    ///
    /// - Parameters:
    ///   - reconcile: for ``OperationRetryTraits/Idempotency/notIdempotent`` calls, looks for the effect of an
    ///     attempt that failed ambiguously; returns it, or `nil` when there is none and the call may be sent
    ///     again. Ignored for other calls.
    ///   - random: the jitter source (tests pass a seeded generator).
    /// - Throws: ``RetryStoppedError`` wrapping the last failure, or `CancellationError`.
    public func execute<T>(
        _ operation: OperationRetryTraits,
        clock: some Clock<Duration>,
        random: some RandomNumberGenerator = SystemRandomNumberGenerator(),
        isolation: isolated (any Actor)? = #isolation,
        reconcile: (() async throws -> T?)? = nil,
        attempt: (Int) async throws -> T
    ) async throws -> T {
        var random = random
        var attemptNumber = 1
        // What the latest retry took from the quota; a later success refunds it (botocore `release_retry_quota`).
        var lastRetryCost: Int?
        while true {
            try Task.checkCancellation()
            let error: any Error
            do {
                let value = try await attempt(attemptNumber)
                quota.recordSuccess(lastRetryCost: lastRetryCost)
                return value
            } catch let caught {
                error = caught
            }
            if error is CancellationError || Task.isCancelled { throw CancellationError() }

            let failure = (error as? any RetryFailureConvertible)?.retryFailure
            func stop(_ reason: RetryStoppedError.Reason, reconcileError: (any Error)? = nil) -> RetryStoppedError {
                RetryStoppedError(
                    operation: operation.operation, attempts: attemptNumber, reason: reason, lastFailure: failure,
                    underlying: error, reconcileError: reconcileError)
            }
            guard let failure else { throw stop(.notRetryable) }

            switch policy.decision(after: failure, attempt: attemptNumber, operation: operation) {
            case .stop(let reason):
                throw stop(reason)
            case .retry:
                guard let cost = quota.acquire(for: failure) else { throw stop(.quotaExhausted) }
                lastRetryCost = cost
                try await clock.sleep(for: policy.backoff(afterAttempt: attemptNumber, using: &random))
            case .reconcileFirst(_, let thenRetry):
                guard let reconcile else { throw stop(.ambiguousNotRepeated) }
                // Taken before the reconcile so a found result refunds it like any success after a retry.
                let cost = thenRetry ? quota.acquire(for: failure) : nil
                // The backoff also gives an eventually consistent Describe* a moment to see the new resource.
                try await clock.sleep(for: policy.backoff(afterAttempt: attemptNumber, using: &random))
                try Task.checkCancellation()
                let found: T?
                do {
                    found = try await reconcile()
                } catch let reconcileError {
                    if reconcileError is CancellationError || Task.isCancelled { throw CancellationError() }
                    if let cost { quota.release(cost) }
                    throw stop(.reconcileFailed, reconcileError: reconcileError)
                }
                if let found {
                    quota.recordSuccess(lastRetryCost: cost ?? lastRetryCost)
                    return found
                }
                guard thenRetry else { throw stop(.maxAttemptsReached) }
                guard let cost else { throw stop(.quotaExhausted) }
                lastRetryCost = cost
            }
            attemptNumber += 1
        }
    }
}
