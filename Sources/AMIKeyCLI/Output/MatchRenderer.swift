import AMIKeyWorkflows
import SSHKeys

/// Renders `amikey match`.
enum MatchRenderer {
    /// DESIGN.md's array, one object per fingerprint; an input that could not be read is in every answer's
    /// `unchecked` (the key sought may be in it), its reason saying why.
    static func json(_ report: MatchWorkflow.Report) -> JSONValue {
        let unreadable: [JSONValue] = report.unreadable.compactMap { item in
            guard case .failure(let error) = item.result else { return nil }
            return .object([("source", .string(item.source)), ("reason", .string("could not be read: \(error.message)"))])
        }
        return .array(report.answers.map { answer in
            var fields: [(String, JSONValue)] = [("fingerprint", .string(answer.fingerprint))]
            switch answer.query {
            case .failure(let error):
                fields.append(("error", FingerprintRenderer.errorObject(error.code.rawValue, error.message)))
            case .success(let query):
                fields.append(("kinds", .array(query.kinds.map { .string($0.rawValue) })))
                fields.append(("matches", .array(answer.matches.map { match in
                    .object([("source", .string(match.source)), ("kind", .string(match.kind.rawValue)),
                             ("type", .string(match.type)), ("comment", .optional(match.comment))])
                })))
                fields.append(("unchecked", .array(answer.unchecked.map { item in
                    .object([("source", .string(item.source)), ("reason", .string(item.reason))])
                } + unreadable)))
            }
            return .object(fields)
        })
    }

    static func text(_ report: MatchWorkflow.Report, style: TextStyle) -> String {
        var out = ""
        for answer in report.answers {
            out += style.bold(answer.fingerprint) + "\n"
            switch answer.query {
            case .failure(let error):
                out += "  " + style.warning("! ") + error.message + "\n"
            case .success(let query):
                out += "  could be: " + query.kinds.map(\.explanation).joined(separator: "\n            ") + "\n"
                if answer.matches.isEmpty {
                    out += "  " + style.warning("no key found") + " in " + report.searched.joined(separator: ", ") + "\n"
                }
                for match in answer.matches {
                    let comment = match.comment.map { " \"\($0)\"" } ?? ""
                    out += "  " + style.good("match") + "  \(match.source)  \(match.type)\(comment)  — \(match.kind.explanation)\n"
                }
                for item in answer.unchecked { out += "  not checked  \(item.source): \(item.reason)\n" }
            }
        }
        if !report.unreadable.isEmpty {
            out += "\nCould not read:\n" + report.unreadable.map { item in
                if case .failure(let error) = item.result { return "  \(item.source): \(error.message)" }
                return ""
            }.joined(separator: "\n") + "\n"
        }
        return out
    }
}
