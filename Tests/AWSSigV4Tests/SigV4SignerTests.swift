import Testing

@testable import AWSSigV4

@Suite("SigV4Signer")
struct SigV4SignerTests {
    let signer = SigV4Signer(service: "ec2", region: "us-east-1")
    let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "FQoGZXIvYXdzEXAMPLETOKEN//////////wEaDEXAMPLE=")
    let request = SigningRequest(
        method: "POST", path: "/",
        headers: [
            .init(name: "Host", value: "ec2.us-east-1.amazonaws.com"),
            .init(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
        ],
        body: Array("Action=DescribeKeyPairs&Version=2016-11-15".utf8))

    func signature(_ signed: SigningRequest) -> String? {
        signed.values(forHeader: "Authorization").first?.split(separator: "Signature=").last.map(String.init)
    }

    @Test("Each attempt is signed with its own time")
    func resignPerAttempt() throws {
        let first = signer.sign(request, credentials: credentials, date: SigningDate(secondsSince1970: 1_440_938_160))
        let retry = signer.sign(request, credentials: credentials, date: SigningDate(secondsSince1970: 1_440_938_161))
        #expect(first.values(forHeader: "X-Amz-Date") == ["20150830T123600Z"])
        #expect(retry.values(forHeader: "X-Amz-Date") == ["20150830T123601Z"])
        let firstSignature = try #require(signature(first))
        let retrySignature = try #require(signature(retry))
        #expect(firstSignature.count == 64)
        #expect(firstSignature != retrySignature)
    }

    @Test("The credential scope follows the signing day")
    func scopeFollowsDay() {
        let beforeMidnight = signer.sign(
            request, credentials: credentials, date: SigningDate(secondsSince1970: 1_440_979_199))
        let afterMidnight = signer.sign(
            request, credentials: credentials, date: SigningDate(secondsSince1970: 1_440_979_200))
        #expect(beforeMidnight.values(forHeader: "Authorization").first?.contains("/20150830/us-east-1/ec2/") == true)
        #expect(afterMidnight.values(forHeader: "Authorization").first?.contains("/20150831/us-east-1/ec2/") == true)
    }

    @Test("Re-signing a signed request equals signing the original")
    func resignSignedRequest() {
        let date = SigningDate(secondsSince1970: 1_440_938_200)
        let once = signer.sign(request, credentials: credentials, date: SigningDate(secondsSince1970: 1_440_938_160))
        #expect(
            signer.sign(once, credentials: credentials, date: date)
                == signer.sign(request, credentials: credentials, date: date))
    }

    @Test("Signing adds X-Amz-Date, X-Amz-Security-Token and Authorization, in that order, and nothing else")
    func addedHeaders() {
        let signed = signer.sign(request, credentials: credentials, date: SigningDate(secondsSince1970: 0))
        #expect(
            signed.headers.map(\.name) == [
                "Host", "Content-Type", "X-Amz-Date", "X-Amz-Security-Token", "Authorization",
            ])
        #expect(signed.values(forHeader: "x-amz-security-token") == [credentials.sessionToken!])
        #expect(
            signed.values(forHeader: "Authorization").first?.hasPrefix(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/19700101/us-east-1/ec2/aws4_request, "
                    + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=") == true)
        #expect(signed.method == request.method && signed.path == request.path && signed.payload == request.payload)
    }

    @Test("Without a session token, a stale X-Amz-Security-Token header is removed")
    func noToken() {
        var stale = request
        stale.setHeader("X-Amz-Security-Token", "old")
        let longTerm = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")
        let signed = signer.sign(stale, credentials: longTerm, date: SigningDate(secondsSince1970: 0))
        #expect(signed.values(forHeader: "X-Amz-Security-Token").isEmpty)
        #expect(
            signed.values(forHeader: "Authorization").first?.contains("SignedHeaders=content-type;host;x-amz-date,")
                == true)
    }

    @Test("The token placement changes what is signed")
    func tokenPlacement() {
        let after = SigV4Signer(service: "ec2", region: "us-east-1", securityTokenPlacement: .addedAfterSigning)
        let date = SigningDate(secondsSince1970: 0)
        let signedAfter = after.sign(request, credentials: credentials, date: date)
        #expect(signedAfter.values(forHeader: "X-Amz-Security-Token") == [credentials.sessionToken!])
        #expect(
            signedAfter.values(forHeader: "Authorization").first?.contains(
                "SignedHeaders=content-type;host;x-amz-date,") == true)
        #expect(signature(signedAfter) != signature(signer.sign(request, credentials: credentials, date: date)))
    }

    @Test("setHeader replaces in place and drops duplicates; removeHeader ignores case")
    func headerEditing() {
        var edited = SigningRequest(
            method: "GET", path: "/",
            headers: [.init(name: "a", value: "1"), .init(name: "B", value: "2"), .init(name: "A", value: "3")])
        edited.setHeader("A", "x")
        #expect(edited.headers == [.init(name: "A", value: "x"), .init(name: "B", value: "2")])
        edited.removeHeader("b")
        #expect(edited.headers == [.init(name: "A", value: "x")])
    }
}
