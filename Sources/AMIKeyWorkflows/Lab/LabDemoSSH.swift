import AWSServices
import EC2Evidence
import SSHSession

/// The demo's way into an instance, shared by the story and its fixes: host keys pinned from the instance's own
/// console output (never accepted blindly), then the real `ssh` through the lab's `ssh_config`.
struct LabDemoSSH {
    let info: LabInfo
    let directory: LabDirectory
    let loginUser: String
    let context: WorkflowContext
    let processes: any ProcessRunner

    /// The instance's console output, parsed, and `DIR/demo/known_hosts-ID` holding the host keys it printed for `host`.
    func pinHostKeys(_ aws: AWSServiceClient, instanceId: String, host: String) async throws -> (console: ConsoleEvidence, pins: String) {
        let output = try await aws.send(EC2.getConsoleOutput(.init(instanceId: instanceId))).text ?? ""
        let console = ConsoleLog.parse(output)
        guard !console.hostPublicKeys.isEmpty else {
            throw LabFailure(code: "demo-failed", message: "\(instanceId)'s console output has no host keys to pin; ssh was not attempted")
        }
        let pins = context.fileSystem.join(directory.demoDirectory, "known_hosts-\(instanceId)")
        do {
            try context.fileSystem.write(Array(KnownHosts.lines(hostPublicKeys: console.hostPublicKeys, host: host, port: nil).utf8), to: pins, mode: 0o600, overwrite: true)
        } catch {
            throw LabFailure(code: "demo-failed", message: "cannot write \(pins): \(error)")
        }
        return (console, pins)
    }

    /// `ssh -i KEY USER@HOST COMMAND`, the host key checked against `pins` only.
    func login(_ key: LabDemoKeys.Key, host: String, pins: String, command: String) async throws(LabFailure) -> ProcessResult {
        let login = SSHLogin(sshConfig: info.sshConfig, knownHosts: pins, key: key.privateKeyPath, user: loginUser,
                             host: host, command: command)
        do {
            return try await processes.run(ProcessCommand("ssh", login.arguments, environment: context.environment))
        } catch {
            throw LabFailure(code: "demo-failed", message: "\(error); install the OpenSSH client (scripts/setup does)")
        }
    }

    /// Pins `instanceId`'s host keys, logs in with `key` and reads its host name and `authorized_keys`; anything but
    /// status 0 (and, when given, `mustHold` missing from the output) is the story not holding for `what`.
    func requireLogin(_ key: LabDemoKeys.Key, into instanceId: String, host: String, b: AWSServiceClient,
                      what: String, mustHold: LabDemoKeys.Key? = nil) async throws -> (result: ProcessResult, pins: String) {
        let (_, pins) = try await pinHostKeys(b, instanceId: instanceId, host: host)
        let result = try await login(key, host: host, pins: pins, command: "hostname && cat ~/.ssh/authorized_keys")
        guard result.status == 0 else {
            throw LabFailure(code: "story-not-reproduced",
                             message: "ssh -i \(key.name) into \(what) \(instanceId) was expected to log in but ended with status \(result.status): \(result.standardError)")
        }
        if let held = mustHold, !result.standardOutput.contains(held.publicKey.openSSHRepresentation()) {
            throw LabFailure(code: "story-not-reproduced", message: "\(what) \(instanceId)'s authorized_keys does not hold \(held.name)")
        }
        return (result, pins)
    }

    /// Waits until `id` runs in B and returns it, requiring a public IP and key pair `keyName` (what `command` was to
    /// launch it with).
    func running(_ id: String, keyName: String, command: String, b: AWSServiceClient) async throws -> (instance: EC2.Instance, host: String) {
        let describe = EC2.describeInstances(.init(instanceIds: [id]))
        try await b.wait(EC2.Waiters.instanceRunning, polling: describe)
        guard let instance = try await b.send(describe).instances.first(where: { $0.instanceId == id }), let host = instance.publicIpAddress else {
            throw LabFailure(code: "demo-failed", message: "\(id) is running but has no public IP to ssh to")
        }
        guard instance.keyName == keyName else {
            throw LabFailure(code: "demo-failed", message: "\(command) launched \(id) with key pair \(instance.keyName ?? "none"), not \(keyName)")
        }
        return (instance, host)
    }

    /// A program's output as lines, blank ones dropped.
    static func lines(_ text: String) -> [String] {
        // Character-wise, "\r\n" (ssh's stderr on a pty-less run) is one newline, not "\r" then "\n".
        text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
