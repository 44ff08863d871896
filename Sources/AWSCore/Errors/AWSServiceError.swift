import Foundation

/// An error response from an AWS service (or from something in front of it), as the caller needs it.
///
/// Keeps the AWS `code`, `message`, HTTP `statusCode` and `requestID` (soto's `AWSErrorContext`
/// keeps the same four); `bodyExcerpt` holds the start of a body that was not an AWS error document
/// (moto's HTML 500 page, a proxy's 503), for `--debug`. `description` is the sentence users see:
///
///     EC2 InvalidKeyPair.Duplicate: The keypair 'old-key' already exists (request 59dbff89-35bd-4eac-99ed-be587EXAMPLE)
///
/// ## Usage
/// ```swift
/// do {
///     output = try AWSQueryProtocol.ec2.decode(ImportKeyPairOutput.self, from: response, action: "ImportKeyPair")
/// } catch let error as AWSServiceError where error.code == "InvalidKeyPair.Duplicate" {
///     // already imported: compare fingerprints instead
/// } catch let error as AWSServiceError where error.category == .dryRunSucceeded {
///     // DryRun=true and the caller is allowed
/// }
/// ```
public struct AWSServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One extra `<Error>` of an EC2 response that reported several.
    public struct Detail: Sendable, Hashable {
        /// The error code.
        public var code: String
        /// The message, possibly empty.
        public var message: String

        /// Creates a detail.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// What the caller should make of the error.
    public enum Category: Sendable, Hashable {
        /// The service asks the caller to slow down (`RequestLimitExceeded`, `ThrottlingException`, …).
        case throttling
        /// A fault that another attempt may not meet (HTTP 500/502/503/504, `RequestTimeout`, `InternalError`, …).
        case transient
        /// `DryRunOperation`: the request would have succeeded; nothing was done.
        case dryRunSucceeded
        /// Anything else: the request itself must change.
        case other
    }

    /// The service's name for messages (`EC2`, `STS`, `SSM`).
    public var service: String
    /// The AWS error code (`InvalidKeyPair.Duplicate`), or `HTTP<status>` when the body carried none.
    public var code: String
    /// The service's message, possibly empty (moto sends `<Message/>` for some codes).
    public var message: String
    /// The HTTP status code.
    public var statusCode: Int
    /// The request id from the body (`RequestID`, `RequestId`) or the `x-amzn-RequestId` / `x-amz-request-id` header.
    public var requestID: String?
    /// The Query protocol's fault party, `Sender` or `Receiver`, when given.
    public var faultType: String?
    /// The start of a body that was not an AWS error document (HTML page, plain text), else nil.
    public var bodyExcerpt: String?
    /// Further `<Error>` elements of an EC2 response, after the first.
    public var additionalErrors: [Detail]

    /// Creates an error from its parts; `init(response:service:)` reads one from a response.
    public init(
        service: String, code: String, message: String, statusCode: Int, requestID: String? = nil,
        faultType: String? = nil, bodyExcerpt: String? = nil, additionalErrors: [Detail] = []
    ) {
        self.service = service
        self.code = code
        self.message = message
        self.statusCode = statusCode
        self.requestID = requestID
        self.faultType = faultType
        self.bodyExcerpt = bodyExcerpt
        self.additionalErrors = additionalErrors
    }

    /// The category, from the code first and then the status (botocore checks throttling before transient).
    public var category: Category {
        if code == AWSErrorClassification.dryRunSucceededCode { return .dryRunSucceeded }
        if AWSErrorClassification.throttlingCodes.contains(code) { return .throttling }
        if AWSErrorClassification.transientCodes.contains(code)
            || AWSErrorClassification.transientStatusCodes.contains(statusCode)
        {
            return .transient
        }
        return .other
    }

    /// Whether the standard retry mode would try again (throttling or transient).
    public var isRetryable: Bool { category == .throttling || category == .transient }

    /// `EC2 InvalidKeyPair.Duplicate: The keypair 'old-key' already exists (request 59dbff89-…)`.
    ///
    /// One trailing period of the message is dropped so the request id reads as part of the sentence.
    public var description: String {
        var text = "\(service) \(code)"
        var sentence = message.trimmingCharacters(in: .whitespacesAndNewlines)
        if sentence.hasSuffix("."), !sentence.hasSuffix("..") { sentence.removeLast() }
        if !sentence.isEmpty { text += ": " + sentence }
        if let requestID, !requestID.isEmpty { text += " (request \(requestID))" }
        return text
    }
}
