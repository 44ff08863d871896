import AWSCore
import Foundation
import Testing

@testable import AWSServices

@Suite struct KMSResponseTests {
    @Test func describeKeyFromMoto() throws {
        let metadata = try KMS.describeKey(.init(keyId: "8c7a82a8-1521-4f46-991b-e2f71c66713a"))
            .decode(motoResponse("kms.describeKey")).keyMetadata
        #expect(metadata.keyId == "8c7a82a8-1521-4f46-991b-e2f71c66713a")
        #expect(metadata.arn == "arn:aws:kms:us-east-1:123456789012:key/8c7a82a8-1521-4f46-991b-e2f71c66713a")
        #expect(metadata.awsAccountId == "123456789012")
        #expect(metadata.keyManager == "CUSTOMER")
        #expect(metadata.keyState == "Enabled")
        #expect(metadata.enabled == true)
        #expect(metadata.keyUsage == nil)
        #expect(metadata.description == "ami key")
        #expect(metadata.creationDate == Date(timeIntervalSince1970: 1795975196.841196))
    }

    @Test func getKeyPolicyFromMoto() throws {
        let output = try KMS.getKeyPolicy(.init(keyId: "k", policyName: "default")).decode(
            motoResponse("kms.getKeyPolicy"))
        let policy = try JSONSerialization.jsonObject(with: Data(output.policy.utf8)) as? [String: Any]
        #expect(policy?["Id"] as? String == "key-default-1")
        #expect(output.policyName == nil)
    }

    @Test func listGrantsFromMoto() throws {
        let output = try KMS.listGrants(.init(keyId: "k")).decode(motoResponse("kms.listGrants"))
        #expect(output.truncated == false)
        #expect(output.nextMarker == nil)
        let grant = try #require(output.grants.first)
        #expect(output.grants.count == 1)
        #expect(grant.granteePrincipal == "arn:aws:iam::222222222222:root")
        #expect(grant.operations == ["Decrypt", "CreateGrant"])
        #expect(grant.name == nil)
    }

    @Test func wrongTypeNamesTheField() throws {
        let body = #"{"Grants":[{"KeyId":"k","Operations":"Decrypt"}]}"#
        let error = try #require(throws: AWSDecodingError.self) {
            try KMS.listGrants(.init(keyId: "k")).decode(okResponse(body))
        }
        #expect(error.path.contains("Grants"))
        #expect(error.path.hasSuffix("Operations"))
    }
}
