@testable import AWSCore

/// An error an attempt throws that describes itself to the retry rules, as transport and service errors will.
struct FakeAWSFailure: Error, RetryFailureConvertible, Equatable {
    let retryFailure: RetryFailure

    static let throttled = FakeAWSFailure(retryFailure: .response(statusCode: 503, errorCode: "RequestLimitExceeded"))
    static let internalError = FakeAWSFailure(retryFailure: .response(statusCode: 500, errorCode: "InternalError"))
    static let invalidParameter = FakeAWSFailure(
        retryFailure: .response(statusCode: 400, errorCode: "InvalidParameterValue"))
    static let reset = FakeAWSFailure(retryFailure: .transport(.connectionReset))
    static let readTimeout = FakeAWSFailure(retryFailure: .transport(.readTimeout))
    static let dns = FakeAWSFailure(retryFailure: .transport(.dnsFailure))
}

/// An error that does not describe itself: never retried.
struct UnclassifiedError: Error, Equatable {}
