import AMIKeyWorkflows
import AWSCore
import AWSServices

/// `amikey relaunch` as text or JSON, and its progress lines.
enum RelaunchRenderer {
    /// `{"sourceInstanceId", "instanceId", "imageId", "keyName", "carriedOver": {…}, "status": "launched|planned",
    /// "clientToken", "region", "droppedTags"}`; `instanceId` is null for a plan.
    static func json(_ report: RelaunchReport) -> JSONValue {
        let plan = report.plan
        return .object([
            ("sourceInstanceId", .string(plan.sourceInstanceId)),
            ("instanceId", .optional(report.instance?.instanceId)),
            ("imageId", .string(plan.imageId)),
            ("keyName", .string(plan.keyName)),
            ("carriedOver", carriedOver(plan)),
            ("status", .string(report.status.rawValue)),
            ("clientToken", .string(plan.clientToken)),
            ("region", .string(report.region)),
            ("droppedTags", .array(report.droppedTags.map(JSONValue.string))),
            ("publicIpAddress", .optional(report.instance?.publicIpAddress)),
        ])
    }

    /// Every setting copied from the source; user data as its size and SHA-256 (it may hold secrets, so its bytes
    /// are never printed).
    static func carriedOver(_ plan: RelaunchPlan) -> JSONValue {
        .object([
            ("instanceType", .optional(plan.instanceType)),
            ("subnetId", .optional(plan.subnetId)),
            ("securityGroupIds", .array(plan.securityGroupIds.map(JSONValue.string))),
            ("iamInstanceProfileArn", .optional(plan.iamInstanceProfileArn)),
            ("tags", .object(plan.tags.map { ($0.key, JSONValue.string($0.value)) })),
            ("userData", plan.userData.map { bytes in
                .object([("bytes", .number(bytes.count)), ("sha256", .optional(plan.userDataSHA256))])
            } ?? .null),
            ("metadataOptions", plan.metadataOptions.map(metadataOptions) ?? .null),
        ])
    }

    private static func metadataOptions(_ options: EC2.InstanceMetadataOptionsRequest) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if let value = options.httpTokens { fields.append(("httpTokens", .string(value))) }
        if let value = options.httpPutResponseHopLimit { fields.append(("httpPutResponseHopLimit", .number(value))) }
        if let value = options.httpEndpoint { fields.append(("httpEndpoint", .string(value))) }
        if let value = options.httpProtocolIpv6 { fields.append(("httpProtocolIpv6", .string(value))) }
        if let value = options.instanceMetadataTags { fields.append(("instanceMetadataTags", .string(value))) }
        return .object(fields)
    }

    /// The plan as labelled rows, then what happened (or that nothing did).
    static func text(_ report: RelaunchReport, style: TextStyle) -> String {
        let plan = report.plan
        var rows: [(String, String)] = [
            ("Source instance", "\(plan.sourceInstanceId) (left as it is)"),
            ("Image", plan.imageId),
            ("Key pair", plan.keyName),
            ("Instance type", plan.instanceType ?? "-"),
            ("Subnet", plan.subnetId ?? "- (the default)"),
            ("Security groups", plan.securityGroupIds.isEmpty ? "- (the default)" : plan.securityGroupIds.joined(separator: ", ")),
            ("IAM profile", plan.iamInstanceProfileArn ?? "-"),
            ("Tags", plan.tags.isEmpty ? "-" : plan.tags.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")),
            ("User data", plan.userData.map { "\($0.count) bytes, sha256 \(plan.userDataSHA256 ?? ""), copied byte for byte" } ?? "-"),
            ("Metadata options", plan.metadataOptions.map(metadataText) ?? "- (the defaults)"),
            ("Client token", plan.clientToken),
            ("Region", report.region),
        ]
        if !report.droppedTags.isEmpty { rows.append(("Not copied", report.droppedTags.joined(separator: ", ") + " (aws: tags are AWS's)")) }
        if let instance = report.instance {
            rows.append(("New instance", "\(instance.instanceId) (\(instance.state))"))
            if let ip = instance.publicIpAddress { rows.append(("Public IP", ip)) }
        }
        let width = rows.map(\.0.count).max() ?? 0
        var text = rows.map { label, value in
            label + String(repeating: " ", count: width - label.count + 2) + value
        }.joined(separator: "\n") + "\n"
        switch report.status {
        case .planned:
            text += style.dim("Plan only: nothing was launched. Run again without --plan to launch it.") + "\n"
        case .launched:
            let id = report.instance?.instanceId ?? "?"
            text += style.bold("Launched \(id) from \(plan.imageId) with key pair \(plan.keyName); \(plan.sourceInstanceId) is unchanged.") + "\n"
        }
        return text
    }

    private static func metadataText(_ options: EC2.InstanceMetadataOptionsRequest) -> String {
        [
            options.httpTokens.map { "tokens \($0)" }, options.httpPutResponseHopLimit.map { "hop limit \($0)" },
            options.httpEndpoint.map { "endpoint \($0)" }, options.httpProtocolIpv6.map { "IPv6 \($0)" },
            options.instanceMetadataTags.map { "tags \($0)" },
        ].compactMap { $0 }.joined(separator: ", ")
    }

    /// One progress line per poll: `waiting for the new instance to run: pending (2/40, 15s)`.
    static func progress(_ poll: WaiterProgress) -> String {
        "waiting for the new instance to run: \(poll.observedState) (\(poll.attempt)/\(poll.maxAttempts), \(poll.elapsed.components.seconds)s)\n"
    }
}
