import AWSSigV4

/// The `Credentials` element of an STS AssumeRole / AssumeRoleWithWebIdentity result
/// (`sts/2011-06-15/service-2.json`: AccessKeyId, SecretAccessKey, SessionToken, Expiration).
enum STSCredentialsResult {
    /// The credentials in a successful response to `action`.
    ///
    /// - Throws: ``CredentialProviderError/malformedResponse(service:url:reason:)`` when a field is missing, with
    ///   the field's name only; ``AWSServiceError`` for an error document.
    static func credentials(in response: AWSHTTPResponse, action: String, url: String) throws -> ExpiringCredentials {
        let result: XMLNode
        do {
            result = try AWSQueryProtocol.sts.response(response, action: action).result
        } catch let error as AWSDecodingError {
            throw CredentialProviderError.malformedResponse(service: "STS \(action)", url: url, reason: "\(error)")
        } catch let error as AWSServiceError {
            // A 2xx status carrying an error document.
            throw CredentialProviderError.malformedResponse(service: "STS \(action)", url: url, reason: error.description)
        }
        guard let credentials = result["Credentials"] else {
            throw CredentialProviderError.malformedResponse(
                service: "STS \(action)", url: url, reason: "the result has no Credentials element")
        }
        func field(_ name: String) throws -> String {
            guard let value = credentials[name]?.trimmedText, !value.isEmpty else {
                throw CredentialProviderError.malformedResponse(
                    service: "STS \(action)", url: url, reason: "Credentials has no \(name)")
            }
            return value
        }
        let expiration = try field("Expiration")
        guard let date = AWSTimestamp.date(fromISO8601: expiration) else {
            throw CredentialProviderError.malformedResponse(
                service: "STS \(action)", url: url, reason: "Credentials/Expiration \"\(expiration)\" is not a timestamp")
        }
        return ExpiringCredentials(
            AWSCredentials(
                accessKeyID: try field("AccessKeyId"), secretAccessKey: try field("SecretAccessKey"),
                sessionToken: try field("SessionToken")),
            expiration: date)
    }
}
