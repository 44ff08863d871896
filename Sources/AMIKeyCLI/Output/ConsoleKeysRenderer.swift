import EC2Evidence

/// Renders `amikey console-keys`: a report for people, or DESIGN.md's JSON object.
enum ConsoleKeysRenderer {
    static func json(_ evidence: ConsoleEvidence) -> JSONValue {
        .object([
            ("authorizedKeys", .array(evidence.authorizedKeys.map { table in
                .object([
                    ("user", .string(table.user)),
                    ("file", .optional(table.file)),
                    ("hash", .optional(table.hash)),
                    ("keys", .array(table.rows.map { row in
                        .object([
                            ("type", .string(row.type)),
                            ("fingerprint", .string(row.fingerprint)),
                            ("options", .optional(row.options)),
                            ("comment", .optional(row.comment)),
                        ])
                    })),
                ])
            })),
            ("hostKeys", .array(evidence.hostKeys.map { key in
                .object([
                    ("type", .string(key.type)),
                    ("bits", .number(key.bits)),
                    ("fingerprint", .string(key.fingerprint)),
                    ("comment", .string(key.comment)),
                ])
            })),
            ("hostPublicKeys", .array(evidence.hostPublicKeys.map(JSONValue.string))),
            ("cloudInit", evidence.cloudInit.map { facts in
                .object([("version", .string(facts.version)), ("datasource", .optional(facts.datasource))])
            } ?? .null),
        ])
    }

    /// The notes, one `amikey: SOURCE:LINE: …` line each, for standard error beside JSON.
    static func notes(_ evidence: ConsoleEvidence, source: String) -> String {
        evidence.notes.map { "amikey: \(source):\($0.line): \($0.message)\n" }.joined()
    }

    static func text(_ evidence: ConsoleEvidence, source: String, style: TextStyle) -> String {
        var lines: [String] = []
        let boots = evidence.boots > 1 ? " of \(evidence.boots)" : ""
        if let facts = evidence.cloudInit {
            lines.append("\(style.bold(source)): cloud-init \(facts.version), datasource \(facts.datasource ?? "unknown") (boot \(facts.boot)\(boots))")
        } else {
            lines.append("\(style.bold(source)): \(evidence.boots) boot\(evidence.boots == 1 ? "" : "s"), no cloud-init banner")
        }
        if !evidence.hasCloudInitEvidence {
            lines.append(style.warning("! ") + "no cloud-init evidence: no authorized-keys table, host-key block or cloud-init banner. Either cloud-init does not run on this image, or its output is no longer in the log (EC2 keeps the last 64 KB).")
        }
        for table in evidence.authorizedKeys {
            lines.append("")
            let cut = table.isComplete ? "" : ", cut"
            guard let file = table.file else {
                lines.append(style.bold("User \(table.user)") + ": no authorized keys (boot \(table.boot)\(boots), line \(table.line))")
                continue
            }
            lines.append(style.bold("User \(table.user)") + "  " + style.dim("(\(file), \(table.hash ?? "unknown hash"), boot \(table.boot)\(boots), line \(table.line)\(cut))"))
            let typeWidth = table.rows.map(\.type.count).max() ?? 0
            for row in table.rows {
                lines.append("  " + row.type.padding(typeWidth) + "  " + row.fingerprint + "  " + (row.comment ?? "-"))
                if let options = row.options { lines.append("  " + "".padding(typeWidth) + "  options: " + options) }
            }
            if table.rows.isEmpty { lines.append("  (no rows)") }
        }
        if !evidence.hostKeys.isEmpty || !evidence.hostPublicKeys.isEmpty {
            lines.append("")
            lines.append(style.bold("Host keys") + "  " + style.dim("(boot \(evidence.hostKeysBoot ?? 0)\(boots); pin these before trusting the host)"))
            lines += evidence.hostKeys.map { "  \($0.bits) \($0.type)  \($0.fingerprint)  \($0.comment)" }
            lines += evidence.hostPublicKeys.map { "  " + $0 }
        }
        if !evidence.latestBootFailures.isEmpty {
            lines.append("")
            lines.append(style.bold("Boot problems") + "  " + style.dim("(boot \(evidence.boots)\(boots); sshd may not be running: amikey doctor says what to do)"))
            lines += evidence.latestBootFailures.map { "  " + style.warning("! ") + "line \($0.line): \($0.text)" }
        }
        if !evidence.notes.isEmpty {
            lines.append("")
            lines.append(style.bold("Notes"))
            lines += evidence.notes.map { "  " + style.warning("! ") + "line \($0.line): \($0.message)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
