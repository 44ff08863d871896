/// Whether a failed attempt is worth repeating, as AWS "standard" retry mode sorts failures.
///
/// Follows botocore `retries/standard.py` (`StandardRetryConditions`): throttling codes
/// (`ThrottledRetryableChecker`), transient codes, statuses and connection errors (`TransientRetryableChecker`),
/// and STS `IDPCommunicationError` (`retries/special.py`). The code and status lists are the ones
/// ``AWSErrorClassification`` keeps for ``AWSServiceError/category``, so there is one list. botocore's
/// `ModeledRetryableChecker` adds nothing for our services: no error shape in the EC2, STS, SSM or KMS models
/// carries the `retryable` trait.
///
/// ## Usage
/// ```swift
/// RetryClassification(.response(statusCode: 503, errorCode: "RequestLimitExceeded"), service: "ec2")  // .throttling
/// RetryClassification(.response(statusCode: 400, errorCode: "AuthFailure"), service: "ec2")  // .notRetryable
/// ```
public enum RetryClassification: Sendable, Hashable {
    /// The service asked the caller to slow down.
    case throttling
    /// A transient fault (server error, dropped connection, timeout) that a later attempt may not meet.
    case transient
    /// A failure another attempt would repeat (bad input, missing resource, access denied).
    case notRetryable

    /// Sorts `failure`; `service` is the lower-case signing name (`ec2`, `sts`) for per-service special cases.
    public init(_ failure: RetryFailure, service: String) {
        switch failure {
        case .transport:
            self = .transient
        case .response(let statusCode, let errorCode):
            if let errorCode, AWSErrorClassification.throttlingCodes.contains(errorCode) {
                self = .throttling
            } else if let errorCode, AWSErrorClassification.transientCodes.contains(errorCode) {
                self = .transient
            } else if AWSErrorClassification.transientStatusCodes.contains(statusCode) {
                self = .transient
            } else if service == "sts", errorCode == "IDPCommunicationError" {
                self = .transient
            } else {
                self = .notRetryable
            }
        }
    }

    /// Whether another attempt may help.
    public var isRetryable: Bool { self != .notRetryable }
}
