import Testing

@testable import AWSCore

@Suite("AWSDecodingError explains where a response went wrong")
struct AWSDecodingErrorTests {
    @Test(
        "Descriptions name the path",
        arguments: [
            (
                AWSDecodingError(path: "DescribeImagesResponse.imagesSet.item[2].imageId", reason: .missing),
                "the response has no DescribeImagesResponse.imagesSet.item[2].imageId"
            ),
            (
                AWSDecodingError(path: "A.isPublic", reason: .invalidValue(found: "yes", expected: "true or false")),
                #"the response's A.isPublic is "yes", not true or false"#
            ),
            (
                AWSDecodingError(path: "", reason: .malformed("line 1, column 2: boom")),
                "the response is not well-formed (line 1, column 2: boom)"
            ),
            (
                AWSDecodingError(path: "", reason: .unexpectedDocument(expected: "DescribeKeyPairsResponse", found: "ListAllMyBucketsResult")),
                "expected a DescribeKeyPairsResponse document, got ListAllMyBucketsResult"
            ),
        ])
    func description(error: AWSDecodingError, expected: String) {
        #expect(error.description == expected)
    }

    @Test("A malformed body's error says where the parser stopped")
    func position() {
        let error = #expect(throws: AWSDecodingError.self) { try XMLNode(parsing: "<a>\n<b></a>") }
        #expect(error?.description.contains("line 2") == true)
    }
}
