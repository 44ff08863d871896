import Testing

@testable import AWSCore

@Suite("Waiter loop: delays, progress, failure, timeout, cancellation")
struct WaiterTests {
    typealias Observation = WaiterObservation<FakeDescribeOutput>

    static func states(_ states: String..., progress: [String] = []) -> Observation {
        .response(FakeDescribeOutput(states: states, progress: progress))
    }
    static func error(_ code: String) -> Observation {
        .serviceError(code: code, message: "not yet", statusCode: 400)
    }

    /// Runs `waiter` against `script` (one observation per poll; the last repeats) and collects what happened.
    func run(
        _ waiter: Waiter<FakeDescribeOutput>, script: [Observation], clock: ImmediateTestClock = ImmediateTestClock()
    ) async -> (result: Result<Observation, any Error>, polls: [Int], progress: [WaiterProgress]) {
        var polls: [Int] = []
        var reports: [WaiterProgress] = []
        do {
            let final = try await waiter.wait(clock: clock, progress: { reports.append($0) }) { attempt in
                polls.append(attempt)
                // A waiter that failed to stop must fail the test, not hang it.
                try #require(attempt <= 100, "runaway waiter")
                return script[min(attempt, script.count) - 1]
            }
            return (.success(final), polls, reports)
        } catch {
            return (.failure(error), polls, reports)
        }
    }

    func waiterError(_ result: Result<Observation, any Error>) throws -> WaiterError {
        guard case .failure(let error) = result else { Issue.record("expected an error"); throw UnclassifiedError() }
        return try #require(error as? WaiterError)
    }

