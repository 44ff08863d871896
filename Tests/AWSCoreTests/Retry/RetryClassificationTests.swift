import Testing

@testable import AWSCore

@Suite("Retry classification follows botocore standard mode")
struct RetryClassificationTests {
    /// `ThrottledRetryableChecker._THROTTLED_ERROR_CODES`, botocore 1.43.11 `retries/standard.py`.
    static let botocoreThrottlingCodes = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    @Test("Every botocore throttling code is throttling, whatever the status", arguments: botocoreThrottlingCodes)
    func throttlingCodes(code: String) {
        for status in [400, 429, 503] {
            #expect(RetryClassification(.response(statusCode: status, errorCode: code), service: "ec2") == .throttling)
        }
    }

    @Test(
        "Statuses and codes",
        arguments: [
            (500, nil, RetryClassification.transient),
            (502, nil, .transient),
            (503, nil, .transient),
            (504, nil, .transient),
            (500, "InternalError", .transient),
            (503, "Unavailable", .transient),
            (400, "RequestTimeout", .transient),
            (400, "RequestTimeoutException", .transient),
            (501, nil, .notRetryable),
            (400, nil, .notRetryable),
            (400, "InvalidParameterValue", .notRetryable),
            (400, "InvalidAMIID.NotFound", .notRetryable),
            (400, "InvalidKeyPair.Duplicate", .notRetryable),
            (403, "UnauthorizedOperation", .notRetryable),
            (412, "DryRunOperation", .notRetryable),
            (400, "IDPCommunicationError", .notRetryable),  // only STS retries it
        ] as [(Int, String?, RetryClassification)])
    func statusesAndCodes(status: Int, code: String?, expected: RetryClassification) {
        #expect(RetryClassification(.response(statusCode: status, errorCode: code), service: "ec2") == expected)
    }

    @Test("STS IDPCommunicationError is transient (retries/special.py)")
    func stsIDPCommunicationError() {
        let failure = RetryFailure.response(statusCode: 400, errorCode: "IDPCommunicationError")
        #expect(RetryClassification(failure, service: "sts") == .transient)
        #expect(RetryClassification(failure, service: "ec2") == .notRetryable)
    }

    @Test("Every transport failure is transient", arguments: RetryFailure.Transport.allCases)
    func transport(kind: RetryFailure.Transport) {
        #expect(RetryClassification(.transport(kind), service: "ec2") == .transient)
    }

    @Test(
        "Which failures may have taken effect on the server",
        arguments: [
            (RetryFailure.transport(.dnsFailure), false),
            (.transport(.connectFailure), false),
            (.transport(.connectTimeout), false),
            (.transport(.connectionReset), true),
            (.transport(.readTimeout), true),
            (.response(statusCode: 500, errorCode: nil), true),
            (.response(statusCode: 500, errorCode: "InternalError"), true),
            (.response(statusCode: 502, errorCode: nil), true),
            (.response(statusCode: 504, errorCode: nil), true),
            (.response(statusCode: 400, errorCode: "RequestTimeout"), true),
            (.response(statusCode: 500, errorCode: "InternalFailure"), true),
            (.response(statusCode: 503, errorCode: nil), false),
            (.response(statusCode: 503, errorCode: "ServiceUnavailable"), false),
            (.response(statusCode: 503, errorCode: "RequestLimitExceeded"), false),
            (.response(statusCode: 500, errorCode: "Throttling"), false),
            (.response(statusCode: 400, errorCode: "PriorRequestNotComplete"), false),
            (.response(statusCode: 400, errorCode: "InvalidParameterValue"), false),
        ] as [(RetryFailure, Bool)])
    func mayHaveTakenEffect(failure: RetryFailure, expected: Bool) {
        #expect(failure.mayHaveTakenEffect == expected)
    }

    @Test(
        "Only connect and read timeouts count as timeouts",
        arguments: [
            (RetryFailure.transport(.connectTimeout), true),
            (.transport(.readTimeout), true),
            (.transport(.connectionReset), false),
            (.transport(.dnsFailure), false),
            (.transport(.connectFailure), false),
            (.response(statusCode: 504, errorCode: nil), false),
            (.response(statusCode: 400, errorCode: "RequestTimeout"), false),
        ] as [(RetryFailure, Bool)])
    func timeouts(failure: RetryFailure, expected: Bool) {
        #expect(failure.isTimeout == expected)
    }

    @Test(
        "Agrees with AWSServiceError.category, which reads the same lists",
        arguments: [
            (503, "RequestLimitExceeded"), (400, "Throttling"), (503, "EC2ThrottledException"), (500, "InternalError"),
            (503, "ServiceUnavailable"), (500, "InternalFailure"), (502, "HTTP502"), (504, "HTTP504"),
            (400, "RequestTimeout"), (400, "InvalidAMIID.NotFound"), (403, "UnauthorizedOperation"),
            (412, "DryRunOperation"), (400, "InvalidKeyPair.Duplicate"),
        ])
    func agreesWithServiceError(status: Int, code: String) {
        let error = AWSServiceError(service: "EC2", code: code, message: "", statusCode: status)
        let expected: RetryClassification =
            switch error.category {
            case .throttling: .throttling
            case .transient: .transient
            case .dryRunSucceeded, .other: .notRetryable
            }
        #expect(error.retryFailure == .response(statusCode: status, errorCode: code))
        #expect(RetryClassification(error.retryFailure, service: "ec2") == expected)
        #expect(RetryClassification(error.retryFailure, service: "ec2").isRetryable == error.isRetryable)
    }
}
