import Testing

@testable import AWSCore

@Suite("Retry quota token bucket (botocore retries/quota.py)")
struct RetryQuotaTests {
    @Test("Starts full at 500")
    func initial() {
        let quota = RetryQuota()
        #expect(quota.available == 500 && quota.capacity == 500)
    }

    @Test(
        "A retry costs 5, after a timeout 10",
        arguments: [
            (RetryFailure.response(statusCode: 503, errorCode: "RequestLimitExceeded"), 5),
            (.response(statusCode: 500, errorCode: nil), 5),
            (.transport(.connectionReset), 5),
            (.transport(.dnsFailure), 5),
            (.transport(.connectTimeout), 10),
            (.transport(.readTimeout), 10),
        ] as [(RetryFailure, Int)])
    func costs(failure: RetryFailure, cost: Int) {
        var quota = RetryQuota()
        #expect(quota.acquire(for: failure) == cost)
        #expect(quota.available == 500 - cost)
    }

    @Test("100 retries drain the bucket; the 101st is refused and takes nothing")
    func drains() {
        var quota = RetryQuota()
        for _ in 0..<100 { #expect(quota.acquire(for: .transport(.connectionReset)) == 5) }
        #expect(quota.available == 0)
        #expect(quota.acquire(for: .transport(.connectionReset)) == nil)
        #expect(quota.available == 0)
    }

    @Test("A timeout retry is refused when only a plain retry fits")
    func partial() {
        var quota = RetryQuota(capacity: 7)
        #expect(quota.acquire(for: .transport(.readTimeout)) == nil)
        #expect(quota.available == 7)
        #expect(quota.acquire(for: .transport(.connectionReset)) == 5)
        #expect(quota.available == 2)
    }

    @Test(
        "Success refunds the last retry's cost, or 1 without retries, never past capacity",
        arguments: [
            (4, nil as Int?, 481),
            (4, 5, 485),
            (4, 10, 490),
            (0, nil, 500),
            (1, 10, 500),
        ])
    func refunds(retriesTaken: Int, lastRetryCost: Int?, expected: Int) {
        var quota = RetryQuota()
        for _ in 0..<retriesTaken { _ = quota.acquire(for: .transport(.dnsFailure)) }
        #expect(quota.available == 500 - 5 * retriesTaken)
        quota.recordSuccess(lastRetryCost: lastRetryCost)
        #expect(quota.available == expected)
    }

    @Test("Negative releases are ignored")
    func negativeRelease() {
        var quota = RetryQuota()
        _ = quota.acquire(for: .transport(.readTimeout))
        quota.release(-3)
        #expect(quota.available == 490)
    }

    @Test("The shared bucket hands out exactly 100 retries to 400 concurrent callers")
    func sharedUnderContention() async {
        let shared = SharedRetryQuota()
        let granted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<400 {
                group.addTask { shared.acquire(for: .transport(.connectionReset)) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 100)
        #expect(shared.snapshot.available == 0)
        shared.recordSuccess(lastRetryCost: 10)
        shared.release(3)
        #expect(shared.snapshot.available == 13)
    }
}
