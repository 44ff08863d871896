import Foundation

/// The client's time: the wall-clock date signatures carry and credential expiry is compared with, and a
/// `Clock` to sleep on between attempts. Injected so tests control both without waiting.
public protocol AWSClock: Clock where Duration == Swift.Duration {
    /// The wall-clock date now.
    var currentDate: Date { get }
}

/// The real time: `Date()` for signatures and `ContinuousClock` for backoff sleeps.
public struct SystemAWSClock: AWSClock {
    /// The continuous clock's instant.
    public typealias Instant = ContinuousClock.Instant

    private let clock = ContinuousClock()

    /// The system clock.
    public init() {}

    /// The current wall-clock date.
    public var currentDate: Date { Date() }
    /// The continuous clock's now.
    public var now: Instant { clock.now }
    /// The continuous clock's resolution.
    public var minimumResolution: Swift.Duration { clock.minimumResolution }

    /// Sleeps on the continuous clock.
    public func sleep(until deadline: Instant, tolerance: Swift.Duration?) async throws {
        try await clock.sleep(until: deadline, tolerance: tolerance)
    }
}
