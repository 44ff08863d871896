import Foundation
import AMIKeyWorkflows

/// `amikey lab …` as text or JSON.
enum LabRenderer {
    /// `lab up`: shell lines only on standard output (comments and exports), so `eval "$(amikey lab up)"` works;
    /// JSON: `{"dir", "pid", "endpoint", "region", "sshConfig", "alreadyRunning", "accounts", "environment"}`.
    static func render(_ report: LabUpReport, format: OutputOptions.Format, to sink: any OutputSink) {
        let info = report.info
        switch format {
        case .json:
            sink.write(JSONValue.object([
                ("dir", .string(info.dir)), ("pid", .number(Int(info.pid))), ("endpoint", .string(info.endpoint)),
                ("region", .string(info.region)), ("sshConfig", .string(info.sshConfig)),
                ("alreadyRunning", .bool(report.alreadyRunning)), ("accounts", accounts(info)),
                ("environment", .object(report.exports.map { ($0.name, .string($0.value)) })),
            ]).serialized() + "\n")
        case .text:
            let verb = report.alreadyRunning ? "already running" : "started"
            var lines = ["# amikey lab \(verb) in \(info.dir) (pid \(info.pid)); ssh -F \(info.sshConfig) reaches its instances"]
            lines += report.exports.map { "export \($0.name)=\(shellQuoted($0.value))" }
            if let role = info.accounts.b.roleArn {
                lines.append("# account B (\(info.accounts.b.accountId)): aws sts assume-role --role-arn \(role) --role-session-name me")
            }
            sink.write(lines.joined(separator: "\n") + "\n")
        }
    }

    /// `lab status`: JSON `{"lab": {…}, "answering", "instances": [{…}]}`.
    static func render(_ report: LabStatusReport, format: OutputOptions.Format, to sink: any OutputSink) {
        let info = report.info
        switch format {
        case .json:
            sink.write(JSONValue.object([
                ("lab", .object([
                    ("dir", .string(info.dir)), ("pid", .number(Int(info.pid))), ("endpoint", .string(info.endpoint)),
                    ("region", .string(info.region)), ("sshConfig", .string(info.sshConfig)),
                    ("cloudInitVersion", .string(info.cloudInitVersion)), ("accounts", accounts(info)),
                ])),
                ("answering", .bool(report.answering)),
                ("instances", .array(report.instances.map { instance in
                    .object([
                        ("instanceId", .string(instance.instanceId)), ("account", .string(instance.account)),
                        ("state", .string(instance.state)), ("imageId", .string(instance.imageId)),
                        ("keyName", .optional(instance.keyName)), ("publicIp", .optional(instance.publicIp)),
                        ("port", .number(instance.port)), ("sshdPid", instance.sshdPid.map { .number(Int($0)) } ?? .null),
                        ("loginUser", .string(instance.loginUser)),
                    ])
                })),
            ]).serialized() + "\n")
        case .text:
            let answer = report.answering ? "answering" : "NOT answering (see \(info.dir)/lab.log)"
            var lines = [
                "Lab in \(info.dir): pid \(info.pid), \(info.endpoint) \(answer), region \(info.region), cloud-init \(info.cloudInitVersion)",
                "Accounts: A \(info.accounts.a.accountId), B \(info.accounts.b.accountId) via \(info.accounts.b.roleArn ?? "AssumeRole")",
            ]
            lines.append(report.instances.isEmpty ? "No instances." : "Instances (ssh -F \(info.sshConfig) USER@PUBLIC-IP):")
            for instance in report.instances {
                lines.append("  \(instance.instanceId)  \(instance.account)  \(instance.state.padding(toLength: 10, withPad: " ", startingAt: 0))"
                    + "  \(instance.publicIp ?? "-")  key \(instance.keyName ?? "-")  \(instance.imageId)  \(instance.loginUser)")
            }
            sink.write(lines.joined(separator: "\n") + "\n")
        }
    }

    /// `lab down`: JSON `{"dir", "stopped", "pid", "sshdPids"}`.
    static func render(_ report: LabDownReport, format: OutputOptions.Format, to sink: any OutputSink) {
        switch format {
        case .json:
            sink.write(JSONValue.object([
                ("dir", .string(report.directory)), ("stopped", .bool(report.stopped != nil)),
                ("pid", report.stopped.map { .number(Int($0.pid)) } ?? .null),
                ("sshdPids", .array((report.stopped?.sshdPids ?? []).map { .number(Int($0)) })),
            ]).serialized() + "\n")
        case .text:
            guard let stopped = report.stopped else {
                sink.write("No lab was running in \(report.directory).\n")
                return
            }
            sink.write("Stopped the lab in \(report.directory) (pid \(stopped.pid)) and its \(stopped.sshdPids.count) running instance(s).\n")
        }
    }

    /// One demo step as it happens: `[A] summary`, then its lines indented.
    static func renderText(_ step: LabDemoStep, to sink: any OutputSink) {
        let who = step.account.map { "[\($0)]" } ?? "   "
        sink.write(([ "\(who) \(step.summary)" ] + step.lines.map { "      \($0)" }).joined(separator: "\n") + "\n")
    }

    /// The demo as JSON: `{"steps": [{"step", "account", "summary", "resources": {…}, "lines": […]}]}`.
    static func render(_ report: LabDemoReport, to sink: any OutputSink) {
        sink.write(JSONValue.object([
            ("steps", .array(report.steps.map { step in
                .object([
                    ("step", .string(step.id)), ("account", .optional(step.account)), ("summary", .string(step.summary)),
                    ("resources", .object(step.resources.map { ($0.name, .string($0.value)) })),
                    ("lines", .array(step.lines.map(JSONValue.string))),
                ])
            })),
        ]).serialized() + "\n")
    }

    /// A lab failure: `amikey: message` on standard error, or `{"error": {"code", "message"}}`.
    static func render(_ failure: LabFailure, format: OutputOptions.Format, to sink: any OutputSink) {
        switch format {
        case .json:
            sink.write(JSONValue.object([("error", .object([("code", .string(failure.code)), ("message", .string(failure.message))]))]).serialized() + "\n")
        case .text:
            sink.writeError("amikey: \(failure.message)\n")
        }
    }

    private static func accounts(_ info: LabInfo) -> JSONValue {
        .object([
            ("A", .object([("accountId", .string(info.accounts.a.accountId))])),
            ("B", .object([("accountId", .string(info.accounts.b.accountId)), ("roleArn", .optional(info.accounts.b.roleArn))])),
        ])
    }

    /// The value as a POSIX shell word: unchanged when safe, else single-quoted.
    static func shellQuoted(_ value: String) -> String {
        let safe = value.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0) }
        return safe && !value.isEmpty ? value : "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