    @Test("ImageAvailable: pending, pending, available succeeds on the third poll, 15 s apart")
    func success() async throws {
        let clock = ImmediateTestClock()
        let (result, polls, progress) = await run(
            .imageAvailable { $0.states },
            script: [Self.states("pending"), Self.states("pending"), Self.states("available")], clock: clock)
        let final = try result.get()
        #expect(final.response?.states == ["available"])
        #expect(polls == [1, 2, 3])
        #expect(clock.sleeps == [.seconds(15), .seconds(15)])
        #expect(progress.map(\.attempt) == [1, 2, 3])
        #expect(progress.map(\.elapsed) == [.zero, .seconds(15), .seconds(30)])
        #expect(
            progress.map(\.observedState) == [
                "Images[].State = pending", "Images[].State = pending", "Images[].State = available",
            ])
        #expect(progress.map(\.matchedState) == [nil, nil, .success])
        #expect(progress.allSatisfy { $0.waiter == "ImageAvailable" && $0.maxAttempts == 40 })
    }

    @Test("ImageAvailable: a failed image ends the wait with botocore's explanation")
    func failureState() async throws {
        let (result, polls, _) = await run(
            .imageAvailable { $0.states }, script: [Self.states("pending"), Self.states("failed")])
        let error = try waiterError(result)
        #expect(polls == [1, 2])
        #expect(
            error.reason
                == .failureState(#"For expression "Images[].State" we matched expected path: "failed" at least once"#))
        #expect(error.attempts == 2 && error.lastState == "Images[].State = failed")
        #expect(error.description.hasPrefix("Waiter ImageAvailable reached a failure state after 2 attempts (15s)"))
    }

    @Test("40 polls without a decision: a timeout naming the waiter, the time and the last state")
    func timeout() async throws {
        let clock = ImmediateTestClock()
        let (result, polls, progress) = await run(
            .imageAvailable { $0.states }, script: [Self.states("pending", "available")], clock: clock)
        let error = try waiterError(result)
        #expect(error.reason == .timedOut)
        #expect(polls.count == 40 && progress.count == 40 && clock.sleeps.count == 39)
        #expect(error.elapsed == .seconds(39 * 15))
        #expect(error.lastState == "Images[].State = pending, available")
        #expect(
            error.description
                == "Waiter ImageAvailable timed out after 40 attempts (9m 45s); "
                + "last state: Images[].State = pending, available")
    }

    @Test("Overridden delay and attempts are honoured (botocore WaiterConfig)", arguments: [(1, 2), (3, 5), (5, 1)])
    func overrides(maxAttempts: Int, delaySeconds: Int) async throws {
        var waiter = Waiter<FakeDescribeOutput>.instanceStopped { $0.states }
        waiter.maxAttempts = maxAttempts
        waiter.delay = .seconds(delaySeconds)
        let clock = ImmediateTestClock()
        let (result, polls, _) = await run(waiter, script: [Self.states("stopping")], clock: clock)
        #expect(try waiterError(result).reason == .timedOut)
        #expect(polls.count == maxAttempts)
        #expect(clock.sleeps == Array(repeating: .seconds(delaySeconds), count: maxAttempts - 1))
    }

    @Test("InstanceRunning retries on InvalidInstanceID.NotFound (eventual consistency), then succeeds")
    func retryOnNotFound() async throws {
        let (result, polls, progress) = await run(
            .instanceRunning { $0.states },
            script: [Self.error("InvalidInstanceID.NotFound"), Self.states("pending"), Self.states("running")])
        #expect(try result.get().response?.states == ["running"])
        #expect(polls == [1, 2, 3])
        #expect(progress.map(\.matchedState) == [.retry, nil, .success])
        #expect(progress[0].observedState == "error InvalidInstanceID.NotFound (HTTP 400)")
    }

    @Test("An error no acceptor expects ends the wait at once (InstanceStopped has no NotFound retry)")
    func unexpectedError() async throws {
        let clock = ImmediateTestClock()
        let (result, polls, _) = await run(
            .instanceStopped { $0.states }, script: [Self.error("InvalidInstanceID.NotFound")], clock: clock)
        let error = try waiterError(result)
        #expect(error.reason == .unexpectedError(code: "InvalidInstanceID.NotFound", message: "not yet"))
        #expect(polls == [1] && clock.sleeps.isEmpty)
        #expect(error.description.contains("an error occurred (InvalidInstanceID.NotFound): not yet"))
    }

    @Test("Snapshot progress appears in progress reports and in the timeout")
    func snapshotProgress() async throws {
        var waiter = Waiter<FakeDescribeOutput>.snapshotCompleted(
            snapshotStates: { $0.states }, progress: { $0.progress })
        waiter.maxAttempts = 2
        let (result, _, progress) = await run(
            waiter,
            script: [Self.states("pending", progress: ["12%"]), Self.states("pending", progress: ["57%"])])
        #expect(
            progress.map(\.observedState) == [
                "Snapshots[].State = pending (progress 12%)", "Snapshots[].State = pending (progress 57%)",
            ])
        #expect(try waiterError(result).lastState == "Snapshots[].State = pending (progress 57%)")
    }

    @Test("Elapsed time counts the time spent in calls, on the injected clock")
    func elapsedIncludesCalls() async throws {
        let clock = ImmediateTestClock()
        var reports: [WaiterProgress] = []
        try await Waiter<FakeDescribeOutput>.imageAvailable { $0.states }.wait(
            clock: clock, progress: { reports.append($0) }
        ) { attempt in
            clock.advance(by: .seconds(2))  // each DescribeImages takes 2 s
            return attempt < 3 ? Self.states("pending") : Self.states("available")
        }
        #expect(reports.map(\.elapsed) == [.seconds(2), .seconds(19), .seconds(36)])
    }

    @Test("An AWSServiceError from the call becomes an observation an error acceptor can match")
    func capturing() async throws {
        let polls = CallLog<Int>()
        let final = try await Waiter<FakeDescribeOutput>.instanceRunning { $0.states }.wait(clock: ImmediateTestClock())
        {
            attempt in
            polls.append(attempt)
            return try await .capturing {
                guard attempt > 1 else {
                    throw AWSServiceError(
                        service: "EC2", code: "InvalidInstanceID.NotFound", message: "no such instance", statusCode: 400
                    )
                }
                return FakeDescribeOutput(states: ["running"])
            }
        }
        #expect(final.response?.states == ["running"])
        #expect(polls.all == [1, 2])
        let observed = try await WaiterObservation<FakeDescribeOutput>.capturing {
            throw AWSServiceError(service: "EC2", code: "UnauthorizedOperation", message: "denied", statusCode: 403)
        }
        #expect(observed.errorCode == "UnauthorizedOperation" && observed.statusCode == 403)
        await #expect(throws: FakeAWSFailure.reset) {
            _ = try await WaiterObservation<FakeDescribeOutput>.capturing { throw FakeAWSFailure.reset }
        }
    }

    @Test("An error thrown by the poll (not a service answer) propagates unchanged")
    func pollThrows() async {
        await #expect(throws: FakeAWSFailure.reset) {
            try await Waiter<FakeDescribeOutput>.imageAvailable { $0.states }.wait(clock: ImmediateTestClock()) { _ in
                throw FakeAWSFailure.reset
            }
        }
    }

    @Test("A cancelled task makes no poll")
    func cancelledBeforePoll() async {
        let polls = CallLog<Int>()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await Waiter<FakeDescribeOutput>.imageAvailable { $0.states }.wait(clock: ImmediateTestClock()) {
                polls.append($0)
                return Self.states("available")
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(polls.count == 0)
    }

    @Test("Cancellation during the delay ends the wait without another poll")
    func cancelledDuringDelay() async {
        let polls = CallLog<Int>()
        let clock = ImmediateTestClock(cancelsDuringSleep: true)
        let task = Task {
            try await Waiter<FakeDescribeOutput>.imageAvailable { $0.states }.wait(clock: clock) {
                polls.append($0)
                return Self.states("pending")
            }
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(polls.all == [1])
    }

    @Test(
        "Durations in messages",
        arguments: [
            (Duration.zero, "0s"), (.milliseconds(200), "0.2s"), (.milliseconds(1500), "1.5s"), (.seconds(15), "15s"),
            (.milliseconds(15_700), "15s"), (.seconds(60), "1m 0s"), (.seconds(585), "9m 45s"),
            (.seconds(3725), "1h 2m 5s"),
        ])
    func durations(duration: Duration, text: String) {
        #expect(WaiterError.format(duration) == text)
    }
}
