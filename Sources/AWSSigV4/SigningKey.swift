import Crypto

/// Stage 3, "Calculate the signature": the derived key and the signature it makes.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#calculate-signature
///
/// ```
/// kDate    = HMAC("AWS4" + secret, yyyyMMdd)
/// kRegion  = HMAC(kDate, region)
/// kService = HMAC(kRegion, service)
/// kSigning = HMAC(kService, "aws4_request")
/// signature = Hex(HMAC(kSigning, StringToSign))
/// ```
struct SigningKey: Sendable {
    /// `kSigning`, valid for one scope (day, region, service).
    let key: SymmetricKey

    /// Derives the signing key for `scope` from a secret access key.
    init(secretAccessKey: String, scope: CredentialScope) {
        var key = SymmetricKey(data: Array(("AWS4" + secretAccessKey).utf8))
        for step in [scope.dateStamp, scope.region, scope.service, "aws4_request"] {
            key = SymmetricKey(data: Self.hmac(step, key))
        }
        self.key = key
    }

    /// The key's bytes in lower-case hex (tests compare them with AWS's published example).
    var hex: String { key.withUnsafeBytes { Hex.lowercase($0) } }

    /// `Hex(HMAC-SHA256(kSigning, stringToSign))`: the value of `Signature=`.
    func signature(for stringToSign: String) -> String {
        Hex.lowercase(Self.hmac(stringToSign, key))
    }

    private static func hmac(_ message: String, _ key: SymmetricKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key))
    }
}
