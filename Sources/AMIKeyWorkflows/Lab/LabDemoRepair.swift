import AWSCore
import AWSServices

/// The demo's third fix: `amikey repair` installs K_B — the key pair B launched with, `new-key` — into the refused
/// instance itself with AWS's user-data method, keeping K_A, and puts the instance's user data back; then a real
/// `ssh -i K_B` logs in to it (at its new address: a stop and start changes the public IP).
struct LabDemoRepair {
    let ssh: LabDemoSSH

    /// `amikey repair ID --key K_B.pub --method user-data --profile lab-b --ssh-config DIR/ssh_config`.
    func repair(_ instanceId: String, keyB: LabDemoKeys.Key, context: WorkflowContext) async throws -> LabDemoStep {
        let command = ["amikey", "repair", instanceId, "--key", keyB.publicKeyPath, "--method", "user-data", "--profile", "lab-b",
                       "--ssh-config", ssh.info.sshConfig].joined(separator: " ")
        let request = RepairRequest(
            instanceId: instanceId, key: .file(keyB.publicKeyPath), method: .userData, sshConfig: ssh.info.sshConfig,
            journalDirectory: context.fileSystem.join(ssh.directory.demoDirectory, "repair"))
        let report: RepairReport
        do {
            report = try await RepairWorkflow().run(request, context: ssh.info.context(context, profile: "lab-b"))
        } catch {
            throw LabFailure(code: "demo-failed", message: "\(command) failed: \(error.message)")
        }
        guard report.status != .planned else {
            throw LabFailure(code: "demo-failed", message: "\(command) only planned")
        }
        return LabDemoStep(
            id: "repair", account: "B",
            summary: "Fix 3: amikey repair installed K_B for \(report.user) on \(instanceId) with the user-data method "
                + "(\(report.status.rawValue)); the original user data is back",
            resources: [("instanceId", instanceId), ("status", report.status.rawValue), ("user", report.user)]
                + (report.confirmation.map { [("confirmation", $0)] } ?? []),
            lines: ["$ " + command] + report.steps.map { "- \($0.summary)" })
    }

    /// `ssh -i K_B` to the repaired instance's current address; status 0 and K_A still listed are required.
    func login(_ keyB: LabDemoKeys.Key, keyA: LabDemoKeys.Key, into instanceId: String, b: AWSServiceClient) async throws -> LabDemoStep {
        guard let host = try await b.send(EC2.describeInstances(.init(instanceIds: [instanceId]))).instances.first?.publicIpAddress else {
            throw LabFailure(code: "demo-failed", message: "\(instanceId) has no public IP after the repair")
        }
        let (accepted, _) = try await ssh.requireLogin(keyB, into: instanceId, host: host, b: b, what: "the repaired",
                                                       mustHold: keyA)
        return LabDemoStep(
            id: "repair-ssh", account: "B",
            summary: "Fix 3: ssh -i K_B \(ssh.loginUser)@\(host) (B's own key pair new-key, on the repaired \(instanceId)): logged in; "
                + "K_A is still there:",
            resources: [("instanceId", instanceId), ("key", keyB.privateKeyPath), ("status", String(accepted.status))],
            lines: LabDemoSSH.lines(accepted.standardOutput))
    }
}
