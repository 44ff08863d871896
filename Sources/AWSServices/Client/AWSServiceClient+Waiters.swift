import AWSCore

extension AWSServiceClient {
    /// Polls `operation` with `waiter` (one of ``EC2/Waiters``, with the delays and attempt budgets of botocore's
    /// `waiters-2.json`) until it succeeds, fails or runs out of attempts, sleeping on the client's clock and
    /// reporting after every poll.
    ///
    /// ```swift
    /// try await aws.wait(EC2.Waiters.instanceStopped, polling: EC2.describeInstances(.init(instanceIds: [id]))) {
    ///     print("\($0.waiter): \($0.observedState) (\($0.attempt)/\($0.maxAttempts))")
    /// }
    /// ```
    /// - Returns: the poll that matched a success acceptor.
    /// - Throws: `WaiterError` (failure state, unexpected service error, attempts exhausted); errors that are not
    ///   AWS answers (`RetryStoppedError` after a poll's own retries), `CancellationError`.
    @discardableResult
    public func wait<Response>(
        _ waiter: Waiter<Response>, polling operation: AWSOperation<Response>,
        isolation: isolated (any Actor)? = #isolation,
        progress: ((WaiterProgress) -> Void)? = nil
    ) async throws -> WaiterObservation<Response> {
        try await client.clock.waiting(with: waiter, progress: progress) { _ in
            try await .capturing { try await send(operation) }
        }
    }
}

extension AWSClock {
    /// Runs `waiter` on this clock as its concrete type (a member call opens the `any AWSClock` existential).
    fileprivate func waiting<Response>(
        with waiter: Waiter<Response>, isolation: isolated (any Actor)? = #isolation,
        progress: ((WaiterProgress) -> Void)?, poll: (Int) async throws -> WaiterObservation<Response>
    ) async throws -> WaiterObservation<Response> {
        try await waiter.wait(clock: self, progress: progress, poll: poll)
    }
}
