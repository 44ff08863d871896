import AWSCore
import Testing

@testable import AWSServices

@Suite struct OrganizationsResponseTests {
    @Test func describeOrganizationFromMoto() throws {
        let organization = try Organizations.describeOrganization()
            .decode(motoResponse("organizations.describeOrganization")).organization
        #expect(organization.id == "o-kisruyk80y")
        #expect(organization.arn == "arn:aws:organizations::123456789012:organization/o-kisruyk80y")
        #expect(organization.featureSet == "ALL")
        #expect(organization.masterAccountId == "123456789012")
        #expect(organization.masterAccountEmail == "master@example.com")
    }

    @Test func notInAnOrganization() throws {
        let response = AWSHTTPResponse(
            statusCode: 400,
            text:
                #"{"__type":"AWSOrganizationsNotInUseException","message":"Your account is not a member of an organization."}"#
        )
        let error = try #require(throws: AWSServiceError.self) {
            try Organizations.describeOrganization().decode(response)
        }
        #expect(error.code == "AWSOrganizationsNotInUseException")
        #expect(error.service == "Organizations")
    }
}
