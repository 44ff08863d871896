/// The client-wide retry token bucket of AWS standard mode, as a value.
///
/// botocore `retries/quota.py` (`RetryQuota`) and `retries/standard.py` (`RetryQuotaChecker`, pre-2026 costs):
/// the bucket starts full at 500; each retry takes 5, or 10 after a timeout, and is refused when the bucket
/// cannot pay; a success refunds what its last retry took, or 1 if it needed no retry; the bucket never
/// exceeds its capacity. When many calls fail at once the bucket drains and retries stop, so an outage is not
/// made worse by every caller retrying.
///
/// ## Usage
/// ```swift
/// var quota = RetryQuota()
/// let cost = quota.acquire(for: .transport(.readTimeout))  // 10; quota.available == 490
/// quota.recordSuccess(lastRetryCost: cost)                 // quota.available == 500
/// ```
public struct RetryQuota: Sendable, Hashable {
    /// botocore `RetryQuota.INITIAL_CAPACITY`.
    public static let initialCapacity = 500
    /// botocore `RetryQuotaChecker._RETRY_COST`.
    public static let retryCost = 5
    /// botocore `RetryQuotaChecker._TIMEOUT_RETRY_REQUEST`.
    public static let timeoutRetryCost = 10
    /// botocore `RetryQuotaChecker._NO_RETRY_INCREMENT`.
    public static let noRetryIncrement = 1

    /// The most the bucket holds.
    public let capacity: Int
    /// What the bucket holds now.
    public private(set) var available: Int

    /// A full bucket.
    public init(capacity: Int = initialCapacity) {
        self.capacity = max(0, capacity)
        self.available = self.capacity
    }

    /// What a retry after `failure` costs.
    public static func cost(of failure: RetryFailure) -> Int {
        failure.isTimeout ? timeoutRetryCost : retryCost
    }

    /// Takes the cost of one retry after `failure`; returns it, or `nil` (and takes nothing) when the bucket
    /// cannot pay, in which case the caller must not retry.
    public mutating func acquire(for failure: RetryFailure) -> Int? {
        let cost = Self.cost(of: failure)
        guard cost <= available else { return nil }
        available -= cost
        return cost
    }

    /// Records a successful call: refunds `lastRetryCost` when it took retries, otherwise
    /// ``noRetryIncrement`` (botocore `release_retry_quota`).
    public mutating func recordSuccess(lastRetryCost: Int?) {
        release(lastRetryCost ?? Self.noRetryIncrement)
    }

    /// Returns `amount` to the bucket, never beyond ``capacity``.
    public mutating func release(_ amount: Int) {
        available = min(capacity, available + max(0, amount))
    }
}
