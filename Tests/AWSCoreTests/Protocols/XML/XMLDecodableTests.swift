import Foundation
import Testing

@testable import AWSCore

@Suite("Typed XML decoding names the path of what is missing or wrong")
struct XMLDecodableTests {
    struct Image: XMLDecodable, Equatable {
        var imageId: String
        var isPublic: Bool?
        var volumeSizes: [Int]
        init(imageId: String, isPublic: Bool?, volumeSizes: [Int]) {
            self.imageId = imageId
            self.isPublic = isPublic
            self.volumeSizes = volumeSizes
        }
        init(xml node: XMLNode) throws {
            imageId = try node.decode("imageId")
            isPublic = try node.decodeIfPresent("isPublic")
            volumeSizes = try node.items("blockDeviceMapping").compactMap { try $0["ebs"]?.decodeIfPresent("volumeSize") }
        }
    }

    static let threeImages = """
        <DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
          <imagesSet>
            <item><imageId>ami-1</imageId><isPublic>false</isPublic></item>
            <item><imageId>ami-2</imageId><blockDeviceMapping><item><ebs><volumeSize>8</volumeSize></ebs></item></blockDeviceMapping></item>
            <item><name>no id</name></item>
          </imagesSet>
        </DescribeImagesResponse>
        """

    @Test("A required field missing from the third image is reported with its full path")
    func missingRequiredField() throws {
        let root = try XMLNode(parsing: Self.threeImages)
        #expect(throws: AWSDecodingError(path: "DescribeImagesResponse.imagesSet.item[2].imageId", reason: .missing)) {
            try root.decodeItems("imagesSet", as: Image.self)
        }
        let error = AWSDecodingError(path: "DescribeImagesResponse.imagesSet.item[2].imageId", reason: .missing)
        #expect(error.description == "the response has no DescribeImagesResponse.imagesSet.item[2].imageId")
    }

    @Test("The first two images decode")
    func decodesWhatIsThere() throws {
        let items = try XMLNode(parsing: Self.threeImages).items("imagesSet")
        #expect(try Image(xml: items[0]) == Image(imageId: "ami-1", isPublic: false, volumeSizes: []))
        #expect(try Image(xml: items[1]) == Image(imageId: "ami-2", isPublic: nil, volumeSizes: [8]))
    }

    @Test(
        "A value of the wrong kind is an invalid-value error at its path",
        arguments: [
            ("<A><n>eight</n></A>", "n", "eight", "an integer"),
            ("<A><n>1.5</n></A>", "n", "1.5", "an integer"),
            ("<A><n>yes</n></A>", "n", "yes", "true or false"),
            ("<A><n>yesterday</n></A>", "n", "yesterday", "an ISO 8601 timestamp"),
        ])
    func invalidValue(document: String, name: String, found: String, expected: String) throws {
        let root = try XMLNode(parsing: document)
        let thrown: AWSDecodingError?
        switch expected {
        case "an integer": thrown = #expect(throws: AWSDecodingError.self) { try root.decode(name, as: Int.self) }
        case "true or false": thrown = #expect(throws: AWSDecodingError.self) { try root.decodeIfPresent(name, as: Bool.self) }
        default: thrown = #expect(throws: AWSDecodingError.self) { try root.decode(name, as: Date.self) }
        }
        #expect(thrown == AWSDecodingError(path: "A.\(name)", reason: .invalidValue(found: found, expected: expected)))
    }

    @Test("Empty elements: '' for strings, absent for numbers, booleans and dates")
    func emptyElements() throws {
        let root = try XMLNode(parsing: "<A><s/><n/><b></b><d> </d></A>")
        #expect(try root.decode("s", as: String.self) == "")
        #expect(try root.decodeIfPresent("n", as: Int.self) == nil)
        #expect(try root.decodeIfPresent("b", as: Bool.self) == nil)
        #expect(try root.decodeIfPresent("d", as: Date.self) == nil)
        #expect(throws: AWSDecodingError(path: "A.n", reason: .missing)) { try root.decode("n", as: Int.self) }
        #expect(try root.decodeIfPresent("absent", as: String.self) == nil)
    }

    @Test("Scalars of every kind decode", arguments: [("Int64", "<v>9007199254740993</v>"), ("Double", "<v>-0.25</v>")])
    func scalars(kind: String, document: String) throws {
        let node = try XMLNode(parsing: "<A>\(document)</A>")
        if kind == "Int64" {
            #expect(try node.decode("v", as: Int64.self) == 9_007_199_254_740_993)
        } else {
            #expect(try node.decode("v", as: Double.self) == -0.25)
        }
    }

    @Test("Query-protocol member lists decode")
    func members() throws {
        let root = try XMLNode(parsing: "<R><Tags><member>a</member><member>b</member></Tags></R>")
        #expect(try root.decodeMembers("Tags", as: String.self) == ["a", "b"])
        #expect(try root.decodeMembers("Absent", as: String.self) == [])
    }
}
