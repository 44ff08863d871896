import AWSCore
import Foundation
import Synchronization

/// A test clock: time moves only when a test advances it or the code under test sleeps (sleeps return at once).
final class ManualClock: AWSClock {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let start: Date
    private let state = Mutex<(offset: Duration, sleeps: [Duration])>((.zero, []))

    /// A clock whose wall time starts at `start`.
    init(start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        self.start = start
    }

    var now: Instant { Instant(offset: state.withLock { $0.offset }) }
    var minimumResolution: Duration { .nanoseconds(1) }
    var currentDate: Date {
        let (seconds, attoseconds) = state.withLock { $0.offset }.components
        return start.addingTimeInterval(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18)
    }
    /// Every sleep asked for, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) {
        state.withLock { $0.offset += duration }
    }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(deadline.offset - $0.offset)
            $0.offset = max($0.offset, deadline.offset)
        }
    }
}
