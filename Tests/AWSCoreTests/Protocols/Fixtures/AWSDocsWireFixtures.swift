import AWSCore

// Responses published by AWS in its documentation, and a real AWS error body quoted in a public issue.
enum AWSDocsWireFixtures {
    /// STS API Reference, GetCallerIdentity, "Example 1 - Called by an IAM user"
    /// (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html), including the
    /// odd indentation of `<Arn>`.
    static let getCallerIdentity = responseFixture(
        status: 200, headers: [("x-amzn-RequestId", "01234567-89ab-cdef-0123-456789abcdef"), ("Content-Type", "text/xml")],
        body: #"""
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
   <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
    <UserId>AKIAI44QH8DHBEXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
"""#)

    /// The real AWS answer to an ECDSA ImportKeyPair quoted in StreisandEffect/streisand#1171
    /// (aws-wire.md §2.1). The quote elides the request id; the one here is the EC2 docs' placeholder.
    static let importKeyPairInvalidKeyFormat = responseFixture(
        status: 400,
        body: #"""
<Response><Errors><Error><Code>InvalidKey.Format</Code><Message>Key is not in valid OpenSSH public key format</Message></Error></Errors><RequestID>59dbff89-35bd-4eac-99ed-be587EXAMPLE</RequestID></Response>
"""#)
}
