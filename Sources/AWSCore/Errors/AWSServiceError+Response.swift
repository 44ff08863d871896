import Foundation

extension AWSServiceError {
    /// Reads the error in a non-2xx response, whatever shape the body has.
    ///
    /// The body is sniffed rather than trusted to match the service's protocol, because it often does
    /// not: moto answers SSM and KMS signature failures with an XML `<ErrorResponse>`, proxies and
    /// moto's unhandled exceptions send HTML, and EC2's `Content-Type` is `text/html` on moto's 401s.
    ///
    /// * JSON object (`{`): code from the `x-amzn-ErrorType` header, else `code`, else `__type`, cut
    ///   at `:` and after the last `#` (`aws.protocoltests#ValidationException:http://…` →
    ///   `ValidationException`; smithy-rs `sanitize_error_code`, botocore `BaseJSONParser._do_error_parse`);
    ///   message from `message` or `Message`.
    /// * XML with an `<Error>` element: the EC2 shape `<Response><Errors><Error>…</Errors><RequestID>`
    ///   (`EC2QueryParser._do_error_parse`) and the Query shape `<ErrorResponse><Error><Type/><Code/>
    ///   <Message/></Error><RequestId/>` (`QueryParser._do_error_parse`) alike.
    /// * Anything else (HTML, plain text, empty, unreadable): code `HTTP<status>`, a fixed message,
    ///   and the start of the body in `bodyExcerpt` (botocore `_do_generic_error_parse` does the same
    ///   with the bare status).
    ///
    /// The request id comes from the body when it has one, else from the `x-amzn-RequestId` or
    /// `x-amz-request-id` header.
    public init(response: AWSHTTPResponse, service: String) {
        let body = response.body
        let start = body.firstIndex { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
        let first = start.map { body[$0] }
        if first == UInt8(ascii: "{"), let error = Self.fromJSON(response, service: service) {
            self = error
        } else if first == UInt8(ascii: "<"), !Self.looksLikeHTML(body),
            let error = Self.fromXML(response, service: service)
        {
            self = error
        } else {
            self = Self.generic(response, service: service)
        }
    }

    /// How many bytes of an unreadable body are kept for `--debug`.
    static let excerptLimit = 512

    private static func fromJSON(_ response: AWSHTTPResponse, service: String) -> AWSServiceError? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)),
            let fields = object as? [String: Any]
        else { return nil }
        let rawCode = response.headers["x-amzn-ErrorType"] ?? fields["code"] as? String ?? fields["__type"] as? String
        let code = rawCode.map(sanitizeJSONErrorCode).flatMap { $0.isEmpty ? nil : $0 }
        let message = fields["message"] as? String ?? fields["Message"] as? String ?? ""
        return AWSServiceError(
            service: service, code: code ?? "HTTP\(response.statusCode)", message: message,
            statusCode: response.statusCode, requestID: response.headerRequestID)
    }

    /// `prefix#Name:suffix` → `Name`.
    static func sanitizeJSONErrorCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        return code.trimmingCharacters(in: .whitespaces)
    }

    private static func fromXML(_ response: AWSHTTPResponse, service: String) -> AWSServiceError? {
        guard let root = try? XMLNode(parsing: response.body) else { return nil }
        let errors = root.name == "Error" ? [root] : errorElements(in: root)
        guard let primary = errors.first, let code = primary["Code"]?.trimmedText, !code.isEmpty else { return nil }
        let bodyRequestID = (root["RequestID"] ?? root["RequestId"] ?? root.firstDescendant(named: "RequestId"))?
            .trimmedText
        return AWSServiceError(
            service: service, code: code, message: primary["Message"]?.text ?? "",
            statusCode: response.statusCode,
            requestID: bodyRequestID.flatMap { $0.isEmpty ? nil : $0 } ?? response.headerRequestID,
            faultType: primary["Type"]?.trimmedText,
            additionalErrors: errors.dropFirst().map {
                Detail(code: $0["Code"]?.trimmedText ?? "", message: $0["Message"]?.text ?? "")
            })
    }

    /// Every `<Error>` element, in order: `Response/Errors/Error`, `ErrorResponse/Error`, or moto's
    /// `ErrorResponse/Errors/Error`.
    private static func errorElements(in root: XMLNode) -> [XMLNode] {
        let direct = root.children(named: "Error")
        if !direct.isEmpty { return direct }
        return root.children(named: "Errors").flatMap { $0.children(named: "Error") }
    }

    private static func generic(_ response: AWSHTTPResponse, service: String) -> AWSServiceError {
        let text = String(decoding: response.body.prefix(excerptLimit), as: UTF8.self)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let contentType = response.headers["Content-Type"]?.lowercased() ?? ""
        let message: String
        if trimmed.isEmpty {
            message = "the service returned an empty error response"
        } else if looksLikeHTML(response.body) || (contentType.contains("html") && trimmed.hasPrefix("<")) {
            message = "the service returned an HTML error page"
        } else if !trimmed.hasPrefix("<"), !trimmed.hasPrefix("{"), !trimmed.contains("\n"), trimmed.count <= 200 {
            // A proxy's one-line "Service Unavailable" is worth showing as it is.
            message = "the service returned a plain-text error: \(trimmed)"
        } else {
            message = "the service returned an error response that is not an AWS error document"
        }
        return AWSServiceError(
            service: service, code: "HTTP\(response.statusCode)", message: message, statusCode: response.statusCode,
            requestID: response.headerRequestID, bodyExcerpt: trimmed.isEmpty ? nil : text)
    }

    /// `<!DOCTYPE html`, `<html`, `<head` or `<body` at the start, any case (botocore's
    /// `_is_generic_error_response` checks `<html>`; moto's pages start with `<!doctype html>`).
    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let start = body.firstIndex { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) } ?? body.endIndex
        let head = String(decoding: body[start...].prefix(16), as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<head", "<body"].contains { head.hasPrefix($0) }
    }
}
