import AMIKeyWorkflows

/// Renders `amikey convert`.
enum ConvertRenderer {
    static func render(_ result: ConvertWorkflow.Result, format: OutputOptions.Format, to sink: any OutputSink) {
        switch format {
        case .json:
            sink.write(JSONValue.object([
                ("source", .string(result.source)), ("to", .string(result.target.rawValue)),
                ("output", .optional(result.output)), ("encrypted", .bool(result.encrypted)),
                ("text", .optional(result.output == nil ? result.text : nil)),
                ("warnings", .array(result.warnings.map(JSONValue.string))),
            ]).serialized() + "\n")
        case .text:
            if let output = result.output {
                let protection = result.encrypted ? ", encrypted" : ""
                sink.writeError("wrote \(output) (\(result.target.rawValue)\(protection))\n")
            } else if let text = result.text {
                sink.write(text)
            }
            for warning in result.warnings { sink.writeError("note: \(warning)\n") }
        }
    }

    /// The error object every command uses (DESIGN.md): `{"source", "error": {"code", "message"}}`.
    static func render(_ failure: ConvertWorkflow.Failure, source: String, format: OutputOptions.Format, to sink: any OutputSink) {
        switch format {
        case .json:
            sink.write(JSONValue.object([
                ("source", .string(source)), ("error", FingerprintRenderer.errorObject(failure.code, failure.message)),
            ]).serialized() + "\n")
        case .text:
            sink.writeError("amikey: \(failure.message)\n")
        }
    }
}
