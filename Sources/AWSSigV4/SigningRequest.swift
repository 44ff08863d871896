/// An HTTP request as it will go on the wire: the value the signer reads and returns.
///
/// Everything is kept as given, in order: the path and query items as they appear in the request target
/// (percent-encoded or raw UTF-8), header names in their own case, duplicate headers as separate entries,
/// header values untrimmed. Canonicalising is the signer's job, so the signed request still says exactly
/// what the caller asked for, plus `X-Amz-Date`, `X-Amz-Security-Token` and `Authorization`.
/// The `Host` header must be present: SigV4 always signs it.
public struct SigningRequest: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// One `name=value` pair of the query string, as it appears in the request target.
    public struct QueryItem: Sendable, Hashable {
        /// The name, percent-encoded or raw (`%E1%88%B4` and `ሴ` sign the same).
        public var name: String
        /// The value, percent-encoded or raw; empty for `name=` and for a bare `name`.
        public var value: String

        /// Creates a query item from its wire spelling.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One header line; a header that appears several times is several `Header`s.
    public struct Header: Sendable, Hashable {
        /// The name in the caller's case (`X-Amz-Date`); compared case-insensitively.
        public var name: String
        /// The value as given; the canonical request trims it and collapses runs of whitespace.
        public var value: String

        /// Creates a header.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The request body, or just its SHA-256 when the body is streamed or deliberately unsigned.
    public enum Payload: Sendable, Hashable {
        /// The whole body; the signer hashes it.
        case bytes([UInt8])
        /// The lowercase hex SHA-256 of the body (or a literal such as `UNSIGNED-PAYLOAD` where a service allows it).
        case precomputedHash(String)
    }

    /// The HTTP method, upper case (`GET`, `POST`).
    public var method: String
    /// The path as sent (`/`, `/example/..`); normalised and encoded by the signer, never rewritten.
    ///
    /// A segment that is already percent-encoded here is encoded once more in the canonical request
    /// (`/a%20b` → `/a%2520b`), which is what AWS's non-S3 services compute on their side.
    public var path: String
    /// The query string's items, in the order they are sent.
    public var queryItems: [QueryItem]
    /// The header lines, in the order they are sent.
    public var headers: [Header]
    /// The body or its hash.
    public var payload: Payload

    /// Creates a request with a body given as bytes (empty by default).
    public init(
        method: String, path: String, queryItems: [QueryItem] = [], headers: [Header] = [], body: [UInt8] = []
    ) {
        self.init(method: method, path: path, queryItems: queryItems, headers: headers, payload: .bytes(body))
    }

    /// Creates a request with an explicit payload.
    public init(method: String, path: String, queryItems: [QueryItem], headers: [Header], payload: Payload) {
        self.method = method
        self.path = path
        self.queryItems = queryItems
        self.headers = headers
        self.payload = payload
    }

    /// The values of every header called `name` (any case), in order.
    public func values(forHeader name: String) -> [String] {
        headers.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// Sets header `name` to one value: the first existing line keeps its place, later duplicates go;
    /// without one, the header is appended.
    public mutating func setHeader(_ name: String, _ value: String) {
        guard let first = headers.firstIndex(where: { Self.sameName($0.name, name) }) else {
            headers.append(Header(name: name, value: value))
            return
        }
        headers[first] = Header(name: name, value: value)
        var index = headers.index(after: first)
        while index < headers.endIndex {
            if Self.sameName(headers[index].name, name) { headers.remove(at: index) } else { index += 1 }
        }
    }

    /// Removes every header called `name` (any case).
    public mutating func removeHeader(_ name: String) {
        headers.removeAll { Self.sameName($0.name, name) }
    }

    /// Method, target and headers, with `Authorization` and `X-Amz-Security-Token` values redacted.
    public var description: String {
        var target = path
        if !queryItems.isEmpty { target += "?" + queryItems.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
        var lines = ["\(method) \(target)"]
        lines += redactedHeaders.map { "\($0.name): \($0.value)" }
        switch payload {
        case .bytes(let body): lines.append("(body: \(body.count) bytes)")
        case .precomputedHash(let hash): lines.append("(body hash: \(hash))")
        }
        return lines.joined(separator: "\n")
    }

    /// The same as `description`: credentials stay redacted.
    public var debugDescription: String { description }

    /// Children with credential headers redacted, so `dump` and debuggers show no secret either.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method, "path": path, "queryItems": queryItems, "headers": redactedHeaders,
                "payload": payload,
            ],
            displayStyle: .struct)
    }

    private var redactedHeaders: [Header] {
        headers.map { header in
            Self.redactedHeaderNames.contains(header.name.lowercased())
                ? Header(name: header.name, value: "<REDACTED>") : header
        }
    }

    /// Header values that are credentials in their own right.
    static let redactedHeaderNames: Set<String> = ["authorization", "x-amz-security-token"]

    static func sameName(_ lhs: String, _ rhs: String) -> Bool {
        lhs.lowercased() == rhs.lowercased()
    }
}
