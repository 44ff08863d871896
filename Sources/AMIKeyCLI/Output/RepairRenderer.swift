import AMIKeyWorkflows
import AWSCore

/// `amikey repair` as text or JSON, and its progress lines.
enum RepairRenderer {
    /// `{"instanceId", "method", "user", "userBasis", "key": {"type", "sha256", "source"}, "status":
    /// "installed|already-present|planned", "confirmation", "steps": [{"id", "summary", "state"}], "notes", "address",
    /// "region"}`.
    static func json(_ report: RepairReport) -> JSONValue {
        .object([
            ("instanceId", .string(report.instanceId)),
            ("method", .string(report.method.rawValue)),
            ("user", .string(report.user)),
            ("userBasis", .string(report.userBasis)),
            ("key", .object([
                ("type", .string(report.publicKey.algorithm)),
                ("sha256", .string(report.publicKey.sha256Fingerprint)),
                ("source", .string(report.keySource)),
            ])),
            ("status", .string(report.status.rawValue)),
            ("confirmation", .optional(report.confirmation)),
            ("steps", .array(report.steps.map { step in
                .object([("id", .string(step.id)), ("summary", .string(step.summary)), ("state", .string(step.state.rawValue))])
            })),
            ("notes", .array(report.notes.map(JSONValue.string))),
            ("address", .optional(report.address)),
            ("region", .string(report.region)),
        ])
    }

    /// What was done, step by step, then the outcome and how to log in.
    static func text(_ report: RepairReport, style: TextStyle) -> String {
        var lines = [
            "Instance  \(report.instanceId) (\(report.region))",
            "Key       \(report.publicKey.sha256Fingerprint) (\(report.keySource))",
            "User      \(report.user) — \(report.userBasis)",
            "Method    \(report.method.rawValue)",
            "",
        ]
        for (index, step) in report.steps.enumerated() {
            let mark = switch step.state {
            case .done: "done"
            case .resumed: "resumed"
            case .planned: "plan"
            case .skipped: "skipped"
            }
            lines.append("\(index + 1). [\(mark)] \(step.summary)")
        }
        lines.append("")
        switch report.status {
        case .planned:
            lines.append(style.dim("Plan only: nothing was changed. Run again without --plan to do it."))
        case .installed:
            lines.append(style.bold("The key is installed for \(report.user) on \(report.instanceId); every key that was there is kept."))
        case .alreadyPresent:
            lines.append(style.bold("The key was already installed for \(report.user) on \(report.instanceId); nothing was changed."))
        }
        if let confirmation = report.confirmation { lines.append("Confirmed: \(confirmation)") }
        lines += report.notes
        if report.status != .planned, let address = report.address {
            // A key given as a file names its private half; a key pair's private key is wherever the user keeps it.
            let file = report.keySource.hasPrefix("key pair ") ? "PRIVATE_KEY_FILE"
                : report.keySource.hasSuffix(".pub") ? String(report.keySource.dropLast(4)) : report.keySource
            lines.append("Log in: ssh -i \(file) \(report.user)@\(address)   (PuTTY: the .ppk of this key, user \(report.user))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line per step and per poll: `stopped i-… ` / `waiting: InstanceStopped stopping (2/40, 15s)`.
    static func progress(_ event: RepairProgress) -> String {
        switch event {
        case .step(let step):
            "\(step.state == .resumed ? "resumed" : "done"): \(step.summary)\n"
        case .waiting(let poll):
            "waiting (\(poll.waiter)): \(poll.observedState) (\(poll.attempt)/\(poll.maxAttempts), \(poll.elapsed.components.seconds)s)\n"
        }
    }
}
