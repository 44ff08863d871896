import AWSCore

/// A response fixture from its status, headers and body text.
func responseFixture(status: Int, headers: [(String, String)] = [], body: String) -> AWSHTTPResponse {
    AWSHTTPResponse(statusCode: status, headers: AWSHTTPHeaders(headers), text: body)
}
