/// Why a URL cannot be used as an endpoint.
public enum EndpointURLProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Tabs, line breaks, spaces or other control characters (botocore's `UNSAFE_URL_CHARS` check, widened).
    case unsafeCharacters
    /// No `scheme://` (botocore: "Invalid endpoint").
    case missingScheme
    /// A scheme other than `https` or `http`.
    case unsupportedScheme(String)
    /// No host after `://`.
    case missingHost
    /// The host is not a DNS name, an IPv4 address or a bracketed IPv6 address (botocore's `is_valid_endpoint_url`).
    case invalidHost(String)
    /// The port is not a number from 1 to 65535.
    case invalidPort(String)
    /// `user:password@` in the URL: credentials never go in an endpoint.
    case userInfo
    /// A `?query` or `#fragment`: an endpoint is a scheme, host, port and optional path.
    case queryOrFragment
    /// Plain `http://` to a host that is not allowed to receive it (DESIGN.md Safety rules).
    case plainHTTPNotAllowed(host: String, allowed: String)

    /// Why, and what to write instead.
    public var description: String {
        switch self {
        case .unsafeCharacters:
            return "it contains spaces, tabs, line breaks or control characters; remove them"
        case .missingScheme:
            return "it has no scheme; write it as https://HOST[:PORT][/PATH]"
        case .unsupportedScheme(let scheme):
            return "the scheme \"\(scheme)\" is not supported; use https:// (or http:// for a loopback host)"
        case .missingHost:
            return "it has no host; write it as https://HOST[:PORT][/PATH]"
        case .invalidHost(let host):
            return "\"\(host)\" is not a valid host name or IP address"
        case .invalidPort(let port):
            return "the port \"\(port)\" is not a number from 1 to 65535"
        case .userInfo:
            return "it contains user information (user:password@); remove it, credentials never go in an endpoint URL"
        case .queryOrFragment:
            return "it contains a ?query or #fragment; an endpoint is https://HOST[:PORT][/PATH]"
        case .plainHTTPNotAllowed(let host, let allowed):
            return "plain http:// to \(host) would send requests and credentials unencrypted, and is allowed only for "
                + "\(allowed); use https://"
        }
    }
}
