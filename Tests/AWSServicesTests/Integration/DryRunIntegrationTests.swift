import AWSCore
import AWSTestSupport
import Testing

@testable import AWSServices

/// `AWSServiceClient.dryRun`: moto answers a DryRun with `DryRunOperation` (HTTP 412) and never refuses (its
/// IAM checks are off unless switched on for the whole server), so the refusal comes from a scripted server
/// speaking EC2's `UnauthorizedOperation` answer.
@Suite("DryRun through AWSServiceClient")
struct DryRunIntegrationTests {
    @Test("moto says DryRunOperation: permitted, and nothing was created")
    func permitted() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "sa-east-1")
        let name = MotoServiceClients.name("dry")
        let material = Array(try TestKeys.freshPublicKey().utf8)
        #expect(
            try await aws.dryRun(EC2.importKeyPair(.init(keyName: name, publicKeyMaterial: material, dryRun: true)))
                == .permitted)
        #expect(try await aws.keyPair(named: name) == nil)
        #expect(try await aws.dryRun(EC2.runInstances(.init(imageId: "ami-12c6146b", dryRun: true))) == .permitted)
        #expect(try await aws.dryRun(EC2.describeInstances(.init(dryRun: true))) == .permitted)
    }

    @Test("an operation built without DryRun=true is not sent")
    func flagNotSet() async throws {
        let server = try await LoopbackHTTPServer.start { _ in .text(500, "must not be reached") }
        let aws = MotoServiceClients.client(scripted: server, transport: try await MotoServer.shared().transport)
        let error = await #expect(throws: DryRunError.self) {
            try await aws.dryRun(EC2.runInstances(.init(imageId: "ami-12c6146b")))
        }
        #expect(error == DryRunError(action: "RunInstances", reason: .flagNotSet))
        #expect(server.requests.isEmpty)
        try await server.shutdown()
    }

    @Test("UnauthorizedOperation is denied, keeping code, message and request id; a 2xx answer is reported")
    func deniedAndPerformed() async throws {
        let server = try await LoopbackHTTPServer.start { request in
            request.text.contains("Action=CreateImage")
                ? .text(
                    403,
                    "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to "
                        + "perform this operation. Encoded authorization failure message: abc</Message></Error></Errors>"
                        + "<RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>",
                    contentType: "text/xml")
                : .text(
                    200, "<DescribeRegionsResponse><requestId>r</requestId><regionInfo/></DescribeRegionsResponse>",
                    contentType: "text/xml")
        }
        let aws = MotoServiceClients.client(scripted: server, transport: try await MotoServer.shared().transport)
        let outcome = try await aws.dryRun(EC2.createImage(.init(instanceId: "i-1", name: "image", dryRun: true)))
        guard case .denied(let error) = outcome else {
            Issue.record("expected denied, got \(outcome)")
            return
        }
        #expect(error.code == "UnauthorizedOperation")
        #expect(error.statusCode == 403)
        #expect(error.message.contains("Encoded authorization failure message"))
        #expect(error.requestID == "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")

        let performed = await #expect(throws: DryRunError.self) {
            try await aws.dryRun(EC2.describeRegions(.init(dryRun: true)))
        }
        #expect(performed?.reason == .performed)
        try await server.shutdown()
    }
}
