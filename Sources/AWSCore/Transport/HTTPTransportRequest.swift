/// A request ready for the wire: absolute URL, every header (signature included) and the body.
public struct HTTPTransportRequest: Sendable, Hashable {
    /// The HTTP method, upper case.
    public var method: String
    /// The absolute URL, query percent-encoded (`https://ec2.us-east-1.amazonaws.com/`).
    public var url: String
    /// The headers exactly as sent, `Host` and `Authorization` included.
    public var headers: AWSHTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: String, headers: AWSHTTPHeaders, body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
