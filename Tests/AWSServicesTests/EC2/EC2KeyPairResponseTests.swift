import AWSCore
import Foundation
import Testing

@testable import AWSServices

@Suite struct EC2KeyPairResponseTests {
    @Test func importKeyPairFromMoto() throws {
        let output = try EC2.importKeyPair(.init(keyName: "old-key", publicKeyMaterial: []))
            .decode(motoResponse("ec2.importKeyPair"))
        #expect(output.keyName == "old-key")
        #expect(output.keyPairId?.hasPrefix("key-") == true)
        #expect(output.keyFingerprint?.split(separator: ":").count == 32)
        #expect(output.tags == [EC2.Tag(key: "Owner", value: "TeamA")])
    }

    @Test func describeKeyPairsFromMoto() throws {
        let output = try EC2.describeKeyPairs(.init(keyNames: ["old-key"], includePublicKey: true))
            .decode(motoResponse("ec2.describeKeyPairs"))
        let key = try #require(output.keyPairs.first)
        #expect(output.keyPairs.count == 1)
        #expect(key.keyName == "old-key")
        #expect(key.keyType == "ed25519")
        #expect(key.publicKey?.hasPrefix("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5") == true)
        #expect(key.publicKey?.contains("PRIVATE KEY") == false)
        #expect(key.createTime == AWSTimestamp.date(fromISO8601: "2026-11-29T17:59:55.000Z"))
        #expect(key.tags.first?.key == "Owner")
    }

    /// AWS API Reference, DescribeKeyPairs "Example 1" response.
    @Test func describeKeyPairsDocExample() throws {
        let body = """
            <DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
                <keySet>
                  <item>
                     <keyPairId>key-0123456789abcdef0</keyPairId>
                     <keyName>my-key-pair</keyName>
                     <keyFingerprint>1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca:9f:f5:f1:6f</keyFingerprint>
                  </item>
               </keySet>
            </DescribeKeyPairsResponse>
            """
        let output = try EC2.describeKeyPairs(.init()).decode(okResponse(body))
        #expect(output.keyPairs.map(\.keyName) == ["my-key-pair"])
        #expect(output.keyPairs.first?.keyPairId == "key-0123456789abcdef0")
        #expect(output.keyPairs.first?.publicKey == nil)
        #expect(output.keyPairs.first?.tags == [])
    }

    @Test func emptyKeySet() throws {
        let body =
            #"<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><keySet/></DescribeKeyPairsResponse>"#
        #expect(try EC2.describeKeyPairs(.init()).decode(okResponse(body)).keyPairs.isEmpty)
    }

    @Test func missingKeyNameNamesThePath() throws {
        let body =
            #"<DescribeKeyPairsResponse><keySet><item><keyPairId>key-1</keyPairId></item></keySet></DescribeKeyPairsResponse>"#
        let error = try #require(throws: AWSDecodingError.self) {
            try EC2.describeKeyPairs(.init()).decode(okResponse(body))
        }
        #expect(error.path == "DescribeKeyPairsResponse.keySet.item[0].keyName")
        #expect(error.reason == .missing)
    }

    @Test func invalidCreateTimeNamesThePath() throws {
        let body =
            #"<DescribeKeyPairsResponse><keySet><item><keyName>k</keyName><createTime>yesterday</createTime></item></keySet></DescribeKeyPairsResponse>"#
        let error = try #require(throws: AWSDecodingError.self) {
            try EC2.describeKeyPairs(.init()).decode(okResponse(body))
        }
        #expect(error.path == "DescribeKeyPairsResponse.keySet.item[0].createTime")
    }

    @Test(arguments: [
        ("ec2.importKeyPair.duplicate", "InvalidKeyPair.Duplicate", 400),
        ("ec2.describeKeyPairs.notFound", "InvalidKeyPair.NotFound", 400),
    ])
    func keyPairErrorsFromMoto(_ fixture: String, _ code: String, _ status: Int) throws {
        let response = try motoResponse(fixture)
        let error = try #require(throws: AWSServiceError.self) {
            if fixture.hasPrefix("ec2.importKeyPair") {
                _ = try EC2.importKeyPair(.init(keyName: "old-key", publicKeyMaterial: [])).decode(response)
            } else {
                _ = try EC2.describeKeyPairs(.init(keyNames: ["missing"])).decode(response)
            }
        }
        #expect(error.code == code)
        #expect(error.statusCode == status)
        #expect(error.service == "EC2")
        #expect(error.category == .other)
    }
}
