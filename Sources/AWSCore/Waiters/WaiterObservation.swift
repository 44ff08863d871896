/// What one poll of a waiter saw: a decoded response, or the service error the call returned.
///
/// The poll closure turns the service's error into `.serviceError` so `error` acceptors can match it (botocore
/// does the same: the waiter catches the client error and matches on the parsed error response). Errors that
/// are not service answers (network failures after the retries gave up, cancellation) are thrown instead.
public enum WaiterObservation<Response: Sendable>: Sendable {
    /// A successful response and its HTTP status.
    case response(Response, statusCode: Int = 200)
    /// The service's error answer.
    case serviceError(code: String, message: String?, statusCode: Int)

    /// The HTTP status, for `status` acceptors.
    public var statusCode: Int {
        switch self {
        case .response(_, let statusCode), .serviceError(_, _, let statusCode): statusCode
        }
    }

    /// The decoded response, if the call succeeded.
    public var response: Response? {
        if case .response(let response, _) = self { return response }
        return nil
    }

    /// The service error code, if the call failed.
    public var errorCode: String? {
        if case .serviceError(let code, _, _) = self { return code }
        return nil
    }
}
