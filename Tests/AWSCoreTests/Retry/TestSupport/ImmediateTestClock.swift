import Synchronization

/// A clock for tests: `sleep` returns at once (after checking cancellation), moves `now` to the deadline and
/// records how long it was asked to sleep. `advance(by:)` simulates time passing inside a call;
/// `cancelsDuringSleep` simulates the user interrupting a backoff (the sleeping task is cancelled).
final class ImmediateTestClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleeps: [Duration] = []
    }

    private let state = Mutex(State())
    private let cancelsDuringSleep: Bool

    init(cancelsDuringSleep: Bool = false) {
        self.cancelsDuringSleep = cancelsDuringSleep
    }

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .zero }
    /// Every sleep requested, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        if cancelsDuringSleep { withUnsafeCurrentTask { $0?.cancel() } }
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(state.now.duration(to: deadline))
            state.now = max(state.now, deadline)
        }
    }

    func advance(by duration: Duration) {
        state.withLock { $0.now = $0.now.advanced(by: duration) }
    }
}
