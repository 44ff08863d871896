import AWSCore

/// Why a call to AWS could not be made or did not succeed, as the user sees it: a stable code for scripts, a
/// message that says what to do next, and AWS's request id for a support case. Always exit status 3.
public struct AWSFailure: Error, Sendable, CustomStringConvertible {
    /// `configuration`, `credentials`, `network`, or AWS's own error code (`UnauthorizedOperation`).
    public var code: String
    /// What happened and what to do.
    public var message: String
    /// AWS's request id, when AWS answered.
    public var requestID: String?

    /// A failure from its parts.
    public init(code: String, message: String, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// Classifies any error from the AWS layer; unknown errors keep their description.
    public init(_ error: any Error) {
        switch error {
        case let failure as AWSFailure:
            self = failure
        case let service as AWSServiceError:
            self.init(code: service.code, message: Self.explain(service), requestID: service.requestID)
        case let stopped as RetryStoppedError:
            if let service = stopped.serviceError, stopped.reason != .ambiguousNotRepeated, stopped.reason != .reconcileFailed {
                self.init(service)
            } else {
                self.init(code: "network", message: "\(stopped)")
            }
        case is HTTPTransportError, is AWSClientError:
            self.init(code: "network", message: "\(error)")
        case is AWSConfigError, is AWSConfigFileError, is EndpointResolutionError:
            self.init(code: "configuration", message: "\(error)")
        case is CredentialSourceError, is CredentialProviderError:
            self.init(code: "credentials", message: "\(error)")
        case let file as FileSystemError:
            self.init(code: file.code, message: file.message)
        default:
            self.init(code: "error", message: "\(error)")
        }
    }

    /// The process exit status DESIGN.md gives to "nothing could be done".
    public var exitCode: Int32 { 3 }

    /// The message.
    public var description: String { message }

    /// AWS's words, plus the next step for the errors users meet first.
    private static func explain(_ error: AWSServiceError) -> String {
        let hint: String? =
            switch error.code {
            case "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "UnrecognizedClientException":
                "the credentials were not accepted; \"amikey whoami\" shows which ones are used and where they came from"
            case "ExpiredToken", "ExpiredTokenException", "RequestExpired":
                "the credentials have expired; sign in again (aws sso login, or new keys) and retry"
            case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException":
                "the identity shown by \"amikey whoami\" lacks this permission; ask for it or use another --profile"
            case "OptInRequired":
                "the account is not subscribed to this service in this region"
            default:
                nil
            }
        return hint.map { "\(error); \($0)" } ?? "\(error)"
    }
}
