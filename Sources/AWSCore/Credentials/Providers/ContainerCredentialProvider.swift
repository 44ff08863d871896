import AWSSigV4
import Foundation

/// GETs credentials from the ECS / EKS Pod Identity container endpoint (botocore `ContainerProvider`,
/// `utils.ContainerMetadataFetcher`): 3 attempts, 2 seconds each, 1 second apart; the authorization token file is
/// re-read on every call because EKS rotates it.
struct ContainerCredentialProvider: CredentialProvider {
    /// URL and authorization.
    let source: ContainerCredentialsSource
    /// Network, clock, file reads and the log.
    let context: CredentialProviderContext

    /// `ContainerMetadataFetcher.RETRY_ATTEMPTS`, `TIMEOUT_SECONDS`, `SLEEP_TIME`.
    static let attempts = 3
    static let timeout = Duration.seconds(2)
    static let pause = Duration.seconds(1)

    func credentials() async throws -> ExpiringCredentials {
        let url = source.url.value.absoluteString
        var headers: AWSHTTPHeaders = ["Accept": "application/json"]
        var secrets: [String] = []
        if let authorization = try authorizationValue() {
            headers.add("Authorization", authorization)
            secrets.append(authorization)
        }
        let request = HTTPTransportRequest(method: "GET", url: url, headers: headers, body: [])
        let http = CredentialHTTP(context: context)
        var lastProblem = ""
        for attempt in 1...Self.attempts {
            if attempt > 1 { try await context.clock.sleep(for: Self.pause) }
            let response: AWSHTTPResponse
            do {
                response = try await http.send(
                    request, operation: "ContainerCredentials", attempt: attempt, timeout: Self.timeout, secrets: secrets)
            } catch let error as HTTPTransportError {
                lastProblem = error.description
                continue
            }
            guard response.statusCode == 200 else {
                lastProblem = "HTTP \(response.statusCode)" + Self.errorSummary(response.body)
                continue
            }
            guard let document = CredentialJSON(response.body) else {
                lastProblem = "the answer is not a JSON object"
                continue
            }
            return try document.temporaryCredentials(service: "Container credentials", url: url)
        }
        throw CredentialProviderError.containerRequestFailed(
            url: url, reason: "\(lastProblem) (after \(Self.attempts) attempts)")
    }

    /// The `Authorization` value: the token file's text as read, or the token from the environment.
    private func authorizationValue() throws -> String? {
        switch source.authorization {
        case nil:
            return nil
        case .token(let token, _):
            return token
        case .tokenFile(let path):
            let bytes: [UInt8]?
            do {
                bytes = try context.readFile(path.value)
            } catch {
                throw CredentialProviderError.containerTokenUnreadable(
                    path: path.value, origin: path.origin, reason: "\(error)")
            }
            guard let bytes else {
                throw CredentialProviderError.containerTokenUnreadable(
                    path: path.value, origin: path.origin, reason: "the file does not exist")
            }
            let token = String(decoding: bytes, as: UTF8.self)
            // botocore `_validate_auth_token`: no header may hold a line break.
            guard !token.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw CredentialProviderError.containerTokenUnreadable(
                    path: path.value, origin: path.origin, reason: "the token contains a line break")
            }
            return token
        }
    }

    /// `: CODE: MESSAGE` from an error document (both non-secret by design), else nothing.
    static func errorSummary(_ body: [UInt8]) -> String {
        guard let document = CredentialJSON(body) else { return "" }
        let parts = [
            document.string("code") ?? document.string("Code"), document.string("message") ?? document.string("Message"),
        ].compactMap { $0 }
        return parts.isEmpty ? "" : ": " + SecretRedactor().redact(text: parts.joined(separator: ": "))
    }
}
