import Foundation
import Testing

@testable import AWSCore

@Suite("EC2 and Query protocol requests")
struct AWSQueryProtocolRequestTests {
    struct DescribeKeyPairs: AWSQueryInput {
        static let action = "DescribeKeyPairs"
        var keyNames: [String] = []
        var includePublicKey: Bool?
        var dryRun: Bool?
        func encode(to parameters: inout QueryParameters) {
            parameters.addList("KeyName", keyNames)
            parameters.add("IncludePublicKey", includePublicKey)
            parameters.add("DryRun", dryRun)
        }
    }

    @Test("A typed input becomes POST / with Action and Version first")
    func typedInput() {
        let request = AWSQueryProtocol.ec2.request(
            for: DescribeKeyPairs(keyNames: ["old-key", "new key"], includePublicKey: true, dryRun: true))
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "Action=DescribeKeyPairs&Version=2016-11-15&KeyName.1=old-key&KeyName.2=new+key&IncludePublicKey=true&DryRun=true")
        #expect(request.method == "POST")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded; charset=utf-8")
    }

    @Test(
        "Each protocol sends its own Version and list rule",
        arguments: [
            (AWSQueryProtocol.ec2, "Action=X&Version=2016-11-15&Id.1=a"),
            (AWSQueryProtocol.sts, "Action=X&Version=2011-06-15&Id.member.1=a"),
        ])
    func versions(protocol wire: AWSQueryProtocol, expected: String) {
        #expect(String(decoding: wire.request(action: "X") { $0.addList("Id", ["a"]) }.body, as: UTF8.self) == expected)
    }

    // The wire examples of aws-wire.md §2.1, §3.1, §3.3 and §4.2, which elide parts with "…": each
    // fragment must appear in the body built the way service code will build it.
    @Test("ImportKeyPair matches the aws-wire.md §2.1 vector: base64 key, then + / = percent-encoded")
    func importKeyPairVector() {
        let key = Array("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHB1YmxpYy1rZXk= x".utf8)
        let body = String(
            decoding: AWSQueryProtocol.ec2.request(action: "ImportKeyPair") { p in
                p.add("KeyName", "k")
                p.addBlob("PublicKeyMaterial", key)
                p.addStructureList("TagSpecification", ["key-pair"]) { type, entry in
                    entry.add("ResourceType", type)
                    entry.addStructureList("Tag", [("Owner", "TeamA")]) { tag, fields in
                        fields.add("Key", tag.0)
                        fields.add("Value", tag.1)
                    }
                }
            }.body, as: UTF8.self)
        #expect(body.contains("&PublicKeyMaterial=c3NoLWVkMjU1MTkg"))
        #expect(body.hasSuffix("&TagSpecification.1.ResourceType=key-pair&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA"))
        let encoded = body.split(separator: "&").first { $0.hasPrefix("PublicKeyMaterial=") }.map { $0.dropFirst(18) } ?? ""
        #expect(!encoded.contains("+") && !encoded.contains("/") && !encoded.contains("="))
        let decoded = String(encoded).removingPercentEncoding.flatMap { Data(base64Encoded: $0) }.map { Array($0) }
        #expect(decoded == key)
    }

    @Test("ModifyImageAttribute and the legacy ModifySnapshotAttribute forms of aws-wire.md §3.1 and §3.3")
    func sharingVectors() {
        let image = AWSQueryProtocol.ec2.request(action: "ModifyImageAttribute") { p in
            p.add("ImageId", "ami-1")
            p.addStructure("LaunchPermission") { lp in
                lp.addStructureList("Add", ["111122223333"]) { id, fields in fields.add("UserId", id) }
            }
        }
        #expect(
            String(decoding: image.body, as: UTF8.self)
                == "Action=ModifyImageAttribute&Version=2016-11-15&ImageId=ami-1&LaunchPermission.Add.1.UserId=111122223333")
        let snapshot = AWSQueryProtocol.ec2.request(action: "ModifySnapshotAttribute") { p in
            p.add("SnapshotId", "snap-1")
            p.add("Attribute", "createVolumePermission")
            p.add("OperationType", "add")
            p.addList("UserId", ["111122223333"])
        }
        #expect(
            String(decoding: snapshot.body, as: UTF8.self)
                == "Action=ModifySnapshotAttribute&Version=2016-11-15&SnapshotId=snap-1&Attribute=createVolumePermission&OperationType=add&UserId.1=111122223333")
    }

    @Test("STS session tags and policy ARNs use .member.N as in aws-wire.md §4.2")
    func stsVector() {
        let body = String(
            decoding: AWSQueryProtocol.sts.request(action: "AssumeRole") { p in
                p.addStructureList("Tags", [("a", "b")]) { tag, fields in
                    fields.add("Key", tag.0)
                    fields.add("Value", tag.1)
                }
                p.addStructureList("PolicyArns", ["arn:aws:iam::aws:policy/x"]) { arn, fields in fields.add("arn", arn) }
            }.body, as: UTF8.self)
        #expect(body.contains("&Tags.member.1.Key=a&Tags.member.1.Value=b&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2Fx"))
    }
}
