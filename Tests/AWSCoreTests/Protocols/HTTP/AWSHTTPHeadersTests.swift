import Testing

@testable import AWSCore

@Suite("HTTP headers keep their order and match names case-insensitively")
struct AWSHTTPHeadersTests {
    @Test("Lookup ignores ASCII case and returns the first value", arguments: ["content-type", "CONTENT-TYPE", "Content-Type"])
    func lookup(name: String) {
        let headers = AWSHTTPHeaders([("Content-Type", "text/xml"), ("X-Amz-Target", "t"), ("content-type", "second")])
        #expect(headers[name] == "text/xml")
        #expect(headers.values(for: name) == ["text/xml", "second"])
    }

    @Test("A name differing by more than case does not match")
    func noFalseMatch() {
        let headers: AWSHTTPHeaders = ["x-amzn-RequestId": "a"]
        #expect(headers["x-amzn-RequestIdx"] == nil)
        #expect(headers["x-amz-request-id"] == nil)
        #expect(!AWSHTTPHeaders.sameName("ß", "SS"))
    }

    @Test("Literal order is kept; replaceOrAdd keeps the first position and drops duplicates")
    func replaceOrAdd() {
        var headers: AWSHTTPHeaders = ["A": "1", "B": "2", "a": "3"]
        headers.replaceOrAdd("a", "new")
        #expect(headers.fields.map(\.name) == ["A", "B"])
        #expect(headers["A"] == "new")
        headers.replaceOrAdd("C", "4")
        #expect(headers.fields.map(\.value) == ["new", "2", "4"])
        headers.remove("b")
        #expect(headers.fields.map(\.name) == ["A", "C"])
        headers.add("a", "5")
        #expect(headers.values(for: "A") == ["new", "5"])
    }

    @Test("The response request id comes from x-amzn-RequestId, else x-amz-request-id")
    func headerRequestID() {
        let both = AWSHTTPResponse(statusCode: 200, headers: ["x-amz-request-id": "s3", "X-Amzn-RequestId": "json"])
        #expect(both.headerRequestID == "json")
        #expect(AWSHTTPResponse(statusCode: 200, headers: ["X-Amz-Request-Id": "s3"]).headerRequestID == "s3")
        #expect(AWSHTTPResponse(statusCode: 200).headerRequestID == nil)
    }

    @Test("Only 2xx is success", arguments: [(199, false), (200, true), (204, true), (299, true), (300, false), (412, false)])
    func success(status: Int, expected: Bool) {
        #expect(AWSHTTPResponse(statusCode: status).isSuccess == expected)
    }

    @Test("A request's description shows the headers and the body size, never the body")
    func requestDescription() {
        let request = AWSHTTPRequest(
            method: "POST", headers: ["Content-Type": "application/x-amz-json-1.1"], body: Array("secret".utf8))
        #expect(request.description == "POST /\nContent-Type: application/x-amz-json-1.1\n(body: 6 bytes)")
    }
}
