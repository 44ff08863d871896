import AWSCore
import Foundation
import Synchronization

/// A test clock: time moves only when a test advances it or the code under test sleeps (sleeps return at once).
public final class ManualClock: AWSClock {
    public struct Instant: InstantProtocol {
        /// Time since the clock's start.
        public var offset: Duration
        /// An instant from its offset.
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let start: Date
    private let state = Mutex<(offset: Duration, sleeps: [Duration])>((.zero, []))

    /// A clock whose wall time starts at `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        self.start = start
    }

    /// The instant now.
    public var now: Instant { Instant(offset: state.withLock { $0.offset }) }
    /// One nanosecond.
    public var minimumResolution: Duration { .nanoseconds(1) }
    /// The wall-clock date now.
    public var currentDate: Date {
        let (seconds, attoseconds) = state.withLock { $0.offset }.components
        return start.addingTimeInterval(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18)
    }
    /// Every sleep asked for, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    /// Moves time forward.
    public func advance(by duration: Duration) {
        state.withLock { $0.offset += duration }
    }

    /// Records the sleep and moves time to its end.
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(deadline.offset - $0.offset)
            $0.offset = max($0.offset, deadline.offset)
        }
    }
}
