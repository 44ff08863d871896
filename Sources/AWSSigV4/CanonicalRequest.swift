import Crypto

/// Stage 1, "Create a canonical request":
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
///
/// ```
/// HTTPMethod \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload
/// ```
/// where CanonicalHeaders ends with its own newline, so a blank line precedes SignedHeaders.
struct CanonicalRequest: Sendable, Hashable {
    /// The canonical request text, hashed into the string to sign.
    let text: String
    /// `host;x-amz-date;…`: the lower-case names that were signed, sorted, `;`-separated.
    let signedHeaders: String

    /// Canonicalises `request`, signing every header except those named in `excludedHeaders` (lower case).
    init(_ request: SigningRequest, excludingHeaders excludedHeaders: Set<String>) {
        // Header names lower-cased; values trimmed with inner whitespace runs (folded lines included) made one
        // space; repeated headers joined with commas in the order sent; sorted by name.
        var values: [String: [String]] = [:]
        for header in request.headers {
            let name = header.name.lowercased()
            guard !excludedHeaders.contains(name) else { continue }
            values[name, default: []].append(Self.trimmed(header.value))
        }
        let names = values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let canonicalHeaders = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        signedHeaders = names.joined(separator: ";")
        text = [
            request.method,
            URIEncoding.canonicalPath(request.path),
            URIEncoding.canonicalQuery(request.queryItems),
            canonicalHeaders,
            signedHeaders,
            Self.hashedPayload(request.payload),
        ].joined(separator: "\n")
    }

    /// `Trimall`: leading and trailing whitespace removed, each inner run of whitespace replaced by one space.
    static func trimmed(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }

    /// `Hex(SHA256Hash(payload))`, or the hash the caller already has.
    static func hashedPayload(_ payload: SigningRequest.Payload) -> String {
        switch payload {
        case .bytes(let body): Hex.lowercase(SHA256.hash(data: body))
        case .precomputedHash(let hash): hash
        }
    }
}
