import AWSSigV4
import Testing

@Suite("Secrets stay out of every printed form")
struct AWSCredentialsTests {
    let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    let token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRq"

    func printedForms(of value: some Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    @Test("Credentials show the access key ID only")
    func credentials() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)
        for text in printedForms(of: credentials) {
            #expect(!text.contains(secret), "\(text)")
            #expect(!text.contains(token), "\(text)")
            #expect(text.contains("AKIDEXAMPLE"), "\(text)")
        }
        #expect(
            credentials.description
                == "AWSCredentials(accessKeyID: AKIDEXAMPLE, secretAccessKey: <REDACTED>, sessionToken: <REDACTED>)")
        #expect(
            AWSCredentials(accessKeyID: "AKID", secretAccessKey: secret).description.hasSuffix("sessionToken: nil)"))
    }

    @Test("A signed request's description redacts the token and the Authorization header")
    func signedRequest() throws {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)
        let request = SigningRequest(
            method: "GET", path: "/", queryItems: [.init(name: "Action", value: "GetCallerIdentity")],
            headers: [.init(name: "Host", value: "sts.amazonaws.com")])
        let signed = SigV4Signer(service: "sts", region: "us-east-1")
            .sign(request, credentials: credentials, date: SigningDate(secondsSince1970: 1_440_938_160))
        let authorization = try #require(signed.values(forHeader: "Authorization").first)
        let signature = try #require(authorization.split(separator: "Signature=").last.map(String.init))
        let description = String(describing: signed)
        for text in printedForms(of: signed) {
            for secretPart in [secret, token, signature, authorization] {
                #expect(!text.contains(secretPart), "\(text)")
            }
        }
        #expect(description.contains("Authorization: <REDACTED>"))
        #expect(description.contains("X-Amz-Security-Token: <REDACTED>"))
        #expect(description.contains("GET /?Action=GetCallerIdentity"))
        #expect(description.contains("X-Amz-Date: 20150830T123600Z"))
    }
}
