import AWSCore
import AWSServices

/// `amikey repair`: installs one public key for the login user on an existing instance, keeping every key it already
/// accepts. Three methods: `user-data` (AWS's documented procedure, journaled so an interruption never loses the
/// original user data), `ssm` (Run Command) and `instance-connect` (a one-time key, then OpenSSH).
///
/// Reads the instance, the key (public part only) and the console first; the login user is `--user`, else the
/// console table's, else the image family's default. With `planOnly` it returns the steps it would take.
///
/// ```swift
/// let report = try await RepairWorkflow().run(
///     RepairRequest(instanceId: "i-0123456789abcdef0", key: .keyPair("new-key"), method: .userData), context: context
/// ) { if case .step(let step) = $0 { print(step.summary) } }
/// print(report.status, report.confirmation ?? "not confirmed")
/// ```
public struct RepairWorkflow: Sendable {
    /// Creates the workflow.
    public init() {}

    /// Plans, or carries out, the repair.
    ///
    /// - Throws: ``AWSFailure`` (exit 3): no such instance or key, the user cannot be told, the method cannot reach
    ///   the instance (each message says which method to use instead), or AWS refused.
    public func run(
        _ request: RepairRequest, context: WorkflowContext,
        progress: @escaping @Sendable (RepairProgress) -> Void = { _ in }
    ) async throws(AWSFailure) -> RepairReport {
        let target = try await Self.target(request, context: context)
        if request.planOnly { return Self.plan(request, target: target) }
        do {
            switch request.method {
            case .userData: return try await UserDataRepair(request: request, context: context, progress: progress).run(target)
            case .ssm: return try await SSMRepair(request: request, context: context, progress: progress).run(target)
            case .instanceConnect:
                return try await InstanceConnectRepair(request: request, context: context, progress: progress).run(target)
            }
        } catch let failure as AWSFailure {
            throw failure
        } catch {
            throw AWSFailure(error)
        }
    }

    /// The steps the method would take, with the ids and values they would use; nothing is changed.
    static func plan(_ request: RepairRequest, target: RepairTarget) -> RepairReport {
        let id = target.instance.instanceId
        let user = target.user
        let summaries: [(String, String)]
        switch request.method {
        case .userData:
            let resume = target.instance.state.name == "running" ? "start it again" : "leave it stopped, as it was found"
            summaries = [
                ("save", "save \(id)'s user data and state (\(target.instance.state.name)) in a journal (~/.amikey/repair)"),
                ("stop", "stop \(id)"),
                ("set-user-data", "set user data whose cloud-config adds the key for \(user) on the next boot: cloud_final_modules [users-groups, always], [ssh-authkey-fingerprints, always]"),
                ("start", "start \(id) and wait until it runs"),
                ("confirm", "confirm: an SSH probe with the public key (host key pinned from the console), else the console's cloud-init table"),
                ("stop-again", "stop \(id)"),
                ("restore", "restore the original user data byte for byte, and check it"),
                ("start-again", resume),
            ]
        case .ssm:
            summaries = [
                ("send-command", "SSM SendCommand AWS-RunShellScript on \(id): append the key to \(user)'s authorized_keys if absent (dir 0700, file 0600, owned by \(user))"),
                ("wait", "wait for the command's result (GetCommandInvocation)"),
            ]
        case .instanceConnect:
            summaries = [
                ("push-key", "make a one-time Ed25519 key and push its public half for \(user) with EC2 Instance Connect (60 seconds)"),
                ("append", "log in to \(target.address ?? id) with it (host key pinned) and append the key to authorized_keys if absent"),
            ]
        }
        return target.report(
            request.method, .planned, steps: summaries.map { .init(id: $0.0, summary: $0.1, state: .planned) },
            notes: target.consoleListsKey ? ["The console's cloud-init table already lists this key for \(user)."] : [])
    }
}
