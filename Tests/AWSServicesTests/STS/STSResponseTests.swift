import AWSCore
import Foundation
import Testing

@testable import AWSServices

@Suite struct STSResponseTests {
    @Test func getCallerIdentityFromMoto() throws {
        let output = try STS.getCallerIdentity().decode(motoResponse("sts.getCallerIdentity"))
        #expect(output.account == "123456789012")
        #expect(output.arn == "arn:aws:sts::123456789012:user/moto")
        #expect(output.userId == "AKIAIOSFODNN7EXAMPLE")
    }

    /// AWS STS API Reference, GetCallerIdentity "Example 1" response.
    @Test func getCallerIdentityDocExample() throws {
        let body = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
               <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
                <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>
            """
        let output = try STS.getCallerIdentity().decode(okResponse(body))
        #expect(output.arn == "arn:aws:iam::123456789012:user/Alice")
        #expect(output.userId == "AIDACKCEVSQ6C2EXAMPLE")
        #expect(output.account == "123456789012")
    }

    @Test func assumeRoleFromMoto() throws {
        let output = try STS.assumeRole(.init(roleArn: "arn:aws:iam::222222222222:role/any", roleSessionName: "amikey"))
            .decode(motoResponse("sts.assumeRole"))
        #expect(output.credentials.accessKeyId == "ASIATHPL2AOHKBULNM7Z")
        #expect(output.credentials.secretAccessKey == "mWBnvMTb+2SaulDoPPzLqfPXjNL6iW9kN4qHcnf/")
        #expect(output.credentials.sessionToken.hasPrefix("FQoGZXIvYXdzEBYaD"))
        let expected = try #require(AWSTimestamp.date(fromISO8601: "2026-11-29T18:59:55Z"))
        #expect(abs(output.credentials.expiration.timeIntervalSince(expected) - 0.550383) < 0.001)
        #expect(output.assumedRoleUser.arn == "arn:aws:sts::222222222222:assumed-role/any/amikey")
        #expect(output.assumedRoleUser.assumedRoleId == "AROA3X42LBCD74T73OW1O:amikey")
        #expect(output.packedPolicySize == 6)
    }

    @Test func credentialsDescriptionHidesSecrets() throws {
        let output = try STS.assumeRole(.init(roleArn: "arn:aws:iam::222222222222:role/any", roleSessionName: "amikey"))
            .decode(motoResponse("sts.assumeRole"))
        let text = "\(output.credentials)"
        #expect(text.contains("ASIATHPL2AOHKBULNM7Z"))
        #expect(!text.contains(output.credentials.secretAccessKey))
        #expect(!text.contains(output.credentials.sessionToken))
    }

    @Test func missingCredentialsNamesThePath() throws {
        let body = """
            <AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId></Credentials>\
            </AssumeRoleResult></AssumeRoleResponse>
            """
        let error = try #require(throws: AWSDecodingError.self) {
            try STS.assumeRole(.init(roleArn: "r", roleSessionName: "s")).decode(okResponse(body))
        }
        #expect(error.path == "AssumeRoleResponse.AssumeRoleResult.Credentials.SecretAccessKey")
    }

    @Test func queryErrorShape() throws {
        let body = """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type>\
            <Code>AccessDenied</Code><Message>not authorized</Message></Error><RequestId>req-1</RequestId></ErrorResponse>
            """
        let error = try #require(throws: AWSServiceError.self) {
            try STS.assumeRole(.init(roleArn: "r", roleSessionName: "s"))
                .decode(AWSHTTPResponse(statusCode: 403, text: body))
        }
        #expect(error.code == "AccessDenied")
        #expect(error.service == "STS")
        #expect(error.faultType == "Sender")
        #expect(error.requestID == "req-1")
    }
}
