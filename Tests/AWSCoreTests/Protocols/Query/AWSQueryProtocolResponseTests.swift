import Foundation
import Testing

@testable import AWSCore

@Suite("EC2 and Query protocol responses decode from real bodies")
struct AWSQueryProtocolResponseTests {
    /// Minimal shapes in the style AWSServices will use, decoding real bodies.
    struct Instance: XMLDecodable, Equatable {
        var instanceId: String
        var imageId: String
        var state: String
        var stateCode: Int
        var keyName: String?
        var launchTime: Date?
        var publicDnsName: String?
        var tags: [String: String]

        init(xml node: XMLNode) throws {
            instanceId = try node.decode("instanceId")
            imageId = try node.decode("imageId")
            let state = try node.require("instanceState")
            self.state = try state.decode("name")
            stateCode = try state.decode("code")
            keyName = try node.decodeIfPresent("keyName")
            launchTime = try node.decodeIfPresent("launchTime")
            publicDnsName = try node.decodeIfPresent("dnsName")
            tags = Dictionary(
                try node.items("tagSet").map { (try $0.decode("key", as: String.self), try $0.decode("value", as: String.self)) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    struct DescribeInstances: XMLDecodable {
        var instances: [Instance]
        var nextToken: String?
        init(xml node: XMLNode) throws {
            instances = try node.items("reservationSet").flatMap { try $0.decodeItems("instancesSet", as: Instance.self) }
            nextToken = try node.decodeIfPresent("nextToken")
        }
    }

    @Test("botocore's DescribeInstances fixture gives the values botocore's own test expects")
    func botocoreDescribeInstances() throws {
        let reply = try AWSQueryProtocol.ec2.response(BotocoreWireFixtures.describeInstances, action: "DescribeInstances")
        #expect(reply.requestID == "d15d204f-fc31-4600-85d3-5c86e5483b92")
        #expect(reply.result.name == "DescribeInstancesResponse")
        let output = try DescribeInstances(xml: reply.result)
        #expect(output.instances.map(\.instanceId) == ["i-fde9cece", "i-78f1b94a"])
        #expect(output.instances.map(\.state) == ["stopped", "running"])
        #expect(output.instances.map(\.stateCode) == [80, 16])
        #expect(output.instances[0].publicDnsName == "")
        #expect(output.instances[0].launchTime == Date(timeIntervalSince1970: 1_350_417_613))
        #expect(output.instances[0].tags == ["notebook": ""])
        #expect(output.instances[1].publicDnsName == "ec2-54-245-16-142.us-west-2.compute.amazonaws.com")
        #expect(output.nextToken == nil)
    }

    @Test("moto's DescribeInstances (no whitespace, entities in a tag, requestId last) decodes")
    func motoDescribeInstances() throws {
        let output = try AWSQueryProtocol.ec2.decode(
            DescribeInstances.self, from: MotoWireFixtures.describeInstances, action: "DescribeInstances")
        let instance = try #require(output.instances.first)
        #expect(output.instances.count == 1)
        #expect(instance.imageId == "ami-12c6146b")
        #expect(instance.keyName == "old-key")
        #expect(instance.state == "running")
        #expect(instance.tags == ["Name": #"web <1> & "friends""#])
        let reply = try AWSQueryProtocol.ec2.response(MotoWireFixtures.describeInstances, action: "DescribeInstances")
        #expect(reply.requestID == "request-id")  // moto's literal; the header id is ignored when the body has one
    }

    @Test("moto's RunInstances reservation uses the same instance shape")
    func motoRunInstances() throws {
        let reply = try AWSQueryProtocol.ec2.response(MotoWireFixtures.runInstances, action: "RunInstances")
        let instances = try reply.result.decodeItems("instancesSet", as: Instance.self)
        #expect(instances.map(\.state) == ["pending"])
        #expect(try reply.result.decode("reservationId", as: String.self).hasPrefix("r-"))
    }

    @Test("DescribeImages: booleans, dates, nested lists and tags from moto")
    func motoDescribeImages() throws {
        let image = try #require(
            try AWSQueryProtocol.ec2.response(MotoWireFixtures.describeImages, action: "DescribeImages").result.items("imagesSet").first)
        #expect(try image.decode("imageState", as: String.self) == "available")
        #expect(try image.decode("isPublic", as: Bool.self) == false)
        #expect(try image.decode("imageOwnerId", as: String.self) == "123456789012")
        #expect(try image.decodeIfPresent("creationDate", as: Date.self) != nil)
        #expect(try image.decode("description", as: String.self) == "")
        let ebs = try #require(image.items("blockDeviceMapping").first?["ebs"])
        #expect(try ebs.decode("volumeSize", as: Int.self) == 15)
        #expect(try ebs.decode("snapshotId", as: String.self) == "snap-dab8631d049a8118d")
        #expect(image.items("tagSet").first?["value"]?.text == "t-1")
    }

    @Test("Key pairs: DescribeKeyPairs with the public key, an empty keySet, ImportKeyPair, botocore's fixture")
    func keyPairs() throws {
        let described = try AWSQueryProtocol.ec2.response(MotoWireFixtures.describeKeyPairsWithPublicKey, action: "DescribeKeyPairs")
        let key = try #require(described.result.items("keySet").first)
        #expect(try key.decode("keyName", as: String.self) == "old-key")
        #expect(try key.decode("keyType", as: String.self) == "rsa")
        // moto returns the uploaded bytes verbatim, trailing newline included (moto-fidelity.md §4).
        #expect(try key.decode("publicKey", as: String.self).hasSuffix("test@amikey\n"))
        #expect(try key.decode("createTime", as: Date.self) > Date(timeIntervalSince1970: 1_700_000_000))
        #expect(
            try AWSQueryProtocol.ec2.response(MotoWireFixtures.describeKeyPairsEmpty, action: "DescribeKeyPairs").result
                .items("keySet").isEmpty)
        let imported = try AWSQueryProtocol.ec2.response(MotoWireFixtures.importKeyPair, action: "ImportKeyPair").result
        #expect(try imported.decode("keyFingerprint", as: String.self) == "7b:6f:2a:b3:c8:3d:13:1e:0f:e7:77:81:96:4e:b4:fa")
        #expect(try imported.decode("keyPairId", as: String.self) == "key-84c2a4652ea5e8de7")
        let botocore = try AWSQueryProtocol.ec2.response(BotocoreWireFixtures.importKeyPair, action: "ImportKeyPair")
        #expect(try botocore.result.decode("keyName", as: String.self) == "gsg-keypair")
        #expect(botocore.requestID == "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE")
        let list = try AWSQueryProtocol.ec2.response(BotocoreWireFixtures.describeKeyPairs, action: "DescribeKeyPairs")
        #expect(list.result.items("keySet").map { $0["keyFingerprint"]?.text } == ["d1:15:f0:ce:7f:ee:94:b5:f2:76:d0:9a:bd:b2:30:18"])
    }

    @Test("Attributes, console output, stop, snapshots")
    func otherEC2Shapes() throws {
        let attribute = try AWSQueryProtocol.ec2.response(
            MotoWireFixtures.describeImageAttributeLaunchPermission, action: "DescribeImageAttribute"
        ).result
        #expect(attribute.items("launchPermission").map { $0["userId"]?.text } == ["222222222222"])

        let console = try AWSQueryProtocol.ec2.response(MotoWireFixtures.getConsoleOutput, action: "GetConsoleOutput").result
        let output = try #require(console["output"]?.base64Bytes)
        #expect(String(decoding: output, as: UTF8.self).hasPrefix("Linux version 2.6.16-xenU"))

        let stopped = try AWSQueryProtocol.ec2.response(BotocoreWireFixtures.stopInstances, action: "StopInstances")
        #expect(stopped.requestID == "59dbff89-35bd-4eac-99ed-be587EXAMPLE")
        let change = try #require(stopped.result.items("instancesSet").first)
        #expect(change["currentState"]?["name"]?.text == "stopping")
        #expect(try change.require("previousState").decode("code", as: Int.self) == 16)

        let snapshots = try AWSQueryProtocol.ec2.response(BotocoreWireFixtures.describeSnapshots, action: "DescribeSnapshots")
        #expect(snapshots.result.items("snapshotSet").map { $0["volumeSize"]?.int } == [10, 90, 8, 1])
        #expect(snapshots.result.items("snapshotSet").compactMap { $0["startTime"]?.date }.count == 4)

        let modified = try AWSQueryProtocol.ec2.response(BotocoreWireFixtures.modifySnapshotAttribute, action: "ModifySnapshotAttribute")
        #expect(modified.result["return"]?.bool == true)
        // Outputs with no fields (moto ModifyImageAttribute) are a plain success.
        let noOutput = try AWSQueryProtocol.ec2.response(MotoWireFixtures.modifyImageAttribute, action: "ModifyImageAttribute")
        #expect(noOutput.result.children.map(\.name) == ["requestId"])
    }

    @Test(
        "STS results sit in <ActionResult>; the request id in ResponseMetadata",
        arguments: [
            (AWSDocsWireFixtures.getCallerIdentity, "arn:aws:iam::123456789012:user/Alice", "01234567-89ab-cdef-0123-456789abcdef"),
            (MotoWireFixtures.getCallerIdentity, "arn:aws:sts::123456789012:user/moto", "XPd5KktJywhU0TKElJNkNJVuZW4z0Cn5P17LLjfXvveNkYheUs6A"),
        ])
    func getCallerIdentity(response: AWSHTTPResponse, arn: String, requestID: String) throws {
        let reply = try AWSQueryProtocol.sts.response(response, action: "GetCallerIdentity")
        #expect(reply.result.path == "GetCallerIdentityResponse.GetCallerIdentityResult")
        #expect(try reply.result.decode("Arn", as: String.self) == arn)
        #expect(try reply.result.decode("Account", as: String.self) == "123456789012")
        #expect(reply.requestID == requestID)
    }

    @Test("AssumeRole and GetSessionToken credentials, expirations with milli- and microseconds")
    func credentials() throws {
        let assumed = try AWSQueryProtocol.sts.response(MotoWireFixtures.assumeRole, action: "AssumeRole").result
        let credentials = try assumed.require("Credentials")
        #expect(try credentials.decode("AccessKeyId", as: String.self) == "ASIATHPL2AOHJ6THLKW3")
        #expect(
            try credentials.decode("Expiration", as: Date.self).timeIntervalSince1970 == 1_795_976_236.040894)
        #expect(try assumed.require("AssumedRoleUser").decode("Arn", as: String.self) == "arn:aws:sts::222222222222:assumed-role/any/amikey")
        #expect(try assumed.decode("PackedPolicySize", as: Int.self) == 6)

        let session = try AWSQueryProtocol.sts.response(BotocoreWireFixtures.getSessionToken, action: "GetSessionToken")
        #expect(session.requestID == "58c5dbae-abef-11e0-8cfe-09039844ac7d")
        let token = try session.result.require("Credentials").decode("SessionToken", as: String.self)
        #expect(token.hasPrefix("AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT+FvwqnKwRcOIfrRh3c/L\n       To6UDdy"))  // kept as sent, as botocore does
        #expect(try session.result.require("Credentials").decode("Expiration", as: Date.self).timeIntervalSince1970 == 1_310_414_129.611)
    }

