import AWSCore
import Testing

@Suite("SecretRedactor")
struct SecretRedactorTests {
    struct BodyCase: Sendable, CustomTestStringConvertible {
        let label: String
        let body: String
        let secret: String
        let kept: String
        var testDescription: String { label }
    }

    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzSECRETKEY"

    @Test(
        "secret fields vanish from bodies, the rest stays",
        arguments: [
            BodyCase(
                label: "STS AssumeRole XML", body: "<Credentials><AccessKeyId>ASIAKEEP</AccessKeyId><SecretAccessKey>\(secret)</SecretAccessKey><SessionToken>FQoGZXIvYXdzTOKEN//+=</SessionToken></Credentials>",
                secret: secret, kept: "<AccessKeyId>ASIAKEEP</AccessKeyId>"),
            BodyCase(
                label: "session token element", body: "<SessionToken>FQoGZXIvYXdzTOKEN//+=</SessionToken>",
                secret: "FQoGZXIvYXdzTOKEN", kept: "<SessionToken><REDACTED></SessionToken>"),
            BodyCase(
                label: "namespaced EC2 keyMaterial",
                body: "<ec2:keyMaterial>-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----</ec2:keyMaterial><keyName>k</keyName>",
                secret: "MIIEpAIBAAKCAQEA", kept: "<keyName>k</keyName>"),
            BodyCase(
                label: "JSON credential_process / IMDS document",
                body: #"{"AccessKeyId":"ASIAKEEP","SecretAccessKey":"\#(secret)","Token":"tok\"en","Expiration":"2026"}"#,
                secret: secret, kept: #""Expiration":"2026""#),
            BodyCase(
                label: "JSON token with escaped quote", body: #"{"SessionToken": "abc\"SECRETTAIL", "x": 1}"#,
                secret: "SECRETTAIL", kept: #""x": 1"#),
            BodyCase(
                label: "form-encoded web identity token",
                body: "Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.SECRET&Version=2011-06-15",
                secret: "eyJhbGciOiJSUzI1NiJ9", kept: "&Version=2011-06-15"),
            BodyCase(
                label: "OpenSSH private key in plain text",
                body: "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nafter",
                secret: "b3BlbnNzaC1rZXktdjEAAAAA", kept: "after"),
            BodyCase(
                label: "form-encoded PEM (spaces as +)",
                body: "Action=X&UserData=-----BEGIN+PRIVATE+KEY-----%0AMIIEvQIBADANBg%0A-----END+PRIVATE+KEY-----&Next=1",
                secret: "MIIEvQIBADANBg", kept: "&Next=1"),
            BodyCase(
                label: "truncated PEM block", body: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBVp",
                secret: "MHcCAQEEIBVp", kept: "<REDACTED> private key"),
            BodyCase(
                label: "PuTTY private lines",
                body: "PuTTY-User-Key-File-3: ssh-ed25519\nPublic-Lines: 2\nAAAAC3Nz\nPrivate-Lines: 1\nAAAAIPRIVATEBITS\nPrivate-MAC: 0a1b",
                secret: "AAAAIPRIVATEBITS", kept: "Public-Lines: 2"),
        ])
    func bodies(_ bodyCase: BodyCase) {
        let redacted = SecretRedactor().redact(body: bodyCase.body)
        #expect(!redacted.contains(bodyCase.secret), "\(redacted)")
        #expect(redacted.contains(bodyCase.kept), "\(redacted)")
    }

    @Test(
        "credential headers are blanked whole, others kept",
        arguments: [
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ec2/aws4_request, Signature=abc", true),
            ("x-amz-security-token", "FQoGZXIvYXdz", true),
            ("X-Aws-Ec2-Metadata-Token", "AQAEAxyz", true),
            ("x-amz-sso_bearer_token", "aoa123", true),
            ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8", false),
        ])
    func headers(_ name: String, _ value: String, _ secret: Bool) {
        let redacted = SecretRedactor().redact(headerValue: value, name: name)
        #expect(redacted == (secret ? SecretRedactor.placeholder : value))
    }

    @Test("presigned URL parameters are blanked, other parameters kept")
    func presignedURL() {
        let url = "https://sts.amazonaws.com/?Action=GetCallerIdentity&X-Amz-Credential=AKIDEXAMPLE%2F20260101&X-Amz-Signature=deadbeef&X-Amz-Security-Token=FQoG"
        let redacted = SecretRedactor().redact(url: url)
        #expect(redacted == "https://sts.amazonaws.com/?Action=GetCallerIdentity&X-Amz-Credential=<REDACTED>&X-Amz-Signature=<REDACTED>&X-Amz-Security-Token=<REDACTED>")
    }

    @Test("known secret values vanish anywhere, raw or form-encoded")
    func knownSecrets() {
        let redactor = SecretRedactor(knownSecrets: [Self.secret, ""])
        let text = "echo: \(Self.secret) and Param=wJalrXUtnFEMI%2FK7MDENG%2BbPxRfiCYzSECRETKEY"
        let redacted = redactor.redact(text: text)
        #expect(!redacted.contains("wJalrXUtnFEMI"), "\(redacted)")
        #expect(redacted.hasPrefix("echo: <REDACTED>"))
    }
}
