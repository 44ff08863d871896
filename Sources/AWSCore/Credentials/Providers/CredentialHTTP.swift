/// The unsigned HTTP calls of the credential providers (SSO portal, web identity STS, container, instance
/// metadata), sent through the context's transport and logged with every secret removed.
struct CredentialHTTP: Sendable {
    let context: CredentialProviderContext

    /// Sends one attempt and logs it; `secrets` are removed from the log lines, and with `secretResponse` the whole
    /// response body is too (an IMDS session token is the bare body).
    func send(
        _ request: HTTPTransportRequest, operation: String, attempt: Int = 1, timeout: Duration,
        secrets: [String] = [], secretResponse: Bool = false
    ) async throws -> AWSHTTPResponse {
        let redactor = SecretRedactor(knownSecrets: secrets)
        context.logger?.request(request, operation: operation, attempt: attempt, redactor: redactor)
        let response: AWSHTTPResponse
        do {
            response = try await context.transport.send(request, timeout: timeout)
        } catch {
            context.logger?.failure(error, operation: operation, attempt: attempt, redactor: redactor)
            throw error
        }
        if let logger = context.logger {
            let responseRedactor =
                secretResponse
                ? SecretRedactor(knownSecrets: secrets + [String(decoding: response.body, as: UTF8.self)]) : redactor
            logger.response(response, operation: operation, attempt: attempt, redactor: responseRedactor)
        }
        return response
    }

    /// Sends an AWS API call unsigned, retried as `retryPolicy` says; a non-2xx answer is thrown as
    /// ``AWSServiceError`` of `serviceName`.
    func execute(
        _ request: HTTPTransportRequest, operation: OperationRetryTraits, serviceName: String,
        retryPolicy: RetryPolicy, secrets: [String]
    ) async throws -> AWSHTTPResponse {
        do {
            return try await context.clock.retrying(with: RetryExecutor(policy: retryPolicy), traits: operation) {
                attempt in
                let response = try await send(
                    request, operation: operation.operation, attempt: attempt, timeout: .seconds(60), secrets: secrets)
                guard response.isSuccess else { throw AWSServiceError(response: response, service: serviceName) }
                return response
            }
        } catch let stopped as RetryStoppedError {
            throw AWSClient.callerFacingError(stopped)
        }
    }

    /// `request` placed on `endpoint` as an unsigned transport request (URL joined as ``AWSClient`` joins it).
    static func unsigned(_ request: AWSHTTPRequest, endpoint: ResolvedEndpoint) -> HTTPTransportRequest {
        let placed = AWSClientRequest(request, endpoint: endpoint)
        return HTTPTransportRequest(
            method: request.method, url: placed.url,
            headers: AWSHTTPHeaders(placed.signingRequest.headers.map { ($0.name, $0.value) }), body: request.body)
    }
}

extension AWSClock {
    /// Runs `executor` with this clock as its concrete type (a member call opens the existential).
    fileprivate func retrying(
        with executor: RetryExecutor, traits: OperationRetryTraits, isolation: isolated (any Actor)? = #isolation,
        attempt: (Int) async throws -> AWSHTTPResponse
    ) async throws -> AWSHTTPResponse {
        try await executor.execute(traits, clock: self, reconcile: nil, attempt: attempt)
    }
}
