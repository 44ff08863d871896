import Testing

@testable import AWSCore

@Suite("AWSServiceError: categories and the sentence users see")
struct AWSServiceErrorTests {
    static func error(_ code: String, status: Int = 400) -> AWSServiceError {
        AWSServiceError(service: "EC2", code: code, message: "", statusCode: status)
    }

    // botocore/retries/standard.py ThrottledRetryableChecker._THROTTLED_ERROR_CODES, in its order.
    @Test(
        "botocore's throttling codes are throttling, whatever the status",
        arguments: [
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        ])
    func throttling(code: String) {
        #expect(Self.error(code).category == .throttling)
        #expect(Self.error(code, status: 503).category == .throttling)
        #expect(Self.error(code).isRetryable)
    }

    @Test(
        "Transient codes, and any 500/502/503/504, are transient",
        arguments: [
            ("RequestTimeout", 400), ("RequestTimeoutException", 408), ("InternalError", 500), ("InternalFailure", 500),
            ("ServiceUnavailable", 503), ("HTTP500", 500), ("HTTP502", 502), ("HTTP503", 503), ("HTTP504", 504),
            ("InvalidParameterValue", 500),
        ])
    func transient(code: String, status: Int) {
        #expect(Self.error(code, status: status).category == .transient)
        #expect(Self.error(code, status: status).isRetryable)
    }

    @Test(
        "Client errors and other statuses are not retried",
        arguments: [
            ("InvalidKeyPair.Duplicate", 400), ("InvalidAMIID.NotFound", 400), ("UnauthorizedOperation", 403),
            ("AuthFailure", 401), ("HTTP501", 501), ("HTTP505", 505), ("throttling", 400), ("HTTP404", 404),
        ])
    func other(code: String, status: Int) {
        #expect(Self.error(code, status: status).category == .other)
        #expect(!Self.error(code, status: status).isRetryable)
    }

    @Test("DryRunOperation (HTTP 412) means the request would have succeeded")
    func dryRun() {
        let error = AWSServiceError(response: MotoWireFixtures.describeImagesDryRun, service: "EC2")
        #expect(error.category == .dryRunSucceeded)
        #expect(!error.isRetryable)
        #expect(AWSErrorClassification.dryRunSucceededCode == "DryRunOperation")
    }

    @Test("RequestLimitExceeded with HTTP 503, as EC2 sends it (_retry.json), is throttling")
    func ec2RequestLimit() {
        let body = "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>"
        #expect(AWSServiceError(response: responseFixture(status: 503, body: body), service: "EC2").category == .throttling)
    }

    @Test(
        "The description is one calm sentence: service, code, message, request id",
        arguments: [
            (
                AWSServiceError(
                    service: "EC2", code: "InvalidKeyPair.Duplicate", message: "The keypair already exists", statusCode: 400,
                    requestID: "59dbff89-35bd-4eac-99ed-be587EXAMPLE"),
                "EC2 InvalidKeyPair.Duplicate: The keypair already exists (request 59dbff89-35bd-4eac-99ed-be587EXAMPLE)"
            ),
            (
                AWSServiceError(service: "EC2", code: "InvalidKeyPair.Duplicate", message: "The keypair 'k' already exists.", statusCode: 400, requestID: "r-1"),
                "EC2 InvalidKeyPair.Duplicate: The keypair 'k' already exists (request r-1)"
            ),
            (
                AWSServiceError(service: "EC2", code: "InvalidSnapshot.NotFound", message: "", statusCode: 400, requestID: "r-2"),
                "EC2 InvalidSnapshot.NotFound (request r-2)"
            ),
            (
                AWSServiceError(service: "SSM", code: "InvalidCommandId", message: " Invalid command id. \n", statusCode: 400),
                "SSM InvalidCommandId: Invalid command id"
            ),
            (
                AWSServiceError(service: "EC2", code: "X", message: "Wait...", statusCode: 400, requestID: ""),
                "EC2 X: Wait..."
            ),
        ])
    func description(error: AWSServiceError, expected: String) {
        #expect(error.description == expected)
        #expect("\(error)" == expected)
    }

    @Test("Descriptions of parsed responses")
    func parsedDescriptions() {
        #expect(
            AWSServiceError(response: MotoWireFixtures.importKeyPairDuplicate, service: "EC2").description
                == "EC2 InvalidKeyPair.Duplicate: The keypair 'old-key' already exists (request request-id)")
        #expect(
            AWSServiceError(response: MotoWireFixtures.resetImageAttributeHTML500, service: "EC2").description
                == "EC2 HTTP500: the service returned an HTML error page")
        #expect(
            AWSServiceError(response: BotocoreWireFixtures.stsErrorAccessDenied, service: "STS").description
                .hasPrefix("STS AccessDenied: GetSessionToken call failed"))
    }

    @Test("A response's description never shows its body, which can hold credentials")
    func responseDescription() {
        let text = MotoWireFixtures.assumeRole.description
        #expect(text.hasPrefix("HTTP 200\n"))
        #expect(!text.contains("SecretAccessKey"))
        #expect(text.hasSuffix("(body: \(MotoWireFixtures.assumeRole.body.count) bytes)"))
    }
}
