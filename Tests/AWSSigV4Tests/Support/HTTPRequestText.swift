import AWSSigV4

/// Reads and writes the suite's HTTP/1.1 request text (`.req`, `.sreq`).
///
/// `METHOD SP request-target SP HTTP/1.1`, header lines `Name:value`, continuation lines (starting with a
/// space or tab) that fold a value over several lines, an empty line, the body. Files carry no trailing
/// newline; `\r` is dropped first, as botocore's `test_sigv4.py` does. Everything is kept verbatim so a
/// request renders back to the same bytes: the target's spelling, header case, the space some values
/// start with, and folded values (stored with their line breaks, which the signer collapses).
enum HTTPRequestText {
    /// Why a request text could not be read.
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses one request.
    static func parse(_ text: String) throws -> SigningRequest {
        let unixText = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\r" }))
        let lines = unixText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let requestLine = lines.first,
            let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.lastIndex(of: " "),
            firstSpace < lastSpace, requestLine[requestLine.index(after: lastSpace)...] == "HTTP/1.1"
        else { throw Malformed(description: "bad request line: \(lines.first ?? "")") }
        // The target may hold spaces (normalize-path/get-space), so it is everything between the first and last.
        let method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<lastSpace]
        let path: Substring
        var queryItems: [SigningRequest.QueryItem] = []
        if let question = target.firstIndex(of: "?") {
            path = target[..<question]
            let query = target[target.index(after: question)...]
            if !query.isEmpty {
                queryItems = query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
                    guard let equals = pair.firstIndex(of: "=") else { return .init(name: String(pair), value: "") }
                    return .init(name: String(pair[..<equals]), value: String(pair[pair.index(after: equals)...]))
                }
            }
        } else {
            path = target
        }

        var headers: [SigningRequest.Header] = []
        var index = 1
        while index < lines.count, !lines[index].isEmpty {
            let line = lines[index]
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw Malformed(description: "continuation before any header") }
                headers[headers.count - 1].value += "\n" + line
            } else {
                guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                    throw Malformed(description: "bad header line: \(line)")
                }
                headers.append(.init(name: String(line[..<colon]), value: String(line[line.index(after: colon)...])))
            }
            index += 1
        }
        let body = index < lines.count ? lines[(index + 1)...].joined(separator: "\n") : ""
        return SigningRequest(
            method: method, path: String(path), queryItems: queryItems, headers: headers, body: Array(body.utf8))
    }

    /// Writes a request the way the suite's `.sreq` files do.
    ///
    /// Suite quirk: every header line is `Name:value` verbatim except the `Authorization` line the signer
    /// adds, which the suite writes `Authorization: value` (with one space), while the
    /// `X-Amz-Security-Token` line it adds is written without one.
    static func render(_ request: SigningRequest) -> String {
        var target = request.path
        if !request.queryItems.isEmpty {
            target += "?" + request.queryItems.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        }
        var lines = ["\(request.method) \(target) HTTP/1.1"]
        for header in request.headers {
            lines.append(
                header.name == "Authorization" ? "Authorization: \(header.value)" : "\(header.name):\(header.value)")
        }
        var text = lines.joined(separator: "\n")
        switch request.payload {
        case .bytes(let body) where !body.isEmpty: text += "\n\n" + String(decoding: body, as: UTF8.self)
        case .bytes: break
        case .precomputedHash: break
        }
        return text
    }
}
