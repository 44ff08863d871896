/// A request ``AWSClient`` refused to send.
public enum AWSClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL is plain `http://` to a host that is neither loopback nor a link-local credential endpoint
    /// (TLS is always on, DESIGN.md Safety rules); nothing was sent.
    case plainHTTPRefused(url: String, problem: EndpointURLProblem)

    /// A sentence for users.
    public var description: String {
        switch self {
        case .plainHTTPRefused(let url, let problem):
            "refusing to send a request to \(url) without TLS: \(problem)"
        }
    }
}
