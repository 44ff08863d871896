import AMIKeyWorkflows
import SSHKeys

/// `amikey import-key` as text or JSON: what was imported on standard output, warnings and failures on standard
/// error (JSON carries both in the one array).
enum ImportKeyRenderer {
    static func render(_ report: ImportKeyReport, format: OutputOptions.Format, to sink: any OutputSink) {
        switch format {
        case .json:
            sink.write(json(report).serialized() + "\n")
            for item in report.items { for warning in item.warnings { sink.writeError("amikey: warning: \(item.keyName): \(warning)\n") } }
        case .text:
            for item in report.items {
                for warning in item.warnings { sink.writeError("amikey: warning: \(item.keyName): \(warning)\n") }
                if item.outcome.status != nil {
                    sink.write(success(item))
                } else {
                    sink.writeError(failure(item))
                }
            }
        }
    }

    /// DESIGN.md: an array, one `{"keyName", "keyPairId", "fingerprint", "status"}` per key pair, plus `source`,
    /// `sha256` and `warnings`; a key not imported has `"status": "failed"` and `"error": {"code", "message", …}`.
    static func json(_ report: ImportKeyReport) -> JSONValue {
        .array(report.items.map { item in
            var fields: [(String, JSONValue)] = [
                ("keyName", .string(item.keyName)),
                ("keyPairId", .optional(item.outcome.keyPairId)),
                ("fingerprint", .optional(item.outcome.fingerprint)),
                ("status", .string(item.outcome.status ?? "failed")),
                ("source", .string(item.source)),
                ("sha256", .optional(item.publicKey?.sha256Fingerprint)),
                ("warnings", .array(item.warnings.map(JSONValue.string))),
            ]
            switch item.outcome {
            case .refused(let refusal):
                fields.append(("error", .object([
                    ("code", .string(refusal.code)), ("message", .string(refusal.reason)),
                    ("alternative", .string(refusal.alternative)),
                ])))
            case .conflict(let conflict):
                fields.append(("error", .object([
                    ("code", .string("key-pair-conflict")), ("message", .string(conflict.message)),
                    ("existingFingerprint", .optional(conflict.existingFingerprint)),
                    ("existingSha256", .optional(conflict.existingSHA256)),
                    ("requestedFingerprint", .optional(conflict.requestedFingerprint)),
                    ("requestedSha256", .string(conflict.requestedSHA256)),
                    ("suggestedName", .string(conflict.suggestedName)),
                ])))
            case .failed(let code, let message):
                fields.append(("error", .object([("code", .string(code)), ("message", .string(message))])))
            case .imported, .alreadyPresent, .wouldImport:
                break
            }
            return .object(fields)
        })
    }

    /// "ED25519 256, SHA256:…".
    private static func describe(_ key: SSHPublicKey?) -> String {
        guard let key else { return "" }
        return "\(key.shortTypeName) \(key.bits.map(String.init) ?? "?"), \(key.sha256Fingerprint)"
    }

    private static func success(_ item: ImportKeyReport.Item) -> String {
        let fingerprint = item.outcome.fingerprint ?? "unknown"
        switch item.outcome {
        case .imported(let id, _):
            return "\(item.keyName): imported as \(id ?? "a key pair") (\(describe(item.publicKey)); EC2 fingerprint \(fingerprint)) from \(item.source)\n"
        case .alreadyPresent(let id, _):
            return "\(item.keyName): already present as \(id ?? "a key pair") with this key (\(describe(item.publicKey)); EC2 fingerprint \(fingerprint)); nothing was changed\n"
        case .wouldImport:
            return "\(item.keyName): would be imported (dry run: EC2 permits it; \(describe(item.publicKey)); EC2 fingerprint will be \(fingerprint)) from \(item.source)\n"
        case .refused, .conflict, .failed:
            return ""
        }
    }

    private static func failure(_ item: ImportKeyReport.Item) -> String {
        switch item.outcome {
        case .refused(let refusal):
            return "amikey: \(item.keyName): not imported (\(item.source)): \(refusal.reason)\n  instead: \(refusal.alternative)\n"
        case .conflict(let conflict):
            return """
                amikey: \(item.keyName): not imported: \(conflict.message)
                  existing key pair: EC2 fingerprint \(conflict.existingFingerprint ?? "unknown")\(conflict.existingSHA256.map { ", \($0)" } ?? "")
                  this key (\(item.source)): EC2 fingerprint \(conflict.requestedFingerprint ?? "unknown"), \(conflict.requestedSHA256)
                  to import this key as well, give it a free name: --name \(conflict.suggestedName)

                """
        case .failed(_, let message):
            return "amikey: \(item.keyName): not imported (\(item.source)): \(message)\n"
        case .imported, .alreadyPresent, .wouldImport:
            return ""
        }
    }
}
