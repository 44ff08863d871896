import Synchronization

/// One ``RetryQuota`` shared by every call a client makes, safe to use from concurrent tasks.
///
/// botocore keeps one quota per client, guarded by a lock; this is the same, with the bucket arithmetic left
/// in the value type so it can be tested on its own.
///
/// ## Usage
/// ```swift
/// let quota = SharedRetryQuota()  // one per client
/// let executor = RetryExecutor(policy: .standard(), quota: quota)
/// ```
public final class SharedRetryQuota: Sendable {
    private let state: Mutex<RetryQuota>

    /// A shared bucket starting from `quota` (full, 500, by default).
    public init(_ quota: RetryQuota = RetryQuota()) {
        state = Mutex(quota)
    }

    /// A copy of the bucket as it is now.
    public var snapshot: RetryQuota { state.withLock { $0 } }

    /// ``RetryQuota/acquire(for:)`` under the lock.
    public func acquire(for failure: RetryFailure) -> Int? {
        state.withLock { $0.acquire(for: failure) }
    }

    /// ``RetryQuota/recordSuccess(lastRetryCost:)`` under the lock.
    public func recordSuccess(lastRetryCost: Int?) {
        state.withLock { $0.recordSuccess(lastRetryCost: lastRetryCost) }
    }

    /// ``RetryQuota/release(_:)`` under the lock.
    public func release(_ amount: Int) {
        state.withLock { $0.release(amount) }
    }
}
