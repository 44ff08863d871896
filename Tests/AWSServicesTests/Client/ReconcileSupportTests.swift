import AWSCore
import Foundation
import Testing

@testable import AWSServices

/// The pure parts of reconciliation: how key texts are compared, and the request tag CreateImage carries.
@Suite struct ReconcileSupportTests {
    static let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc1C2ha/UF2ZQ2ZGzwcqqpyLrE+HBr9GXGx9pYcqiQS"

    @Test(
        "same key: type and blob match whatever the comment, options or line ending",
        arguments: [
            (key, key + " user@host", true),
            (key + "\n", key + " other\r\n", true),
            (#"from="10.0.0.0/8",no-pty "# + key + " c", key, true),
            (key, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther", false),
            (key, "ssh-rsa " + key.split(separator: " ")[1], false),
            ("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n", true),
            ("---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----", key, false),
        ])
    func sameKey(_ first: String, _ second: String, _ expected: Bool) {
        #expect(EC2.PublicKeyIdentity.same(first, second) == expected)
        #expect(EC2.PublicKeyIdentity.same(second, first) == expected)
    }

    @Test func requestTagIsAddedOnceAndKept() throws {
        let plain = EC2.CreateImageInput(instanceId: "i-1", name: "image")
        #expect(plain.requestTag == nil)
        let tagged = plain.withRequestTag()
        let value = try #require(tagged.requestTag)
        #expect(UUID(uuidString: value) != nil)
        #expect(tagged.withRequestTag() == tagged)
        #expect(tagged.tagSpecifications == [.init(resourceType: "image", tags: [.init(key: EC2.requestTagKey, value: value)])])
    }

    @Test func requestTagJoinsTheCallersImageTags() {
        let input = EC2.CreateImageInput(
            instanceId: "i-1", name: "image",
            tagSpecifications: [.init(resourceType: "image", tags: [.init(key: "Owner", value: "TeamA")])])
        let tagged = input.withRequestTag()
        #expect(tagged.tagSpecifications.count == 1)
        #expect(tagged.tagSpecifications[0].tags.first == .init(key: "Owner", value: "TeamA"))
        #expect(tagged.tagSpecifications[0].tags.last?.key == EC2.requestTagKey)
        let journaled = EC2.CreateImageInput(
            instanceId: "i-1", name: "image",
            tagSpecifications: [.init(resourceType: "image", tags: [.init(key: EC2.requestTagKey, value: "from-journal")])])
        #expect(journaled.withRequestTag().requestTag == "from-journal")
    }

    @Test func tokenCallsMakeTheirTokenOnceAndKeepTheCallers() throws {
        let run = EC2.RunInstancesInput(imageId: "ami-1")
        let operation = EC2.runInstances(run)
        let body = String(decoding: operation.request.body, as: UTF8.self)
        #expect(body.contains("ClientToken=\(run.clientToken)"))
        #expect(EC2.RunInstancesInput(imageId: "ami-1").clientToken != run.clientToken)
        #expect(EC2.RunInstancesInput(imageId: "ami-1", clientToken: "journal-1").clientToken == "journal-1")
        let copy = EC2.CopyImageInput(sourceImageId: "ami-1", sourceRegion: "us-east-1", name: "c")
        #expect(UUID(uuidString: copy.clientToken) != nil)
        #expect(try KMS.createGrant(.init(keyId: "k", granteePrincipal: "p", operations: [], name: nil)).idempotency == .notIdempotent)
    }
}
