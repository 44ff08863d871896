/// A successful AWS response that amikey could not read, naming where in the document it failed.
///
/// `path` is the dotted element path for XML (`DescribeImagesResponse.imagesSet.item[2].imageId`)
/// or the coding path for JSON (`GetCommandInvocation.Status`); empty when the document as a whole
/// is unreadable.
public struct AWSDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong at `path`.
    public enum Reason: Sendable, Hashable {
        /// A required element or field is absent (or empty where a value is needed).
        case missing
        /// The element or field is present but its text is not the expected kind of value.
        case invalidValue(found: String, expected: String)
        /// The body is not well-formed XML or JSON; the associated text says where and why.
        case malformed(String)
        /// The document is well-formed but is not the response that was asked for
        /// (e.g. an S3 listing from a mis-routed request).
        case unexpectedDocument(expected: String, found: String)
    }

    /// Where the problem is; empty for the whole document.
    public var path: String
    /// What the problem is.
    public var reason: Reason

    /// Creates a decoding error.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// A sentence naming the path, e.g. `the response has no DescribeImagesResponse.imagesSet.item[2].imageId`.
    public var description: String {
        switch reason {
        case .missing:
            return "the response has no \(path)"
        case .invalidValue(let found, let expected):
            return "the response's \(path) is \"\(found.prefix(64))\", not \(expected)"
        case .malformed(let detail):
            return "the response is not well-formed (\(detail))"
        case .unexpectedDocument(let expected, let found):
            return "expected a \(expected) document, got \(found)"
        }
    }
}
