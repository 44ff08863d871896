/// An AWS request before signing: what a protocol encoder produces and the client signs and sends.
///
/// The host is not part of it: the client adds `Host` (and `X-Amz-Date`, `Authorization`) once it
/// has resolved the endpoint. Query items are kept raw (not percent-encoded); the protocols in this
/// module send everything in the body and leave `queryItems` empty.
///
/// ## Usage
/// ```swift
/// let request = AWSQueryProtocol.ec2.request(action: "DescribeKeyPairs") { parameters in
///     parameters.add("IncludePublicKey", true)
/// }
/// request.method       // "POST"
/// request.headers["Content-Type"]  // "application/x-www-form-urlencoded; charset=utf-8"
/// ```
public struct AWSHTTPRequest: Sendable, Hashable, CustomStringConvertible {
    /// One `name=value` pair of the query string, unencoded.
    public struct QueryItem: Sendable, Hashable {
        /// The name, unencoded.
        public var name: String
        /// The value, unencoded.
        public var value: String

        /// Creates a query item.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The HTTP method, upper case.
    public var method: String
    /// The path relative to the endpoint's path (`/` for every protocol here).
    public var path: String
    /// The query string's items, in order, unencoded.
    public var queryItems: [QueryItem]
    /// The headers the protocol requires, in order.
    public var headers: AWSHTTPHeaders
    /// The body bytes, exactly as they will be hashed and sent.
    public var body: [UInt8]

    /// Creates a request.
    public init(
        method: String, path: String = "/", queryItems: [QueryItem] = [], headers: AWSHTTPHeaders = [:],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// Method, path, headers and body size; never the body itself, which may hold key material.
    public var description: String {
        var lines = ["\(method) \(path)"]
        lines += headers.map { "\($0.name): \($0.value)" }
        lines.append("(body: \(body.count) bytes)")
        return lines.joined(separator: "\n")
    }
}
