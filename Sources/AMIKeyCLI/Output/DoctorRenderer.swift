import AMIKeyWorkflows

/// Renders `amikey doctor`: a short report for people (what we found, why, fix it) in English or Japanese, or
/// DESIGN.md's JSON object.
enum DoctorRenderer {
    static func json(_ diagnosis: Diagnosis, language: ReportLanguage) -> JSONValue {
        let evidence = diagnosis.evidence
        return .object([
            ("verdict", .string(diagnosis.verdict.rawValue)),
            ("findings", .array(diagnosis.findings.map { finding in
                .object([
                    ("code", .string(finding.code.rawValue)),
                    ("severity", .string(finding.severity.rawValue)),
                    ("summary", .string(finding.summary[language])),
                    ("evidence", .array(finding.evidence.map { .string($0[language]) })),
                    ("remedies", .array(finding.remedies.map { remedy in
                        .object([("title", .string(remedy.title[language])), ("commands", .array(remedy.commands.map(JSONValue.string)))])
                    })),
                ])
            })),
            ("acceptedKeys", .array(diagnosis.acceptedKeys.map { key in
                .object([
                    ("user", .string(key.user)),
                    ("fingerprint", .string(key.fingerprint)),
                    ("type", .string(key.type)),
                    ("comment", .optional(key.comment)),
                    ("seenBy", .array(key.seenBy.map { .string($0.rawValue) })),
                    ("matches", .array(key.matches.map(json))),
                ])
            })),
            ("loginUser", diagnosis.loginUser.map { user in
                .object([("name", .string(user.name)), ("basis", .string(user.basis[language]))])
            } ?? .null),
            ("instance", evidence.instance.map { instance in
                .object([
                    ("instanceId", .string(instance.instanceId)),
                    ("state", .optional(instance.state)),
                    ("keyName", .optional(instance.keyName)),
                    ("imageId", .optional(instance.imageId)),
                    ("publicIp", .optional(instance.publicIp)),
                    ("publicDns", .optional(instance.publicDns)),
                    ("httpTokens", .optional(instance.httpTokens)),
                    ("httpEndpoint", .optional(instance.httpEndpoint)),
                ])
            } ?? .null),
            ("image", evidence.image.map { image in
                .object([
                    ("imageId", .string(image.imageId)),
                    ("ownerId", .optional(image.ownerId)),
                    ("name", .optional(image.name)),
                    ("sourceInstanceId", .optional(image.sourceInstanceId)),
                    ("family", .optional(image.family)),
                    ("defaultUsers", .array(image.defaultUsers.map(JSONValue.string))),
                ])
            } ?? .null),
            ("callerAccount", .optional(evidence.callerAccount)),
            ("unchecked", .array(diagnosis.unchecked.map { .string($0[language]) })),
        ])
    }

    private static func json(_ match: KeyMatch) -> JSONValue {
        switch match {
        case .file(let path, let holdsPrivateKey):
            .object([("kind", .string("file")), ("source", .string(path)), ("privateKey", .bool(holdsPrivateKey))])
        case .keyPair(let name, let account):
            .object([("kind", .string("key-pair")), ("name", .string(name)), ("account", .optional(account))])
        }
    }

    static func text(_ diagnosis: Diagnosis, language: ReportLanguage, style: TextStyle) -> String {
        let words = Words(language)
        var lines: [String] = []
        let subject = diagnosis.evidence.instanceId ?? diagnosis.evidence.consoleSource ?? words.offline
        let mark = diagnosis.verdict == .ok ? style.good("✓") : style.warning("✗")
        lines.append("\(mark) \(style.bold(subject)): \(diagnosis.verdict.rawValue)")
        if let user = diagnosis.loginUser {
            lines.append(style.dim("  \(words.loginUser): \(user.name) (\(user.basis[language]))"))
        }
        for (index, finding) in diagnosis.findings.enumerated() {
            lines.append("")
            let label = finding.severity == .info ? "" : "[\(finding.code.rawValue)] "
            lines.append(style.bold("\(index + 1). \(label)\(finding.summary[language])"))
            if !finding.evidence.isEmpty {
                lines.append("   \(words.found):")
                lines += finding.evidence.map { "   - \($0[language])" }
            }
            if !finding.remedies.isEmpty {
                lines.append("   \(words.fix):")
                for remedy in finding.remedies {
                    lines.append("   * \(remedy.title[language])")
                    lines += remedy.commands.map { "       \($0)" }
                }
            }
        }
        if !diagnosis.unchecked.isEmpty {
            lines.append("")
            lines.append(style.dim("\(words.notChecked):"))
            lines += diagnosis.unchecked.map { style.dim("  - \($0[language])") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report's headings.
    private struct Words {
        let offline, loginUser, found, fix, notChecked: String

        init(_ language: ReportLanguage) {
            switch language {
            case .en:
                (offline, loginUser, found, fix, notChecked) = ("offline diagnosis", "login user", "What we found", "Fix it", "Could not check")
            case .ja:
                (offline, loginUser, found, fix, notChecked) = ("オフライン診断", "ログインユーザー", "見つかったこと", "対処方法", "確認できなかったこと")
            }
        }
    }
}