    @Test("A Query operation without output gets an empty result node that still names its path")
    func missingResultWrapper() throws {
        let response = AWSHTTPResponse(
            statusCode: 200,
            text: "<SetThingResponse><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></SetThingResponse>")
        let reply = try AWSQueryProtocol.sts.response(response, action: "SetThing")
        #expect(reply.result.children.isEmpty)
        #expect(reply.requestID == "r-1")
        #expect(throws: AWSDecodingError(path: "SetThingResponse.SetThingResult.Arn", reason: .missing)) {
            try reply.result.decode("Arn", as: String.self)
        }
    }

    @Test("The header request id is used when the body has none")
    func headerRequestID() throws {
        let response = AWSHTTPResponse(
            statusCode: 200, headers: ["x-amzn-RequestId": "hdr-1"], text: "<CreateImageResponse><imageId>ami-1</imageId></CreateImageResponse>")
        #expect(try AWSQueryProtocol.ec2.response(response, action: "CreateImage").requestID == "hdr-1")
    }

    @Test("A document for another action is refused (a mis-routed request), not half-read")
    func wrongDocument() {
        let s3 = AWSHTTPResponse(statusCode: 200, text: "<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>")
        #expect(throws: AWSDecodingError(path: "", reason: .unexpectedDocument(expected: "DescribeKeyPairsResponse", found: "ListAllMyBucketsResult"))) {
            try AWSQueryProtocol.ec2.response(s3, action: "DescribeKeyPairs")
        }
    }

    @Test("A 200 carrying an EC2 error document still throws the service error")
    func errorDocumentWith200() {
        let response = AWSHTTPResponse(statusCode: 200, body: MotoWireFixtures.describeInstancesNotFound.body)
        let error = #expect(throws: AWSServiceError.self) { try AWSQueryProtocol.ec2.response(response, action: "DescribeInstances") }
        #expect(error?.code == "InvalidInstanceID.NotFound")
    }

    @Test(
        "Non-2xx statuses throw AWSServiceError labelled with the service",
        arguments: [
            (AWSQueryProtocol.ec2, MotoWireFixtures.importKeyPairDuplicate, "EC2", "InvalidKeyPair.Duplicate"),
            (AWSQueryProtocol.ec2, MotoWireFixtures.describeImagesDryRun, "EC2", "DryRunOperation"),
            (AWSQueryProtocol.sts, BotocoreWireFixtures.stsErrorAccessDenied, "STS", "AccessDenied"),
            (AWSQueryProtocol.ec2, MotoWireFixtures.resetImageAttributeHTML500, "EC2", "HTTP500"),
        ])
    func errors(wire: AWSQueryProtocol, response: AWSHTTPResponse, service: String, code: String) {
        let error = #expect(throws: AWSServiceError.self) { try wire.response(response, action: "Anything") }
        #expect(error?.service == service)
        #expect(error?.code == code)
        #expect(wire.error(from: response).code == code)
    }

    @Test("A body that is not XML is a malformed-document error")
    func notXML() {
        #expect {
            try AWSQueryProtocol.ec2.response(AWSHTTPResponse(statusCode: 200, text: "{}"), action: "X")
        } throws: { error in
            guard let error = error as? AWSDecodingError, case .malformed = error.reason else { return false }
            return true
        }
    }
}
