@testable import AWSCore
import AWSTestSupport
import AWSSigV4
import Synchronization
import Testing

@Suite("AWSClient retries (fake transport)")
struct AWSClientRetryTests {
    @Test("every attempt is signed again, at its own date, with the credentials fetched for it")
    func everyAttemptIsResigned() async throws {
        let clock = ManualClock()
        let transport = FakeTransport(
            [.respond(ClientFixtures.ec2Error(503, "RequestLimitExceeded")), .fail(.connectFailure),
             .respond(ClientFixtures.ok)],
            clock: clock)
        let client = ClientFixtures.client(
            transport, clock: clock, provider: RotatingCredentialProvider(ClientFixtures.keys))

        _ = try await client.execute(
            ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(), traits: ClientFixtures.describeTraits)

        let sent = transport.requests
        try #require(sent.count == 3)
        let dates = sent.compactMap { $0.headers["X-Amz-Date"] }
        #expect(Set(dates).count == 3, "each attempt carries its own X-Amz-Date: \(dates)")
        // Recompute each signature independently from the request as AWS would see it.
        let signer = SigV4Signer(service: "ec2", region: "us-east-1")
        let request = ClientFixtures.describeKeyPairs
        let unsigned = SigningRequest(
            method: "POST", path: "/",
            headers: [.init(name: "Host", value: "ec2.us-east-1.amazonaws.com")]
                + request.headers.map { .init(name: $0.name, value: $0.value) },
            body: request.body)
        for (index, attempt) in sent.enumerated() {
            let date = try #require(SigningDate(amzDate: dates[index]))
            let expected = signer.sign(unsigned, credentials: ClientFixtures.keys[index], date: date)
            #expect(attempt.headers["Authorization"] == expected.values(forHeader: "Authorization").first)
            #expect(attempt.headers["Authorization"]?.contains("Credential=\(ClientFixtures.keys[index].accessKeyID)/") == true)
            #expect(attempt.url == "https://ec2.us-east-1.amazonaws.com/")
        }
    }

    struct RecoverableCase: Sendable, CustomTestStringConvertible {
        let label: String
        let failure: FakeTransport.Outcome
        let traits: OperationRetryTraits
        var testDescription: String { label }
    }

    @Test(
        "a throttled or transient first attempt is retried after a backoff, and the second succeeds",
        arguments: [
            RecoverableCase(
                label: "EC2 503 RequestLimitExceeded", failure: .respond(ClientFixtures.ec2Error(503, "RequestLimitExceeded")),
                traits: ClientFixtures.describeTraits),
            RecoverableCase(
                label: "STS 400 Throttling", failure: .respond(ClientFixtures.queryError(400, "Throttling")),
                traits: OperationRetryTraits(service: "sts", operation: "GetCallerIdentity", idempotency: .readOnly)),
            RecoverableCase(
                label: "500 InternalError on a read", failure: .respond(ClientFixtures.ec2Error(500, "InternalError")),
                traits: ClientFixtures.describeTraits),
            RecoverableCase(
                label: "read timeout on a read", failure: .fail(.readTimeout), traits: ClientFixtures.describeTraits),
            RecoverableCase(
                label: "connect failure on a non-idempotent call (nothing was sent)", failure: .fail(.connectFailure),
                traits: ClientFixtures.importTraits),
            RecoverableCase(
                label: "throttling on a non-idempotent call (rejected before it ran)",
                failure: .respond(ClientFixtures.ec2Error(503, "RequestLimitExceeded")), traits: ClientFixtures.importTraits),
        ])
    func recoversOnSecondAttempt(_ recoverable: RecoverableCase) async throws {
        let clock = ManualClock()
        let transport = FakeTransport([recoverable.failure, .respond(ClientFixtures.ok)], clock: clock)
        let client = ClientFixtures.client(transport, clock: clock)
        let reconciled = Counter()

        let response = try await client.execute(
            ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(), traits: recoverable.traits,
            reconcile: {
                reconciled.increment()
                return nil
            })

        #expect(response == ClientFixtures.ok)
        #expect(transport.requests.count == 2)
        #expect(clock.sleeps.count == 1)
        #expect(clock.sleeps.allSatisfy { $0 <= .seconds(1) }, "first backoff is at most 1 s: \(clock.sleeps)")
        #expect(reconciled.count == 0, "nothing ambiguous happened, so nothing to reconcile")
    }

    @Test("a throttled call that never recovers ends with the last AWS error, after 3 attempts")
    func throttlingPastTheBudget() async throws {
        let clock = ManualClock()
        let throttled = ClientFixtures.ec2Error(503, "RequestLimitExceeded", requestID: "last")
        let transport = FakeTransport(Array(repeating: .respond(throttled), count: 3), clock: clock)

        let error = await #expect(throws: AWSServiceError.self) {
            try await ClientFixtures.client(transport, clock: clock).execute(
                ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(),
                traits: ClientFixtures.describeTraits)
        }
        #expect(error?.code == "RequestLimitExceeded")
        #expect(error?.statusCode == 503)
        #expect(error?.requestID == "last")
        #expect(transport.requests.count == 3)
        #expect(clock.sleeps.count == 2)
    }

    @Test("transport failures past the budget end with RetryStoppedError carrying the transport error")
    func transportFailuresPastTheBudget() async throws {
        let clock = ManualClock()
        let transport = FakeTransport(Array(repeating: .fail(.connectFailure), count: 3), clock: clock)

        let error = await #expect(throws: RetryStoppedError.self) {
            try await ClientFixtures.client(transport, clock: clock).execute(
                ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(),
                traits: ClientFixtures.describeTraits)
        }
        #expect(error?.reason == .maxAttemptsReached)
        #expect(error?.attempts == 3)
        #expect((error?.underlying as? HTTPTransportError)?.kind == .connectFailure)
    }

    @Test("an error retrying cannot fix comes out as AWSServiceError at once, code, message, status and request id kept")
    func nonRetryableErrorIsThrownAsIs() async throws {
        let clock = ManualClock()
        let transport = FakeTransport([.respond(ClientFixtures.ec2Error(400, "InvalidKeyPair.Duplicate", requestID: "dup-1"))])

        let error = await #expect(throws: AWSServiceError.self) {
            try await ClientFixtures.client(transport, clock: clock).execute(
                ClientFixtures.describeKeyPairs, endpoint: try ClientFixtures.endpoint(), traits: ClientFixtures.importTraits)
        }
        #expect(error == AWSServiceError(
            service: "EC2", code: "InvalidKeyPair.Duplicate", message: "InvalidKeyPair.Duplicate happened.",
            statusCode: 400, requestID: "dup-1"))
        #expect(transport.requests.count == 1)
        #expect(clock.sleeps.isEmpty)
    }
}
