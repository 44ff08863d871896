import AWSTestSupport
import AWSCore
import AWSSigV4
import Foundation
import Synchronization
import Testing

@Suite("CachingCredentialProvider")
struct CachingCredentialProviderTests {
    /// Issues fresh one-hour credentials per call (numbered), or fails when told to.
    final class IssuingProvider: CredentialProvider {
        let clock: ManualClock
        let calls = Mutex(0)
        let failing = Mutex(false)
        init(clock: ManualClock) { self.clock = clock }

        func credentials() async throws -> ExpiringCredentials {
            await Task.yield()  // let concurrent callers pile up while a fetch is in flight
            if failing.withLock({ $0 }) { throw Unavailable() }
            let number = calls.withLock { $0 += 1; return $0 }
            return ExpiringCredentials(
                AWSCredentials(accessKeyID: "ASIAISSUED\(number)", secretAccessKey: "secret\(number)", sessionToken: "t"),
                expiration: clock.currentDate.addingTimeInterval(3_600))
        }
        struct Unavailable: Error {}
    }

    struct Step: Sendable {
        let advance: Duration
        let expectedKey: String
    }

    @Test(
        "credentials are reused until 5 minutes before expiry, then fetched again",
        arguments: [
            [Step(advance: .zero, expectedKey: "ASIAISSUED1"), Step(advance: .seconds(3_299), expectedKey: "ASIAISSUED1"),
             Step(advance: .seconds(1), expectedKey: "ASIAISSUED2")],
            [Step(advance: .zero, expectedKey: "ASIAISSUED1"), Step(advance: .seconds(7_200), expectedKey: "ASIAISSUED2"),
             Step(advance: .seconds(60), expectedKey: "ASIAISSUED2")],
        ])
    func refreshBeforeExpiry(_ steps: [Step]) async throws {
        let clock = ManualClock()
        let base = IssuingProvider(clock: clock)
        let provider = CachingCredentialProvider(wrapping: base, clock: clock)
        for step in steps {
            clock.advance(by: step.advance)
            #expect(try await provider.credentials().credentials.accessKeyID == step.expectedKey)
        }
    }

    @Test("credentials without an expiry are fetched once")
    func noExpiry() async throws {
        let clock = ManualClock()
        final class Once: CredentialProvider {
            let calls = Mutex(0)
            func credentials() async throws -> ExpiringCredentials {
                calls.withLock { $0 += 1 }
                return ExpiringCredentials(AWSCredentials(accessKeyID: "AKIDLONGTERM", secretAccessKey: "s"))
            }
        }
        let base = Once()
        let provider = CachingCredentialProvider(wrapping: base, clock: clock)
        for _ in 0..<3 {
            clock.advance(by: .seconds(86_400 * 365))
            _ = try await provider.credentials()
        }
        #expect(base.calls.withLock { $0 } == 1)
    }

    @Test("concurrent callers share one fetch")
    func singleFlight() async throws {
        let clock = ManualClock()
        let base = IssuingProvider(clock: clock)
        let provider = CachingCredentialProvider(wrapping: base, clock: clock)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.credentials().credentials.accessKeyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["ASIAISSUED1"])
        #expect(base.calls.withLock { $0 } == 1)
    }

    @Test("a failed refresh keeps unexpired credentials, and is thrown once they have expired")
    func failedRefresh() async throws {
        let clock = ManualClock()
        let base = IssuingProvider(clock: clock)
        let provider = CachingCredentialProvider(wrapping: base, clock: clock)
        _ = try await provider.credentials()
        base.failing.withLock { $0 = true }

        clock.advance(by: .seconds(3_400))  // inside the refresh window, not expired
        #expect(try await provider.credentials().credentials.accessKeyID == "ASIAISSUED1")

        clock.advance(by: .seconds(200))  // expired
        await #expect(throws: IssuingProvider.Unavailable.self) { try await provider.credentials() }
    }
}
