import Testing

@testable import AWSSigV4

@Suite("Signing key (Calculate the signature)")
struct SigningKeyTests {
    /// AWS's published example of deriving a signing key (secret `wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY`,
    /// 20120215, us-east-1, iam), "Examples of how to derive a signing key for Signature Version 4";
    /// value re-checked with Python's `hmac`.
    @Test("Matches AWS's derived-key example")
    func awsExample() {
        let scope = CredentialScope(dateStamp: "20120215", region: "us-east-1", service: "iam")
        let key = SigningKey(secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", scope: scope)
        #expect(key.hex == "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    @Test("Every part of the scope changes the key")
    func scopeMatters() {
        let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        let scopes = [
            CredentialScope(dateStamp: "20150830", region: "us-east-1", service: "ec2"),
            CredentialScope(dateStamp: "20150831", region: "us-east-1", service: "ec2"),
            CredentialScope(dateStamp: "20150830", region: "eu-west-1", service: "ec2"),
            CredentialScope(dateStamp: "20150830", region: "us-east-1", service: "sts"),
        ]
        let keys = Set(scopes.map { SigningKey(secretAccessKey: secret, scope: $0).hex })
        #expect(keys.count == scopes.count)
        #expect(scopes[0].description == "20150830/us-east-1/ec2/aws4_request")
    }
}
