/// A waiter as data: poll an operation every `delay` until an acceptor says success or failure, at most
/// `maxAttempts` times. botocore `waiter.py` (`Waiter.wait`) over a `waiters-2.json` definition.
///
/// Semantics kept from botocore: acceptors are tried in order, first match wins; a service error that no
/// acceptor matches ends the wait at once; the delay is fixed (botocore does not use the Smithy min/max
/// delay with jitter). Added here: an injected clock, a cancellation check before every poll, a progress
/// callback after every poll, and an error that names the waiter and the last state seen.
///
/// ## Usage
/// ```swift
/// let waiter = Waiter<DescribeImagesOutput>.imageAvailable { $0.images.map(\.state) }
/// let final = try await waiter.wait(clock: ContinuousClock(), progress: { print($0.observedState) }) { _ in
///     try await .capturing { try await ec2.describeImages(imageIDs: [imageID]) }
/// }
/// ```
public struct Waiter<Response: Sendable>: Sendable {
    /// The waiter's name in botocore (`ImageAvailable`).
    public var name: String
    /// The operation polled (`DescribeImages`).
    public var operation: String
    /// Time between polls.
    public var delay: Duration
    /// Polls before giving up; at least 1.
    public var maxAttempts: Int
    /// The rules, in order.
    public var acceptors: [WaiterAcceptor<Response>]
    /// Extra detail for progress and timeout messages (e.g. snapshot progress `42%`), beside the states.
    public var detail: (@Sendable (Response) -> String?)?

    /// A waiter definition.
    public init(
        name: String, operation: String, delay: Duration, maxAttempts: Int, acceptors: [WaiterAcceptor<Response>],
        detail: (@Sendable (Response) -> String?)? = nil
    ) {
        self.name = name
        self.operation = operation
        self.delay = delay
        self.maxAttempts = max(1, maxAttempts)
        self.acceptors = acceptors
        self.detail = detail
    }

    /// The first acceptor matching `observation`, if any.
    public func acceptor(matching observation: WaiterObservation<Response>) -> WaiterAcceptor<Response>? {
        acceptors.first { $0.matcher.matches(observation) }
    }

    /// Polls until success (returning the last observation), failure or the attempt budget runs out.
    ///
    /// - Parameters:
    ///   - clock: sleeps `delay` between polls and measures elapsed time.
    ///   - progress: called after every poll.
    ///   - poll: makes one call (handed the 1-based poll number) and reports a service error as `.serviceError`.
    /// - Throws: ``WaiterError``, `CancellationError`, or whatever `poll` throws.
    @discardableResult
    public func wait<C: Clock<Duration>>(
        clock: C,
        isolation: isolated (any Actor)? = #isolation,
        progress: ((WaiterProgress) -> Void)? = nil,
        poll: (Int) async throws -> WaiterObservation<Response>
    ) async throws -> WaiterObservation<Response> {
        let start = clock.now
        var attempt = 0
        while true {
            try Task.checkCancellation()
            attempt += 1
            let observation = try await poll(attempt)
            let matched = acceptor(matching: observation)
            let elapsed = start.duration(to: clock.now)
            let state = observedState(observation)
            progress?(
                WaiterProgress(
                    waiter: name, attempt: attempt, maxAttempts: maxAttempts, elapsed: elapsed,
                    observedState: state, matchedState: matched?.state))
            func failure(_ reason: WaiterError.Reason) -> WaiterError {
                WaiterError(waiter: name, reason: reason, attempts: attempt, elapsed: elapsed, lastState: state)
            }
            switch matched?.state {
            case .success:
                return observation
            case .failure:
                throw failure(.failureState(matched?.explanation ?? ""))
            case nil:
                if case .serviceError(let code, let message, _) = observation {
                    throw failure(.unexpectedError(code: code, message: message))
                }
            case .retry:
                break
            }
            guard attempt < maxAttempts else { throw failure(.timedOut) }
            try await clock.sleep(for: delay)
        }
    }

    /// `Images[].State = pending, available (42%)`: the values the first path acceptor selects, plus ``detail``.
    func observedState(_ observation: WaiterObservation<Response>) -> String {
        guard let response = observation.response else {
            return "error \(observation.errorCode ?? "") (HTTP \(observation.statusCode))"
        }
        var text = "HTTP \(observation.statusCode)"
        for acceptor in acceptors {
            guard let argument = acceptor.matcher.argument,
                let values = acceptor.matcher.selectedValues(from: response)
            else { continue }
            text = "\(argument) = " + (values.isEmpty ? "(none)" : values.map(\.description).joined(separator: ", "))
            break
        }
        if let detail = detail?(response) { text += " (\(detail))" }
        return text
    }
}
