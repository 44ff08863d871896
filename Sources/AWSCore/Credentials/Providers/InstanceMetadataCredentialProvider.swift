import AWSSigV4

/// The instance profile's credentials from instance metadata (botocore `InstanceMetadataFetcher`): the role name
/// from `/latest/meta-data/iam/security-credentials/`, then that role's JSON document.
struct InstanceMetadataCredentialProvider: CredentialProvider {
    /// The metadata client.
    let client: InstanceMetadataClient

    static let credentialsPath = "latest/meta-data/iam/security-credentials/"

    func credentials() async throws -> ExpiringCredentials {
        let token = try await client.sessionToken()
        let listing = try await client.get(Self.credentialsPath, token: token) { !$0.body.isEmpty }
        // One role per instance profile; the listing is its name (take the first line should there be more).
        let roleName = String(decoding: listing.body, as: UTF8.self).trimmingWhitespace()
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        guard !roleName.isEmpty else {
            throw CredentialProviderError.instanceMetadataFailed(
                endpoint: client.endpointDescription, reason: "the instance has no instance profile role")
        }
        let path = Self.credentialsPath + roleName
        let answer = try await client.get(path, token: token) { CredentialJSON($0.body) != nil }
        guard let document = CredentialJSON(answer.body) else {
            throw CredentialProviderError.malformedResponse(
                service: "Instance metadata", url: client.url(path), reason: "the answer is not a JSON object")
        }
        // An error document (`Code`, `Message`) instead of credentials: botocore logs it and finds no credentials.
        if !document.contains("AccessKeyId"), let code = document.string("Code") {
            throw CredentialProviderError.instanceMetadataFailed(
                endpoint: client.endpointDescription,
                reason: "role \(roleName): \(code)" + (document.string("Message").map { ": \($0)" } ?? ""))
        }
        return try document.temporaryCredentials(service: "Instance metadata", url: client.url(path))
    }
}
