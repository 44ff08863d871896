/// A validated endpoint URL: `https://HOST[:PORT][/PATH]`, or `http://` only to a host trusted with plain text.
///
/// TLS verification is always on, so plain HTTP is accepted only for loopback hosts (`localhost`, `127.0.0.0/8`,
/// `::1`: a local emulator) and, for credential endpoints, the fixed link-local addresses AWS documents
/// (DESIGN.md Safety rules). Host syntax follows botocore's `is_valid_endpoint_url` / `is_valid_ipv6_endpoint_url`.
public struct EndpointURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL as given (it passed validation).
    public let absoluteString: String
    /// `https` or `http`, lower-cased.
    public let scheme: String
    /// The host: a DNS name or IPv4 address as written, or an IPv6 address without its brackets.
    public let host: String
    /// The explicit port, if any.
    public let port: Int?
    /// The path after the authority (`""` or starting with `/`; AWS endpoints may carry one), with the query for a
    /// container credentials URI.
    public let path: String
    /// Whether the host is a loopback host: `localhost`, an address in `127.0.0.0/8`, or `::1`.
    public let isLoopback: Bool

    /// The URL as given.
    public var description: String { absoluteString }

    /// Parses and checks `string` as a service endpoint: `https://`, or `http://` to a loopback host.
    public init(validating string: String) throws(EndpointURLProblem) {
        try self.init(
            validating: string, plainHTTPAllowedFor: [], allowedDescription: "loopback hosts (localhost, 127.0.0.0/8, ::1)")
    }

    /// Parses `string`; plain `http://` is accepted for loopback hosts and for the IP addresses in `plainHTTPAllowedFor`;
    /// a query is accepted only with `allowingQuery` (container credential URIs may carry one).
    init(
        validating string: String, plainHTTPAllowedFor extraHosts: [IPAddressLiteral], allowedDescription: String,
        allowingQuery: Bool = false
    ) throws(EndpointURLProblem) {
        guard !string.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw .unsafeCharacters
        }
        guard let schemeEnd = string.firstRange(of: "://") else { throw .missingScheme }
        let scheme = string[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw scheme.isEmpty ? .missingScheme : .unsupportedScheme(String(string[..<schemeEnd.lowerBound]))
        }
        let afterScheme = string[schemeEnd.upperBound...]
        let authorityEnd = Self.authorityEnd(afterScheme)
        let authority = afterScheme[..<authorityEnd]
        let rest = afterScheme[authorityEnd...]
        // Any `@` counts, not only one in the authority: a password holding `/` would otherwise hide in the "path".
        guard !afterScheme.contains("@") else { throw .userInfo }
        guard allowingQuery || !rest.contains("?"), !rest.contains("#") else { throw .queryOrFragment }

        let (host, portText) = try Self.splitHostAndPort(authority)
        guard !host.isEmpty else { throw .missingHost }
        var port: Int?
        if let portText {
            let digitsOnly = portText.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
            guard digitsOnly, let number = Int(portText), (1...65_535).contains(number) else {
                throw .invalidPort(portText)
            }
            port = number
        }
        let address = IPAddressLiteral(host)
        guard address != nil || Self.isValidHostName(host) else { throw .invalidHost(host) }
        let isLoopback = address?.isLoopback ?? (host.lowercased() == "localhost")
        if scheme == "http", !isLoopback, !(address.map(extraHosts.contains) ?? false) {
            throw .plainHTTPNotAllowed(host: host, allowed: allowedDescription)
        }
        self.absoluteString = string
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = String(rest)
        self.isLoopback = isLoopback
    }

    /// `host` and the text after `:`; an IPv6 host is bracketed and must parse as IPv6.
    private static func splitHostAndPort(_ authority: Substring) throws(EndpointURLProblem) -> (String, String?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidHost(String(authority)) }
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            guard IPAddressLiteral(ipv6: host) != nil else { throw .invalidHost(host) }
            let after = authority[authority.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { throw .invalidHost(String(authority)) }
            return (host, String(after.dropFirst()))
        }
        guard let colon = authority.firstIndex(of: ":") else { return (String(authority), nil) }
        return (String(authority[..<colon]), String(authority[authority.index(after: colon)...]))
    }

    /// botocore's host check: at most 255 characters, an optional trailing dot, then dot-separated labels of 1–63
    /// letters, digits and hyphens that neither start nor end with a hyphen.
    static func isValidHostName(_ host: String) -> Bool {
        guard host.utf8.count <= 255 else { return false }
        var name = Substring(host)
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
        }
        return labels.allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy(isLabelScalar)
        }
    }

    /// `url` with everything between `://` and the last `@` replaced, for error messages: that is where
    /// `user:password@` sits, even when the password holds a `/`.
    static func redactingUserInfo(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://"), let at = url[schemeEnd.upperBound...].lastIndex(of: "@") else {
            return url
        }
        return String(url[..<schemeEnd.upperBound]) + "<REDACTED>" + String(url[at...])
    }

    /// Where the authority (`host:port`) ends: at the first `/`, `?` or `#`.
    private static func authorityEnd(_ text: Substring) -> Substring.Index {
        text.firstIndex { (character: Character) in character == "/" || character == "?" || character == "#" } ?? text.endIndex
    }
}
