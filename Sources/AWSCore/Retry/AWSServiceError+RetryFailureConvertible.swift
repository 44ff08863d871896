extension AWSServiceError: RetryFailureConvertible {
    /// The status and code as the retry rules read them (a body without a code reports `HTTP<status>`, which no
    /// list contains, so the status decides).
    public var retryFailure: RetryFailure { .response(statusCode: statusCode, errorCode: code) }
}
