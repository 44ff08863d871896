import AWSCore
import Testing

@testable import AWSServices

@Suite struct KMSCreateGrantResponseTests {
    @Test func createGrantFromMoto() throws {
        let output = try KMS.createGrant(
            .init(
                keyId: "k", granteePrincipal: "arn:aws:iam::222222222222:root", operations: ["Decrypt"], name: "amikey")
        ).decode(motoResponse("kms.createGrant"))
        #expect(output.grantId == "d50c3507")
        #expect(output.grantToken == "d53dd041")
    }
}
