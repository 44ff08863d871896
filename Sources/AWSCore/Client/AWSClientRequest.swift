import AWSSigV4

/// An ``AWSHTTPRequest`` placed on a resolved endpoint: the URL, `Host` and the request as the signer sees it.
struct AWSClientRequest: Sendable {
    /// The absolute URL sent.
    let url: String
    /// The request before signing, `Host` included.
    let signingRequest: SigningRequest

    /// Joins the endpoint's path and the request's path and query, and adds `Host`.
    init(_ request: AWSHTTPRequest, endpoint: ResolvedEndpoint) {
        let endpointURL = endpoint.url
        var path = endpointURL.path
        if path.hasSuffix("/") { path.removeLast() }
        path += request.path.hasPrefix("/") ? request.path : "/" + request.path
        let query = request.queryItems.map {
            SigningRequest.QueryItem(name: Self.percentEncoded($0.name), value: Self.percentEncoded($0.value))
        }
        let host = endpointURL.host.contains(":") ? "[\(endpointURL.host)]" : endpointURL.host
        let defaultPort = endpointURL.scheme == "https" ? 443 : 80
        let authority = endpointURL.port.map { $0 == defaultPort ? host : "\(host):\($0)" } ?? host
        var target = path
        if !query.isEmpty { target += "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
        url = "\(endpointURL.scheme)://\(authority)\(target)"
        var headers = [SigningRequest.Header(name: "Host", value: authority)]
        headers += request.headers.filter { !AWSHTTPHeaders.sameName($0.name, "Host") }
            .map { SigningRequest.Header(name: $0.name, value: $0.value) }
        signingRequest = SigningRequest(method: request.method, path: path, queryItems: query, headers: headers, body: request.body)
    }

    /// The request signed for one attempt, ready for the transport.
    func signed(by signer: SigV4Signer, credentials: AWSCredentials, date: SigningDate) -> HTTPTransportRequest {
        let signed = signer.sign(signingRequest, credentials: credentials, date: date)
        guard case .bytes(let body) = signed.payload else { preconditionFailure("the client always signs bytes") }
        return HTTPTransportRequest(
            method: signed.method, url: url, headers: AWSHTTPHeaders(signed.headers.map { ($0.name, $0.value) }),
            body: body)
    }

    /// RFC 3986 percent-encoding of everything but unreserved characters, as SigV4 canonicalises query items.
    static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
