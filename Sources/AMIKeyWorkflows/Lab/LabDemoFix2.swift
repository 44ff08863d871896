import AWSCore
import AWSServices
import SSHKeys

/// The demo's fix 2 (the seed's fix 2): in account B, `amikey import-key` brings K_A's public key in as `old-key`,
/// `amikey relaunch` replaces the refused instance with one launched with it, and a real `ssh -i K_A` logs in to
/// the replacement — each a product workflow run as a user would after `source DIR/env`, with profile `lab-b`.
///
/// A re-run on the same lab finds `old-key` already there with the same key (`already-present`, success).
struct LabDemoFix2 {
    let ssh: LabDemoSSH
    /// The key pair name B gives K_A's public key: the name it has in A.
    let keyName = "old-key"

    /// `amikey import-key --name old-key --from K_A.pub --profile lab-b`, then DescribeKeyPairs in both accounts: B's
    /// `old-key` must hold K_A's public key, the same key as A's `old-key`.
    func importKey(_ keyA: LabDemoKeys.Key, a: AWSServiceClient, b: AWSServiceClient, context: WorkflowContext) async throws -> LabDemoStep {
        let command = ["amikey", "import-key", "--name", keyName, "--from", keyA.publicKeyPath, "--profile", "lab-b"].joined(separator: " ")
        let report: ImportKeyReport
        do {
            report = try await ImportKeyWorkflow().run(
                ImportKeyRequest(name: keyName, source: .file(keyA.publicKeyPath)), context: ssh.info.context(context, profile: "lab-b"))
        } catch {
            throw LabFailure(code: "demo-failed", message: "\(command) failed: \(error.description)")
        }
        guard let item = report.items.first, let status = item.outcome.status else {
            throw LabFailure(code: "demo-failed", message: "\(command) imported nothing: \(Self.reason(report.items.first?.outcome))")
        }
        let inB = try await Self.keyPair(keyName, b)
        let inA = try await Self.keyPair(keyName, a)
        guard inB.key.sha256Fingerprint == keyA.publicKey.sha256Fingerprint, inA.key.sha256Fingerprint == keyA.publicKey.sha256Fingerprint else {
            throw LabFailure(code: "demo-failed", message: "key pair \(keyName) in B holds \(inB.key.sha256Fingerprint) and in A "
                + "\(inA.key.sha256Fingerprint), but K_A is \(keyA.publicKey.sha256Fingerprint); \(command) did not import K_A")
        }
        let fingerprint = inB.info.keyFingerprint ?? item.outcome.fingerprint ?? "no fingerprint"
        return LabDemoStep(
            id: "fix2-import-key", account: "B",
            summary: "Fix 2: amikey import-key put K_A's public key in B as key pair \(keyName) (\(status)); DescribeKeyPairs: "
                + "the same key as A's \(keyName)",
            resources: [("keyName", keyName), ("status", status), ("keyFingerprint", fingerprint),
                        ("sha256", inB.key.sha256Fingerprint)] + (item.outcome.keyPairId.map { [("keyPairId", $0)] } ?? []),
            lines: ["$ " + command,
                    Self.describeLine("B", inB.info, inB.key), Self.describeLine("A", inA.info, inA.key)])
    }

    /// `amikey relaunch ID --key-pair old-key --profile lab-b`, then the lab's own client waits until the replacement
    /// runs and reads it back: launched with `old-key`, from the refused instance's image, with a public IP.
    func relaunch(_ refused: String, b: AWSServiceClient, context: WorkflowContext) async throws -> (step: LabDemoStep, instance: EC2.Instance) {
        let command = "amikey relaunch \(refused) --key-pair \(keyName) --profile lab-b"
        let report: RelaunchReport
        do {
            report = try await RelaunchWorkflow().run(
                RelaunchRequest(instanceId: refused, keyName: keyName), context: ssh.info.context(context, profile: "lab-b"))
        } catch {
            throw LabFailure(code: "demo-failed", message: "\(command) failed: \(error.message)")
        }
        guard let id = report.instance?.instanceId, id != refused else {
            throw LabFailure(code: "demo-failed", message: "\(command) reported no new instance")
        }
        let (instance, host) = try await ssh.running(id, keyName: keyName, command: command, b: b)
        let step = LabDemoStep(
            id: "fix2-relaunch", account: "B",
            summary: "Fix 2: amikey relaunch launched \(id) from \(report.plan.imageId) with key pair \(keyName), "
                + "settings carried over from \(refused) (left as it is); running at \(host)",
            resources: [("sourceInstanceId", refused), ("instanceId", id), ("imageId", report.plan.imageId),
                        ("keyName", keyName), ("publicIp", host)],
            lines: ["$ " + command])
        return (step, instance)
    }

    /// Pins the replacement's host keys from its console output and logs in with `ssh -i K_A`; status 0 is required.
    func login(_ keyA: LabDemoKeys.Key, into instance: EC2.Instance, b: AWSServiceClient) async throws -> LabDemoStep {
        let host = instance.publicIpAddress ?? ""
        let (accepted, pins) = try await ssh.requireLogin(keyA, into: instance.instanceId, host: host, b: b, what: "the relaunched")
        return LabDemoStep(
            id: "fix2-ssh", account: "B",
            summary: "Fix 2: ssh -i K_A \(ssh.loginUser)@\(host) (the relaunched \(instance.instanceId), host keys pinned from its console output): "
                + "logged in; hostname and ~/.ssh/authorized_keys:",
            resources: [("instanceId", instance.instanceId), ("key", keyA.privateKeyPath), ("knownHosts", pins),
                        ("status", String(accepted.status))],
            lines: LabDemoSSH.lines(accepted.standardOutput))
    }

    /// The key pair with its public key (DescribeKeyPairs IncludePublicKey), parsed.
    static func keyPair(_ name: String, _ aws: AWSServiceClient) async throws -> (info: EC2.KeyPairInfo, key: SSHPublicKey) {
        let pairs = try await aws.send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
        guard let info = pairs.keyPairs.first(where: { $0.keyName == name }), let line = info.publicKey,
            let key = try? SSHPublicKey(openSSHRepresentation: line)
        else {
            throw LabFailure(code: "demo-failed", message: "DescribeKeyPairs returned no readable public key for \(name)")
        }
        return (info, key)
    }

    /// "B old-key (key-…): EC2 fingerprint …, SHA256:…": one account's key pair as DescribeKeyPairs shows it.
    static func describeLine(_ account: String, _ info: EC2.KeyPairInfo, _ key: SSHPublicKey) -> String {
        "\(account) \(info.keyName) (\(info.keyPairId ?? "no id")): EC2 fingerprint \(info.keyFingerprint ?? "none"), \(key.sha256Fingerprint)"
    }

    /// Why an import item failed, in words.
    private static func reason(_ outcome: ImportKeyReport.Outcome?) -> String {
        switch outcome {
        case .refused(let refusal): "\(refusal)"
        case .conflict(let conflict): conflict.message
        case .failed(_, let message): message
        default: "no key was read"
        }
    }
}
