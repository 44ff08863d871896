import Foundation
import Testing

@testable import AWSCore

@Suite("AWSServiceError reads every error shape AWS, moto and proxies send")
struct AWSServiceErrorResponseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var response: AWSHTTPResponse
        var code: String
        var message: String
        var requestID: String?
        var faultType: String? = nil
        var hasExcerpt = false
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // EC2 shape: <Response><Errors><Error>…</Errors><RequestID> (EC2QueryParser._do_error_parse).
        Case(
            name: "botocore EC2 fixture (InvalidInstanceID.Malformed)", response: BotocoreWireFixtures.ec2ErrorMalformed,
            code: "InvalidInstanceID.Malformed", message: #"Invalid id: "foobar""#,
            requestID: "dfb14b43-9a55-4d8e-b676-e8034d12bbeb"),
        Case(
            name: "real AWS InvalidKey.Format (streisand#1171)", response: AWSDocsWireFixtures.importKeyPairInvalidKeyFormat,
            code: "InvalidKey.Format", message: "Key is not in valid OpenSSH public key format",
            requestID: "59dbff89-35bd-4eac-99ed-be587EXAMPLE"),
        Case(
            name: "moto InvalidKeyPair.Duplicate (namespaced)", response: MotoWireFixtures.importKeyPairDuplicate,
            code: "InvalidKeyPair.Duplicate", message: "The keypair 'old-key' already exists.", requestID: "request-id"),
        Case(
            name: "moto InvalidKeyPair.Format", response: MotoWireFixtures.importKeyPairECDSAFormat,
            code: "InvalidKeyPair.Format", message: "Key is not in valid OpenSSH public key format", requestID: "request-id"),
        Case(
            name: "moto InvalidKeyPair.NotFound", response: MotoWireFixtures.describeKeyPairsNotFound,
            code: "InvalidKeyPair.NotFound", message: "The keypair '{'nope'}' does not exist.", requestID: "request-id"),
        Case(
            name: "moto InvalidInstanceID.NotFound", response: MotoWireFixtures.describeInstancesNotFound,
            code: "InvalidInstanceID.NotFound", message: "The instance ID 'i-0123456789abcdef0' does not exist",
            requestID: "request-id"),
        Case(
            name: "moto DryRunOperation (HTTP 412)", response: MotoWireFixtures.describeImagesDryRun,
            code: "DryRunOperation", message: "Request would have succeeded, but DryRun flag is set.", requestID: "request-id"),
        // Query shape: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/> (QueryParser._do_error_parse).
        Case(
            name: "botocore STS fixture (AccessDenied, Sender)", response: BotocoreWireFixtures.stsErrorAccessDenied,
            code: "AccessDenied",
            message:
                "GetSessionToken call failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.",
            requestID: "8088f6eb-b7fb-11e2-8d25-4b9f3b52b80f", faultType: "Sender"),
        // moto with signatures enforced: <ErrorResponse><Errors><Error>, no request id in the body, text/html.
        Case(
            name: "moto EC2 AuthFailure 401", response: MotoWireFixtures.ec2AuthFailure401, code: "AuthFailure",
            message: "AWS was not able to validate the provided access credentials",
            requestID: "JqaFHQeaieYfxlo6CpzsRND1JILe95gEogRbzZklmRFIAoKEOs4C", faultType: "Sender"),
        Case(
            name: "moto STS InvalidClientTokenId 403", response: MotoWireFixtures.stsInvalidClientTokenId403,
            code: "InvalidClientTokenId", message: "The security token included in the request is invalid.",
            requestID: "mV5YwH4uURtC2x5kyjydxFhnkQSZo2Gdlo04v9cXMiYVKiextp9G", faultType: "Sender"),
        Case(
            name: "moto SSM answering in XML", response: MotoWireFixtures.ssmXMLError403, code: "InvalidClientTokenId",
            message: "The security token included in the request is invalid.",
            requestID: "pgeqvihwpCGWx4F5isD9TmGSaG4f563SevrcjiZb55k4XkLK6rj0", faultType: "Sender"),
        // JSON shape: __type, message/Message, x-amzn-RequestId (BaseJSONParser._do_error_parse).
        Case(
            name: "moto SSM InvalidCommandId (capital Message)", response: MotoWireFixtures.getCommandInvocationInvalidCommandId,
            code: "InvalidCommandId", message: "Invalid command id.",
            requestID: "isEZEpbH3wIkbeS5TKtms12m5HOEb4vYvIol8pKWniMCgTUgqiB8"),
        Case(
            name: "moto KMS NotFoundException (lower-case message)", response: MotoWireFixtures.describeKeyNotFound,
            code: "NotFoundException", message: "Alias arn:aws:kms:us-east-1:123456789012:alias/nope is not found.",
            requestID: "2dv3kGpzyb5s0kI2lSXs9fieGyaRLaFcXKNNAQpwOO8DJENpiCwC"),
        Case(
            name: "moto Organizations not in use", response: MotoWireFixtures.describeOrganizationNotInUse,
            code: "AWSOrganizationsNotInUseException", message: "Your account is not a member of an organization.",
            requestID: "OcYjvHyblS53QlHWtRUFJdT8ElOR5Vgrw0X9pLq6yPUBdDUzXKzf"),
        Case(
            name: "JSON __type with a namespace prefix and a URL suffix",
            response: responseFixture(
                status: 400, headers: [("x-amzn-RequestId", "req-1")],
                body: #"{"__type": "com.amazonaws.ssm#InvalidInstanceId:http://internal.amazon.com/coral/com.amazon.coral.validate/", "message": "Instances [[i-1]] not in a valid state"}"#),
            code: "InvalidInstanceId", message: "Instances [[i-1]] not in a valid state", requestID: "req-1"),
        Case(
            name: "JSON code only in the x-amzn-ErrorType header",
            response: responseFixture(
                status: 400, headers: [("X-Amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/"), ("X-Amz-Request-Id", "req-2")],
                body: #"{"Message": "Rate exceeded"}"#),
            code: "ThrottlingException", message: "Rate exceeded", requestID: "req-2"),
        Case(
            name: "JSON header wins over __type (Smithy awsJson1_1; AWS SDK for JavaScript parseJsonError)",
            response: responseFixture(status: 400, headers: [("x-amzn-errortype", "A")], body: #"{"__type": "B", "code": "C"}"#),
            code: "A", message: "", requestID: nil),
        Case(
            name: "JSON body with neither code nor message", response: responseFixture(status: 404, body: "{}"),
            code: "HTTP404", message: "", requestID: nil),
        // Not an AWS error document: code from the status, the body kept as an excerpt.
        Case(
            name: "moto's HTML 500 page", response: MotoWireFixtures.resetImageAttributeHTML500, code: "HTTP500",
            message: "the service returned an HTML error page", requestID: nil, hasExcerpt: true),
        Case(
            name: "a proxy's HTML 503 (botocore's own example)",
            response: responseFixture(
                status: 503, headers: [("x-amz-request-id", "edge-1")],
                body: "<html><body><b>Http/1.1 Service Unavailable</b></body></html>"),
            code: "HTTP503", message: "the service returned an HTML error page", requestID: "edge-1", hasExcerpt: true),
        Case(
            name: "HTML that happens to parse as XML", response: responseFixture(status: 502, body: "<HTML><BODY>Bad Gateway</BODY></HTML>"),
            code: "HTTP502", message: "the service returned an HTML error page", requestID: nil, hasExcerpt: true),
        Case(
            name: "a one-line plain-text 503", response: responseFixture(status: 503, body: "Service Unavailable\n"), code: "HTTP503",
            message: "the service returned a plain-text error: Service Unavailable", requestID: nil, hasExcerpt: true),
        Case(
            name: "an empty 504", response: responseFixture(status: 504, body: ""), code: "HTTP504",
            message: "the service returned an empty error response", requestID: nil),
        Case(
            name: "XML without an <Error>", response: responseFixture(status: 404, body: "<NotAnError><x/></NotAnError>"),
            code: "HTTP404", message: "the service returned an error response that is not an AWS error document",
            requestID: nil, hasExcerpt: true),
        Case(
            name: "broken JSON", response: responseFixture(status: 500, body: #"{"__type": "Internal"#), code: "HTTP500",
            message: "the service returned an error response that is not an AWS error document", requestID: nil,
            hasExcerpt: true),
    ]

    @Test("Code, message, request id and fault type", arguments: cases)
    func parse(_ testCase: Case) {
        let error = AWSServiceError(response: testCase.response, service: "EC2")
        #expect(error.code == testCase.code)
        #expect(error.message == testCase.message)
        #expect(error.statusCode == testCase.response.statusCode)
        #expect(error.requestID == testCase.requestID)
        #expect(error.faultType == testCase.faultType)
        #expect((error.bodyExcerpt != nil) == testCase.hasExcerpt)
        #expect(error.service == "EC2")
    }

    @Test("The excerpt is the start of the body, capped at 512 bytes")
    func excerpt() throws {
        let page = "<!DOCTYPE html><html>" + String(repeating: "x", count: 2000) + "</html>"
        let error = AWSServiceError(response: responseFixture(status: 500, body: page), service: "EC2")
        let excerpt = try #require(error.bodyExcerpt)
        #expect(excerpt.utf8.count == 512)
        #expect(excerpt.hasPrefix("<!DOCTYPE html><html>xxx"))
        let moto = AWSServiceError(response: MotoWireFixtures.resetImageAttributeHTML500, service: "EC2")
        #expect(moto.bodyExcerpt?.contains("<title>500 Internal Server Error</title>") == true)
    }

    @Test("Every <Error> of an EC2 response is kept, the first as the error itself")
    func severalErrors() {
        let body = """
            <Response><Errors>
              <Error><Code>InvalidParameterValue</Code><Message>first</Message></Error>
              <Error><Code>MissingParameter</Code><Message>second</Message></Error>
              <Error><Code>UnknownParameter</Code><Message/></Error>
            </Errors><RequestID>r</RequestID></Response>
            """
        let error = AWSServiceError(response: responseFixture(status: 400, body: body), service: "EC2")
        #expect(error.code == "InvalidParameterValue")
        #expect(error.message == "first")
        #expect(
            error.additionalErrors == [
                .init(code: "MissingParameter", message: "second"), .init(code: "UnknownParameter", message: ""),
            ])
    }

    @Test("An S3-style bare <Error> root is read too")
    func bareErrorRoot() {
        let body = "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>s3-1</RequestId></Error>"
        let error = AWSServiceError(response: responseFixture(status: 503, body: body), service: "S3")
        #expect(error.code == "SlowDown")
        #expect(error.requestID == "s3-1")
        #expect(error.category == .throttling)
    }

    @Test("JSON error code sanitising", arguments: [
        ("ValidationException", "ValidationException"),
        ("aws.protocoltests.restjson#FooError", "FooError"),
        ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
        ("FooError:http://internal.amazon.com/", "FooError"),
        ("a#b#FooError", "FooError"),
        (" FooError ", "FooError"),
    ])
    func sanitize(raw: String, expected: String) {
        #expect(AWSServiceError.sanitizeJSONErrorCode(raw) == expected)
    }
}
