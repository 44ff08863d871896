import Testing

@testable import AWSSigV4

@Suite("Canonical request")
struct CanonicalRequestTests {
    @Test(
        "Header values are trimmed and whitespace runs collapsed",
        arguments: [
            (" value1", "value1"),
            ("\"a   b   c\"", "\"a b c\""),
            ("value1\n  value2\n     value3", "value1 value2 value3"),
            ("\t a \r\n b\t", "a b"),
            ("", ""),
            ("   ", ""),
        ])
    func trimmed(input: String, expected: String) {
        #expect(CanonicalRequest.trimmed(input) == expected)
    }

    @Test("Hop-by-hop and tracing headers are never signed")
    func unsignedHeaders() {
        let request = SigningRequest(
            method: "GET", path: "/",
            headers: [
                .init(name: "Host", value: "ec2.us-east-1.amazonaws.com"),
                .init(name: "User-Agent", value: "amikey/1.0"),
                .init(name: "Connection", value: "keep-alive"),
                .init(name: "X-Amzn-Trace-Id", value: "Root=1-5759e988-bd862e3fe1be46a994272793"),
                .init(name: "Authorization", value: "stale"),
                .init(name: "X-Amz-Date", value: "20150830T123600Z"),
            ])
        let canonical = SigV4Signer(service: "ec2", region: "us-east-1").canonicalRequest(for: request)
        #expect(canonical.signedHeaders == "host;x-amz-date")
        #expect(!canonical.text.contains("amikey"))
    }

    @Test("A precomputed payload hash is used as given")
    func precomputedHash() {
        let request = SigningRequest(
            method: "PUT", path: "/", queryItems: [], headers: [.init(name: "Host", value: "h")],
            payload: .precomputedHash("UNSIGNED-PAYLOAD"))
        let canonical = CanonicalRequest(request, excludingHeaders: [])
        #expect(canonical.text == "PUT\n/\n\nhost:h\n\nhost\nUNSIGNED-PAYLOAD")
    }

    @Test("A body is hashed with SHA-256")
    func bodyHash() {
        #expect(
            CanonicalRequest.hashedPayload(.bytes(Array("Param1=value1".utf8)))
                == "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e")
        #expect(
            CanonicalRequest.hashedPayload(.bytes([]))
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("A token added after signing is not in the canonical request")
    func tokenAfterSigning() {
        let signer = SigV4Signer(service: "sts", region: "us-east-1", securityTokenPlacement: .addedAfterSigning)
        let credentials = AWSCredentials(accessKeyID: "AKID", secretAccessKey: "secret", sessionToken: "TOKEN")
        let prepared = signer.prepared(
            SigningRequest(method: "POST", path: "/", headers: [.init(name: "Host", value: "h")]),
            credentials: credentials, date: SigningDate(secondsSince1970: 0))
        let canonical = signer.canonicalRequest(for: prepared)
        #expect(canonical.signedHeaders == "host;x-amz-date")
        #expect(!canonical.text.contains("TOKEN"))
        #expect(prepared.values(forHeader: "x-amz-security-token") == ["TOKEN"])
    }
}
