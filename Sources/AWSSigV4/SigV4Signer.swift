/// Signs HTTP requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`, credentials in the `Authorization` header).
///
/// Signing follows AWS's three stages, each an internal function tested on its own against AWS's SigV4
/// test suite (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
/// 1. "Create a canonical request" (`CanonicalRequest`),
/// 2. "Create a string to sign" (`StringToSign`),
/// 3. "Calculate the signature" (`SigningKey`),
/// then "Add the signature to the request" (`Authorization`).
///
/// The signer is pure: no clock, no I/O. The caller passes the signing time, and must sign again, with
/// the new time, before every attempt of a retried request (signatures expire and carry their time).
/// Paths are normalised and each segment encoded once more, as every service but Amazon S3 expects;
/// this signer is not for S3.
///
/// ## Usage
///
/// ```swift
/// let signer = SigV4Signer(service: "ec2", region: "us-east-1")
/// let request = SigningRequest(
///     method: "POST", path: "/",
///     headers: [
///         .init(name: "Host", value: "ec2.us-east-1.amazonaws.com"),
///         .init(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8"),
///     ],
///     body: Array("Action=DescribeKeyPairs&Version=2016-11-15".utf8))
/// let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)
/// let signed = signer.sign(request, credentials: credentials,
///                          date: SigningDate(secondsSince1970: Int64(now.timeIntervalSince1970)))
/// // signed.headers now end with X-Amz-Date, X-Amz-Security-Token (if any) and Authorization.
/// ```
public struct SigV4Signer: Sendable, Hashable {
    /// Where the session token of temporary credentials goes.
    ///
    /// AWS's test suite shows both (`post-sts-token/readme.txt`): "some services require that you include this
    /// parameter in the canonical (signed) request. For other services, you add this parameter at the end,
    /// after you calculate the signature."
    public enum SecurityTokenPlacement: Sendable, Hashable {
        /// `X-Amz-Security-Token` is a signed header (what the AWS SDKs do for EC2, STS, SSM).
        case signed
        /// `X-Amz-Security-Token` is added after the signature is calculated and is not signed.
        case addedAfterSigning
    }

    /// The service's signing name (`ec2`, `sts`, `ssm`, `ec2-instance-connect`).
    public var service: String
    /// The region the request is scoped to (`us-east-1`).
    public var region: String
    /// Whether the session token is signed or only sent.
    public var securityTokenPlacement: SecurityTokenPlacement

    /// Creates a signer for one service in one region.
    public init(service: String, region: String, securityTokenPlacement: SecurityTokenPlacement = .signed) {
        self.service = service
        self.region = region
        self.securityTokenPlacement = securityTokenPlacement
    }

    /// Returns `request` with `X-Amz-Date`, `X-Amz-Security-Token` (with temporary credentials) and
    /// `Authorization` set; every other part of the request is left exactly as given.
    ///
    /// Headers the signer sets replace earlier lines of the same name in place (so re-signing a signed
    /// request for a retry gives the same result as signing the original); new ones are appended, in that order.
    public func sign(_ request: SigningRequest, credentials: AWSCredentials, date: SigningDate) -> SigningRequest {
        var signed = prepared(request, credentials: credentials, date: date)
        let canonical = canonicalRequest(for: signed)
        let scope = credentialScope(date)
        let stringToSign = StringToSign.make(canonicalRequest: canonical.text, amzDate: date.amzDate, scope: scope)
        let signature = SigningKey(secretAccessKey: credentials.secretAccessKey, scope: scope)
            .signature(for: stringToSign)
        signed.setHeader(
            "Authorization",
            Self.authorization(
                accessKeyID: credentials.accessKeyID, scope: scope, signedHeaders: canonical.signedHeaders,
                signature: signature))
        return signed
    }

    // MARK: - Stages (internal, tested one by one)

    /// Headers never signed: hop-by-hop headers a proxy may rewrite, plus what botocore leaves out
    /// (`botocore/auth.py` `SIGNED_HEADERS_BLACKLIST`), plus `authorization` itself.
    static let unsignedHeaderNames: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The request as it will be signed: `X-Amz-Date` and the session token set, any old `Authorization` gone.
    func prepared(_ request: SigningRequest, credentials: AWSCredentials, date: SigningDate) -> SigningRequest {
        var request = request
        request.removeHeader("Authorization")
        request.setHeader("X-Amz-Date", date.amzDate)
        if let token = credentials.sessionToken {
            request.setHeader("X-Amz-Security-Token", token)
        } else {
            request.removeHeader("X-Amz-Security-Token")
        }
        return request
    }

    /// Stage 1, "Create a canonical request", for a prepared request.
    func canonicalRequest(for prepared: SigningRequest) -> CanonicalRequest {
        var excluded = Self.unsignedHeaderNames
        if securityTokenPlacement == .addedAfterSigning { excluded.insert("x-amz-security-token") }
        return CanonicalRequest(prepared, excludingHeaders: excluded)
    }

    /// The credential scope of a signature made at `date`.
    func credentialScope(_ date: SigningDate) -> CredentialScope {
        CredentialScope(dateStamp: date.dateStamp, region: region, service: service)
    }

    /// "Add the signature to the request": the `Authorization` header value.
    static func authorization(
        accessKeyID: String, scope: CredentialScope, signedHeaders: String, signature: String
    ) -> String {
        "\(StringToSign.algorithm) Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), "
            + "Signature=\(signature)"
    }
}
