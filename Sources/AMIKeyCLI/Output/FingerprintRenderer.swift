import AMIKeyWorkflows
import SSHKeys

/// Renders `amikey fingerprint` for people (what ssh-keygen, PuTTYgen and the EC2 console each show) or as JSON.
enum FingerprintRenderer {
    static func json(_ report: FingerprintWorkflow.Report) -> JSONValue {
        .array(report.items.map { item in
            switch item.result {
            case .failure(let error):
                return .object([("source", .string(item.source)), ("error", errorObject(error.code, error.message))])
            case .success(let key):
                let entry = key.entry
                let prints = key.fingerprints
                return .object([
                    ("source", .string(item.source)),
                    ("format", .string(entry.format.rawValue)),
                    ("encrypted", .bool(entry.isEncrypted)),
                    ("type", .string(entry.publicKey.algorithm)),
                    ("bits", entry.publicKey.bits.map(JSONValue.number) ?? .null),
                    ("comment", .optional(entry.comment)),
                    ("publicKey", .string(entry.opensshPublicLine)),
                    ("fingerprints", .object([
                        ("sha256", .string(prints.sha256)),
                        ("md5", .string(prints.md5)),
                        ("cloudInitSha256", .string(prints.cloudInitSha256)),
                        ("awsImported", .optional(prints.awsImported)),
                        ("awsCreated", .optional(prints.awsCreated)),
                        ("putty", .string(prints.putty)),
                    ])),
                    ("importable", .bool(key.importable)),
                    ("problems", .array(key.problems.map(JSONValue.string))),
                ])
            }
        })
    }

    static func errorObject(_ code: String, _ message: String) -> JSONValue {
        .object([("code", .string(code)), ("message", .string(message))])
    }

    static func text(_ report: FingerprintWorkflow.Report, style: TextStyle) -> (out: String, err: String) {
        var out = ""
        var err = ""
        for item in report.items {
            switch item.result {
            case .failure(let error):
                err += "amikey: \(item.source): \(error.message)\n"
            case .success(let key):
                out += block(item.source, key, style) + "\n"
            }
        }
        return (out, err)
    }

    private static func block(_ source: String, _ key: FingerprintWorkflow.Key, _ style: TextStyle) -> String {
        let entry = key.entry
        let prints = key.fingerprints
        var lines = [style.bold(source) + "  " + style.dim("(\(entry.format.displayName)\(entry.isEncrypted ? ", encrypted" : ""))")]
        var rows: [(String, String)] = [
            ("ssh-keygen -l", entry.publicKey.sshKeygenLine(comment: entry.comment)),
            ("PuTTYgen", prints.putty),
            ("MD5", "\(prints.md5)   (PuTTY 0.74 and older: \(prints.puttyMD5))"),
        ]
        if let imported = prints.awsImported { rows.append(("EC2, imported", imported)) }
        if let created = prints.awsCreated, created != prints.awsImported { rows.append(("EC2, created by AWS", created)) }
        rows.append(("cloud-init log", prints.cloudInitSha256))
        if !entry.options.isEmpty { rows.append(("options", entry.options.map(\.description).joined(separator: ","))) }
        rows.append(("EC2 key pair", key.importable ? "can be imported" : "cannot be imported"))
        let width = rows.map(\.0.count).max() ?? 0
        lines += rows.map { "  " + $0.0.padding(width) + "  " + $0.1 }
        lines += key.problems.map { "  " + style.warning("! ") + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Left-aligned in a column of `width` characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
