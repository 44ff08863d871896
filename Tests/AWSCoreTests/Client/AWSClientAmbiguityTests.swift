@testable import AWSCore
import AWSTestSupport
import Synchronization
import Testing

/// Calls without an idempotency token (ImportKeyPair) are never blindly sent again after a failure that may
/// have taken effect: the caller's reconcile step looks first.
@Suite("AWSClient ambiguous failures (fake transport)")
struct AWSClientAmbiguityTests {
    static let ambiguousFailures: [FakeTransport.Outcome] = [
        .fail(.connectionReset), .fail(.readTimeout), .respond(ClientFixtures.ec2Error(500, "InternalError")),
    ]

    static let found = AWSHTTPResponse(statusCode: 200, text: "<ImportKeyPairResponse>found</ImportKeyPairResponse>")

    @Test("the reconcile step's finding is the result, and the call is not sent again", arguments: ambiguousFailures)
    func reconcileFindsTheEffect(_ failure: FakeTransport.Outcome) async throws {
        let clock = ManualClock()
        let transport = FakeTransport([failure])
        let reconciled = Counter()

        let response = try await ClientFixtures.client(transport, clock: clock).execute(
            ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(), traits: ClientFixtures.importTraits,
            reconcile: {
                reconciled.increment()
                return Self.found
            })

        #expect(response == Self.found)
        #expect(transport.requests.count == 1)
        #expect(reconciled.count == 1)
    }

    @Test("when the reconcile step finds nothing, the call is sent again", arguments: ambiguousFailures)
    func reconcileFindsNothing(_ failure: FakeTransport.Outcome) async throws {
        let clock = ManualClock()
        let transport = FakeTransport([failure, .respond(ClientFixtures.ok)])
        let reconciled = Counter()

        let response = try await ClientFixtures.client(transport, clock: clock).execute(
            ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(), traits: ClientFixtures.importTraits,
            reconcile: {
                reconciled.increment()
                return nil
            })

        #expect(response == ClientFixtures.ok)
        #expect(transport.requests.count == 2)
        #expect(reconciled.count == 1)
    }

    @Test("without a reconcile step the call stops after one attempt", arguments: ambiguousFailures)
    func noReconcileNoRepeat(_ failure: FakeTransport.Outcome) async throws {
        let clock = ManualClock()
        let transport = FakeTransport([failure, .respond(ClientFixtures.ok)])

        let error = await #expect(throws: RetryStoppedError.self) {
            try await ClientFixtures.client(transport, clock: clock).execute(
                ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(), traits: ClientFixtures.importTraits)
        }
        #expect(error?.reason == .ambiguousNotRepeated)
        #expect(transport.requests.count == 1)
    }

    @Test(
        "a read or a repeatable call that failed ambiguously is simply repeated: doing it twice changes nothing",
        arguments: [ClientFixtures.describeTraits, ClientFixtures.stopTraits])
    func readsAreRepeated(_ traits: OperationRetryTraits) async throws {
        let clock = ManualClock()
        let transport = FakeTransport([.fail(.connectionReset), .respond(ClientFixtures.ok)])
        let reconciled = Counter()

        _ = try await ClientFixtures.client(transport, clock: clock).execute(
            ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(), traits: traits,
            reconcile: {
                reconciled.increment()
                return nil
            })

        #expect(transport.requests.count == 2)
        #expect(reconciled.count == 0)
    }
}

extension FakeTransport.Outcome: CustomTestStringConvertible {
    var testDescription: String {
        switch self {
        case .respond(let response): "HTTP \(response.statusCode)"
        case .fail(let kind): "\(kind)"
        }
    }
}
