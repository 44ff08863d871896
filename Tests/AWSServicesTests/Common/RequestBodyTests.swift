import AWSCore
import Foundation
import Testing

@testable import AWSServices

/// Every operation's request against botocore's serializer output (`RequestFixtures`).
@Suite struct RequestBodyTests {
    @Test(arguments: try RequestCase.all())
    func bodyMatchesBotocore(_ testCase: RequestCase) throws {
        let expected = try #require(RequestFixtures.bodies[testCase.name], "no botocore fixture for \(testCase.name)")
        #expect(testCase.bodyText == expected)
        #expect(testCase.request.method == "POST")
        #expect(testCase.request.path == "/")
    }

    @Test func everyFixtureHasACase() throws {
        let names = Set(try RequestCase.all().map(\.name))
        #expect(names == Set(RequestFixtures.bodies.keys))
    }

    @Test(arguments: try RequestCase.all())
    func headersFollowTheProtocol(_ testCase: RequestCase) {
        switch testCase.service {
        case .ec2, .sts:
            #expect(testCase.request.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8")
            #expect(testCase.request.headers["X-Amz-Target"] == nil)
            #expect(testCase.bodyText.hasPrefix("Action=\(testCase.action)&Version="))
        default:
            let prefix = [
                "ssm": "AmazonSSM", "ec2-instance-connect": "AWSEC2InstanceConnectService", "kms": "TrentService",
                "organizations": "AWSOrganizationsV20161128",
            ][testCase.service.name]
            #expect(prefix != nil)
            #expect(testCase.request.headers["X-Amz-Target"] == "\(prefix ?? "?").\(testCase.action)")
            #expect(testCase.request.headers["Content-Type"] == "application/x-amz-json-1.1")
        }
    }

    /// Idempotency per operation: ClientToken calls, calls never to repeat blindly, and safe repeats.
    @Test(arguments: [
        ("ec2.runInstances", OperationRetryTraits.Idempotency.clientToken),
        ("ec2.copyImage", .clientToken),
        ("ec2.importKeyPair", .notIdempotent),
        ("ec2.createImage", .notIdempotent),
        ("ec2.registerImage", .notIdempotent),
        ("ec2.createKeyPair", .notIdempotent),
        ("ssm.sendCommand", .notIdempotent),
        ("kms.createGrant", .clientToken),
        ("ec2.modifyImageAttribute.add", .repeatable),
        ("ec2.modifySnapshotAttribute.add", .repeatable),
        ("ec2.modifyInstanceAttribute.userData", .repeatable),
        ("ec2.createTags", .repeatable),
        ("ec2.stopInstances", .repeatable),
        ("ec2.startInstances", .repeatable),
        ("sts.assumeRole.minimal", .repeatable),
        ("ec2InstanceConnect.sendSSHPublicKey", .repeatable),
        ("ec2.describeRegions", .readOnly),
        ("organizations.listAccounts", .readOnly),
        ("ec2.describeInstances.ids", .readOnly),
        ("ec2.describeKeyPairs.names", .readOnly),
        ("sts.getCallerIdentity", .readOnly),
        ("kms.listGrants", .readOnly),
    ])
    func idempotency(_ name: String, _ expected: OperationRetryTraits.Idempotency) throws {
        let testCase = try #require(try RequestCase.all().first { $0.name == name })
        #expect(testCase.idempotency == expected)
    }

    @Test func retryTraitsNameServiceAndAction() throws {
        let operation = EC2.runInstances(.init(imageId: "ami-1", clientToken: "t"))
        #expect(
            operation.retryTraits
                == OperationRetryTraits(service: "ec2", operation: "RunInstances", idempotency: .clientToken))
        #expect(operation.service == .ec2)
        #expect(STS.getCallerIdentity().retryTraits.service == "sts")
        #expect(try SSM.sendCommand(.init(instanceIds: ["i-1"], documentName: "d")).retryTraits.service == "ssm")
    }

    /// Key material sent by ImportKeyPair and SendSSHPublicKey is the public key only.
    @Test func importKeyPairSendsPublicMaterialOnly() throws {
        let operation = EC2.importKeyPair(.init(keyName: "k", publicKeyMaterial: RequestCase.publicKey))
        let body = String(decoding: operation.request.body, as: UTF8.self)
        #expect(!body.contains("PRIVATE KEY"))
        let parameters = body.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1) }
        let material = try #require(parameters.first { $0.first == "PublicKeyMaterial" }?.last)
        let decoded = try #require(Data(base64Encoded: String(material).removingPercentEncoding ?? ""))
        #expect(Array(decoded) == RequestCase.publicKey)
        #expect(!String(decoding: decoded, as: UTF8.self).contains("PRIVATE KEY"))
        let connect = try EC2InstanceConnect.sendSSHPublicKey(
            .init(instanceId: "i-0123456789abcdef0", instanceOSUser: "ec2-user", sshPublicKey: "ssh-ed25519 AAAA c"))
        #expect(!String(decoding: connect.request.body, as: UTF8.self).contains("PRIVATE KEY"))
    }

    @Test func requestDescriptionNeverShowsTheBody() {
        let operation = EC2.importKeyPair(.init(keyName: "k", publicKeyMaterial: RequestCase.publicKey))
        #expect(!operation.request.description.contains("PublicKeyMaterial"))
    }
}
