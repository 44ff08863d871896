import AWSCore
import Testing

@testable import AWSServices

@Suite struct EC2TagRegionResponseTests {
    @Test func createTagsFromMoto() throws {
        let output = try EC2.createTags(.init(resources: ["vol-1"], tags: [.init(key: "amikey:run", value: "r1")]))
            .decode(motoResponse("ec2.createTags"))
        #expect(output == AWSEmptyOutput())
    }

    @Test func createTagsRejectsAnotherActionsDocument() throws {
        #expect(throws: AWSDecodingError.self) {
            try EC2.createTags(.init(resources: ["vol-1"], tags: [])).decode(motoResponse("ec2.describeRegions"))
        }
    }

    @Test func describeRegionsFromMoto() throws {
        let output = try EC2.describeRegions(.init(regionNames: ["us-east-1", "eu-west-1"]))
            .decode(motoResponse("ec2.describeRegions"))
        #expect(output.regions.map(\.regionName) == ["us-east-1", "eu-west-1"])
        #expect(output.regions.first?.endpoint == "ec2.us-east-1.amazonaws.com")
        #expect(output.regions.first?.optInStatus == "opt-in-not-required")
    }
}
