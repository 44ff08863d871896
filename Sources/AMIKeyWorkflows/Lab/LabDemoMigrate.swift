import AWSCore
import AWSServices
import SSHKeys

/// The demo's migrate path: the seed's procedure done right from the start. `amikey migrate` moves A's source
/// instance (launched with `old-key` from the base image) to B — image made and shared, the source key pair's public
/// key in B under its own name, the new instance launched with it and probed — and a real `ssh -i K_A` logs in.
///
/// Each demo run launches a new source instance in A, so each run is a new migration (a new journal in
/// `DIR/demo/migrate`); B's `old-key` is already there with the same key (fix 2 imported it), which migrate accepts.
struct LabDemoMigrate {
    let ssh: LabDemoSSH
    /// The source's launch key pair, and so the name migrate gives its public key in B.
    let keyName = "old-key"

    /// `amikey migrate ID --source-profile lab-a --target-profile lab-b --probe --ssh-config … --journal-dir …`, then
    /// the lab's own client reads B back: the new instance runs with `old-key`, and B's `old-key` is K_A.
    func migrate(_ sourceInstanceId: String, keyA: LabDemoKeys.Key, b: AWSServiceClient, context: WorkflowContext) async throws
        -> (step: LabDemoStep, instance: EC2.Instance)
    {
        let journals = context.fileSystem.join(ssh.directory.demoDirectory, "migrate")
        let command = ["amikey", "migrate", sourceInstanceId, "--source-profile", "lab-a", "--target-profile", "lab-b", "--probe",
                       "--ssh-config", ssh.info.sshConfig, "--journal-dir", journals].joined(separator: " ")
        let request = MigrationRequest(
            sourceProfile: "lab-a", targetProfile: "lab-b", instanceIds: [sourceInstanceId], probe: true,
            sshConfig: ssh.info.sshConfig, journalDirectory: journals)
        let report: MigrationReport
        do {
            report = try await MigrationWorkflow().run(request, context: ssh.info.context(context, profile: "lab-a"))
        } catch {
            throw LabFailure(code: "demo-failed", message: "\(command) failed: \(error.message)")
        }
        guard let item = report.items.first else {
            throw LabFailure(code: "demo-failed", message: "\(command) reported nothing for \(sourceInstanceId)")
        }
        if let failure = item.failure {
            throw LabFailure(code: "demo-failed", message: "\(command) failed: \(failure.message)")
        }
        guard let id = item.targetInstanceId, let imageId = item.imageId, item.keyName == keyName else {
            throw LabFailure(code: "demo-failed", message: "\(command) ended \(item.status) without an image and an instance "
                + "launched with \(keyName)")
        }
        guard let verification = item.verification else {
            throw LabFailure(code: "story-not-reproduced", message: "\(command) could not check \(id) from outside")
        }

        let (instance, host) = try await ssh.running(id, keyName: keyName, command: command, b: b)
        let inB = try await LabDemoFix2.keyPair(keyName, b)
        guard inB.key.sha256Fingerprint == keyA.publicKey.sha256Fingerprint else {
            throw LabFailure(code: "demo-failed", message: "key pair \(keyName) in B holds \(inB.key.sha256Fingerprint), but the "
                + "source's (K_A) is \(keyA.publicKey.sha256Fingerprint)")
        }

        let imported = item.keyPairImported == true
        let created = (a: ["image \(imageId) (shared with B)"] + item.snapshotIds.map { "snapshot \($0)" },
                       b: (imported ? ["key pair \(keyName)"] : []) + ["instance \(id)"])
        let step = LabDemoStep(
            id: "migrate", account: "B",
            summary: "Migrate: amikey migrate moved \(sourceInstanceId) from A to B as \(id) (\(item.status)): \(imageId) made in A and "
                + "shared with B; key pair \(keyName) in B is the source's public key, K_A ("
                + (imported ? "imported" : "already there with the same key, from fix 2")
                + "); \(id) launched with it; checked from outside: \(verification)",
            resources: [("sourceInstanceId", sourceInstanceId), ("status", item.status), ("imageId", imageId), ("keyName", keyName),
                        ("keyPairImported", String(imported)), ("sha256", inB.key.sha256Fingerprint), ("instanceId", id),
                        ("publicIp", host), ("verification", verification)],
            lines: ["$ " + command] + item.steps.map { "- \($0.summary)" }
                + ["Created in A: " + created.a.joined(separator: ", "), "Created in B: " + created.b.joined(separator: ", "),
                   LabDemoFix2.describeLine("B", inB.info, inB.key)])
        return (step, instance)
    }

    /// Pins the migrated instance's host keys from its console output and logs in with `ssh -i K_A`; status 0 and K_A in
    /// `authorized_keys` are required.
    func login(_ keyA: LabDemoKeys.Key, into instance: EC2.Instance, b: AWSServiceClient) async throws -> LabDemoStep {
        let host = instance.publicIpAddress ?? ""
        let (accepted, pins) = try await ssh.requireLogin(keyA, into: instance.instanceId, host: host, b: b,
                                                          what: "the migrated", mustHold: keyA)
        return LabDemoStep(
            id: "migrate-ssh", account: "B",
            summary: "Migrate: ssh -i K_A \(ssh.loginUser)@\(host) (the migrated \(instance.instanceId), launched with key pair \(keyName), "
                + "host keys pinned from its console output): logged in with the original key; hostname and ~/.ssh/authorized_keys:",
            resources: [("instanceId", instance.instanceId), ("key", keyA.privateKeyPath), ("knownHosts", pins),
                        ("status", String(accepted.status))],
            lines: LabDemoSSH.lines(accepted.standardOutput))
    }
}
