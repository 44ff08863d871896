import Foundation

/// Caches another provider's credentials and fetches new ones shortly before they expire.
///
/// One refresh at a time: callers arriving while a refresh runs wait for it instead of starting their own
/// (soto's `ExpiringValue`). If a refresh fails while the cached credentials are still valid they keep being
/// used (botocore's "advisory" refresh window); once expired, the failure is thrown.
///
/// ## Usage
/// ```swift
/// let provider = CachingCredentialProvider(wrapping: assumeRoleProvider, clock: clock)
/// let credentials = try await provider.credentials()  // fetched once, reused until 5 minutes before expiry
/// ```
public actor CachingCredentialProvider: CredentialProvider {
    private enum State {
        case empty
        case cached(ExpiringCredentials)
        case refreshing(Task<ExpiringCredentials, any Error>, previous: ExpiringCredentials?)
    }

    /// The provider that does the fetching.
    public let base: any CredentialProvider
    /// How long before expiry a refresh starts (botocore: 15 minutes advisory, 10 mandatory; the AWS CLI's
    /// temporary credentials last at least 15 minutes, so 5 leaves room).
    public let refreshBeforeExpiry: Duration
    private let clock: any AWSClock
    private var state = State.empty

    /// Caches `base`'s credentials, judging expiry by `clock`.
    public init(wrapping base: any CredentialProvider, clock: any AWSClock, refreshBeforeExpiry: Duration = .seconds(300)) {
        self.base = base
        self.clock = clock
        self.refreshBeforeExpiry = refreshBeforeExpiry
    }

    /// The cached credentials, refreshed first when they are about to expire.
    public func credentials() async throws -> ExpiringCredentials {
        switch state {
        case .cached(let value) where !needsRefresh(value):
            return value
        case .refreshing(let task, let previous):
            return try await outcome(of: task, previous: previous)
        case .cached(let value):
            return try await refresh(previous: value)
        case .empty:
            return try await refresh(previous: nil)
        }
    }

    private func refresh(previous: ExpiringCredentials?) async throws -> ExpiringCredentials {
        let base = self.base
        let task = Task { try await base.credentials() }
        state = .refreshing(task, previous: previous)
        return try await outcome(of: task, previous: previous)
    }

    private func outcome(
        of task: Task<ExpiringCredentials, any Error>, previous: ExpiringCredentials?
    ) async throws -> ExpiringCredentials {
        do {
            let value = try await task.value
            state = .cached(value)
            return value
        } catch {
            if let previous, !isExpired(previous) {
                state = .cached(previous)
                return previous
            }
            state = .empty
            throw error
        }
    }

    private func needsRefresh(_ value: ExpiringCredentials) -> Bool {
        guard let expiration = value.expiration else { return false }
        return clock.currentDate >= expiration.addingTimeInterval(-Self.seconds(refreshBeforeExpiry))
    }

    private func isExpired(_ value: ExpiringCredentials) -> Bool {
        guard let expiration = value.expiration else { return false }
        return clock.currentDate >= expiration
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
