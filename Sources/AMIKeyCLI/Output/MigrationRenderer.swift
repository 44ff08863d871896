import AMIKeyWorkflows

/// `amikey migrate` as text or JSON, and its progress lines.
enum MigrationRenderer {
    /// `{"sourceAccount", "targetAccount", "region", "instances": [{"instanceId", "status", "steps", "imageId",
    /// "snapshotIds", "keyName", "keyPairImported", "targetInstanceId", "verification", "bakedKeys", "error"}],
    /// "created": {"source": [...], "target": [...]}}`.
    static func json(_ report: MigrationReport) -> JSONValue {
        .object([
            ("sourceAccount", .string(report.sourceAccount)),
            ("targetAccount", .string(report.targetAccount)),
            ("region", .string(report.region)),
            ("targetRegion", .string(report.targetRegion)),
            ("instances", .array(report.items.map(item))),
            ("created", .object([
                ("source", .array(created(report).source.map(JSONValue.string))),
                ("target", .array(created(report).target.map(JSONValue.string))),
            ])),
        ])
    }

    private static func item(_ item: MigrationReport.Item) -> JSONValue {
        .object([
            ("instanceId", .string(item.instanceId)),
            ("status", .string(item.status)),
            ("steps", .array(item.steps.map { step in
                .object([("id", .string(step.id)), ("summary", .string(step.summary)), ("state", .string(step.state.rawValue))])
            })),
            ("imageId", .optional(item.imageId)),
            ("snapshotIds", .array(item.snapshotIds.map(JSONValue.string))),
            ("reencryptedImageId", .optional(item.reencryptedImageId)),
            ("copiedImageId", .optional(item.copiedImageId)),
            ("keyName", .optional(item.keyName)),
            ("keyPairImported", item.keyPairImported.map(JSONValue.bool) ?? .null),
            ("targetInstanceId", .optional(item.targetInstanceId)),
            ("targetAddress", .optional(item.targetAddress)),
            ("verification", .optional(item.verification)),
            ("bakedKeys", .array(item.bakedKeys.map(JSONValue.string))),
            ("liveKeys", item.liveKeys.map { .array($0.map(JSONValue.string)) } ?? .null),
            ("error", item.failure.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) } ?? .null),
        ])
    }

    /// What exists because of this migration, per account: images and snapshots in A; key pairs and instances in B.
    static func created(_ report: MigrationReport) -> (source: [String], target: [String]) {
        var source: [String] = []
        var target: [String] = []
        for item in report.items {
            if let image = item.imageId {
                source.append("\(image) (image of \(item.instanceId)\(item.reencryptedImageId == nil ? ", shared with \(report.targetAccount)" : ""))")
            }
            if let copy = item.reencryptedImageId { source.append("\(copy) (its re-encrypted copy, shared with \(report.targetAccount))") }
            source += item.snapshotIds.map { "\($0) (snapshot of that image)" }
            if let copy = item.copiedImageId { target.append("\(copy) (B's copy of \(item.imageId ?? "the image"), in \(report.targetRegion))") }
            if let key = item.keyName, item.keyPairImported == true { target.append("key pair \(key) (\(report.targetRegion))") }
            if let instance = item.targetInstanceId { target.append("\(instance) (from \(item.instanceId))") }
        }
        return (source, target)
    }

    /// Per instance its steps, then what was created in each account.
    static func text(_ report: MigrationReport, style: TextStyle) -> String {
        let regions = report.region == report.targetRegion ? report.region : "\(report.region) → \(report.targetRegion)"
        var lines = ["Source account \(report.sourceAccount) → target account \(report.targetAccount), \(regions)", ""]
        for item in report.items {
            lines.append(style.bold("\(item.instanceId): \(item.status)"))
            for (index, step) in item.steps.enumerated() {
                lines.append("  \(index + 1). [\(step.state == .resumed ? (item.status == "planned" ? "done" : "earlier") : step.state.rawValue)] \(step.summary)")
            }
            if let failure = item.failure { lines.append("  amikey: \(failure.message)") }
            if !item.bakedKeys.isEmpty {
                lines.append("  Keys inside the image (they travel with it): " + item.bakedKeys.joined(separator: "; "))
            }
            if let live = item.liveKeys {
                lines.append("  The source's live authorized_keys (also in the image): " + (live.isEmpty ? "empty" : live.joined(separator: "; ")))
            }
            lines.append("")
        }
        let (source, target) = created(report)
        if report.items.allSatisfy({ $0.status == "planned" }) {
            lines.append(style.dim("Plan only: nothing was changed. Run again without --plan to migrate."))
        } else if report.items.allSatisfy({ $0.status == "dry-run" || $0.status == "failed" }), report.items.contains(where: { $0.status == "dry-run" }) {
            lines.append(style.dim("Dry run: nothing was changed."))
        } else {
            lines.append("Created in \(report.sourceAccount): " + (source.isEmpty ? "nothing" : source.joined(separator: ", ")))
            lines.append("Created in \(report.targetAccount): " + (target.isEmpty ? "nothing" : target.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `i-…: done: …` / `i-…: waiting (ImageAvailable): pending (2/40, 15s)`.
    static func progress(_ event: MigrationProgress) -> String {
        switch event {
        case .step(let id, let step):
            "\(id): \(step.state == .resumed ? "resumed" : step.state.rawValue): \(step.summary)\n"
        case .waiting(let id, let poll):
            "\(id): waiting (\(poll.waiter)): \(poll.observedState) (\(poll.attempt)/\(poll.maxAttempts), \(poll.elapsed.components.seconds)s)\n"
        }
    }
}
