import AWSCore
import AWSTestSupport
import Synchronization
import Testing

@testable import AWSServices

/// `AWSServiceClient.wait` against a scripted EC2: polls at botocore's delays on the client's clock and reports
/// each poll.
@Suite struct AWSServiceClientWaiterTests {
    static func images(_ state: String) -> LoopbackHTTPServer.Reply {
        .text(
            200,
            "<DescribeImagesResponse><requestId>r</requestId><imagesSet><item><imageId>ami-1</imageId>"
                + "<imageState>\(state)</imageState></item></imagesSet></DescribeImagesResponse>",
            contentType: "text/xml")
    }

    @Test("ImageAvailable: pending, pending, available — two 15 s sleeps on the client's clock, three reports")
    func imageAvailable() async throws {
        let polls = Mutex(0)
        let server = try await LoopbackHTTPServer.start { _ in
            let poll = polls.withLock {
                $0 += 1
                return $0
            }
            return Self.images(poll < 3 ? "pending" : "available")
        }
        let clock = ManualClock()
        let aws = MotoServiceClients.client(scripted: server, transport: try await MotoServer.shared().transport, clock: clock)
        let reports = Mutex<[WaiterProgress]>([])

        let final = try await aws.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: ["ami-1"]))) {
            report in reports.withLock { $0.append(report) }
        }
        #expect(final.response?.images.first?.state == "available")
        #expect(clock.sleeps == [.seconds(15), .seconds(15)])
        let seen = reports.withLock { $0 }
        #expect(seen.map(\.attempt) == [1, 2, 3])
        #expect(seen.map(\.maxAttempts) == [40, 40, 40])
        #expect(seen.map(\.matchedState) == [nil, nil, .success])
        #expect(seen.last?.elapsed == .seconds(30))
        try await server.shutdown()
    }

    @Test("ImageAvailable fails at once when the image is failed")
    func imageFailed() async throws {
        let server = try await LoopbackHTTPServer.start { _ in Self.images("failed") }
        let clock = ManualClock()
        let aws = MotoServiceClients.client(scripted: server, transport: try await MotoServer.shared().transport, clock: clock)
        let error = await #expect(throws: WaiterError.self) {
            try await aws.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: ["ami-1"])))
        }
        #expect(error?.attempts == 1)
        #expect(clock.sleeps.isEmpty)
        try await server.shutdown()
    }
}
