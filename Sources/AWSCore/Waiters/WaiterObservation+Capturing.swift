extension WaiterObservation {
    /// Runs one poll, reporting an ``AWSServiceError`` as `.serviceError` so `error` acceptors can match it (as
    /// botocore's waiter catches the client error); any other error is rethrown.
    ///
    /// ```swift
    /// try await waiter.wait(clock: clock) { _ in
    ///     try await .capturing { try await ec2.describeImages(imageIDs: [imageID]) }
    /// }
    /// ```
    public static func capturing(
        isolation: isolated (any Actor)? = #isolation, _ call: () async throws -> Response
    ) async throws -> WaiterObservation {
        do {
            return .response(try await call())
        } catch let error as AWSServiceError {
            return .serviceError(code: error.code, message: error.message, statusCode: error.statusCode)
        }
    }
}
