/// An HTTP response as received: the input of every protocol decoder and of `AWSServiceError`.
public struct AWSHTTPResponse: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public var statusCode: Int
    /// The response headers, in order.
    public var headers: AWSHTTPHeaders
    /// The whole body.
    public var body: [UInt8]

    /// Creates a response.
    public init(statusCode: Int, headers: AWSHTTPHeaders = [:], body: [UInt8] = []) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// Creates a response whose body is the UTF-8 form of `text`.
    public init(statusCode: Int, headers: AWSHTTPHeaders = [:], text: String) {
        self.init(statusCode: statusCode, headers: headers, body: Array(text.utf8))
    }

    /// Whether the status is 2xx, the only range AWS protocols treat as success.
    public var isSuccess: Bool { (200..<300).contains(statusCode) }

    /// The request id AWS put in a header: `x-amzn-RequestId`, else `x-amz-request-id`
    /// (botocore `parsers.py` reads the first; S3-style services send the second).
    public var headerRequestID: String? {
        headers["x-amzn-RequestId"] ?? headers["x-amz-request-id"]
    }

    /// Status, headers and body size; never the body, which may hold credentials (AssumeRole) or keys.
    public var description: String {
        var lines = ["HTTP \(statusCode)"]
        lines += headers.map { "\($0.name): \($0.value)" }
        lines.append("(body: \(body.count) bytes)")
        return lines.joined(separator: "\n")
    }
}
