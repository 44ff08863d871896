import AMIKeyWorkflows

/// A failed AWS command: the message on standard error, or `{"error": {"code", "message", "requestId"}}` for JSON.
enum AWSFailureRenderer {
    static func render(_ failure: AWSFailure, format: OutputOptions.Format, to sink: any OutputSink) {
        switch format {
        case .json:
            var fields: [(String, JSONValue)] = [("code", .string(failure.code)), ("message", .string(failure.message))]
            if let requestID = failure.requestID { fields.append(("requestId", .string(requestID))) }
            sink.write(JSONValue.object([("error", .object(fields))]).serialized() + "\n")
        case .text:
            sink.writeError("amikey: \(failure.message)\n")
        }
    }
}
