import Crypto

/// `YYYYMMDD/region/service/aws4_request`: the scope a signing key and a signature are valid for.
struct CredentialScope: Sendable, Hashable, CustomStringConvertible {
    /// `yyyyMMdd` of the signing date.
    let dateStamp: String
    /// The region, e.g. `us-east-1`.
    let region: String
    /// The signing name of the service, e.g. `ec2`, `sts`, `ssm`.
    let service: String

    /// The scope as it appears in the string to sign and in `Credential=`.
    var description: String { "\(dateStamp)/\(region)/\(service)/aws4_request" }
}

/// Stage 2, "Create a string to sign":
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
///
/// ```
/// AWS4-HMAC-SHA256 \n RequestDateTime \n CredentialScope \n Hex(SHA256(CanonicalRequest))
/// ```
enum StringToSign {
    /// The signing algorithm, also the first word of the `Authorization` header.
    static let algorithm = "AWS4-HMAC-SHA256"

    /// The string to sign for a canonical request's text, signed at `amzDate` within `scope`.
    static func make(canonicalRequest: String, amzDate: String, scope: CredentialScope) -> String {
        let hash = Hex.lowercase(SHA256.hash(data: Array(canonicalRequest.utf8)))
        return [algorithm, amzDate, scope.description, hash].joined(separator: "\n")
    }
}
