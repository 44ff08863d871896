import AWSCore
import AWSServices
import Foundation
import SSHKeys
import SSHSession

/// The instance-connect method: a one-time Ed25519 key made here is pushed with SendSSHPublicKey (the instance's sshd
/// accepts it for 60 seconds, through the ec2-instance-connect package's AuthorizedKeysCommand), OpenSSH logs in with
/// it at once and runs the same append-if-absent script as the ssm method, as the login user. The one-time key's
/// private half is written 0600 in a 0700 directory and removed afterwards; only its public half goes to AWS.
struct InstanceConnectRepair {
    let request: RepairRequest
    let context: WorkflowContext
    let progress: @Sendable (RepairProgress) -> Void

    func run(_ target: RepairTarget) async throws -> RepairReport {
        let id = target.instance.instanceId
        guard let processes = context.processes else {
            throw AWSFailure(code: "no-runner", message: "this run cannot start ssh; use --method ssm or user-data")
        }
        guard target.instance.state.name == "running", let host = target.address else {
            throw AWSFailure(code: "instance-not-reachable",
                             message: "\(id) is \(target.instance.state.name) and has no address to log in to; start it, or use --method user-data")
        }
        var steps: [WorkflowStep] = []
        func step(_ id: String, _ summary: String) {
            let step = WorkflowStep(id: id, summary: summary, state: .done)
            steps.append(step)
            progress(.step(step))
        }
        let oneTime = SSHPrivateKey.generateEd25519(comment: "amikey-repair-one-time")
        let scratch: ScratchDirectory
        do { scratch = try ScratchDirectory(prefix: "amikey-connect", context: context) } catch {
            throw AWSFailure(code: "io", message: "cannot make a private directory for the one-time key: \(error)")
        }
        defer { scratch.remove() }
        let keyPath: String
        var knownHosts = context.fileSystem.join(context.homeDirectory, ".ssh/known_hosts")
        var pinned = false
        do {
            keyPath = try scratch.write("one-time-key", oneTime.opensshRepresentation())
            if let hostKeys = target.console?.hostPublicKeys, !hostKeys.isEmpty {
                knownHosts = try scratch.write("known_hosts", KnownHosts.lines(hostPublicKeys: hostKeys, host: host, port: nil))
                pinned = true
            }
        } catch {
            throw AWSFailure(code: "io", message: "cannot write the one-time key in \(scratch.path): \(error)")
        }

        _ = try await target.aws.send(EC2InstanceConnect.sendSSHPublicKey(.init(
            instanceId: id, instanceOSUser: target.user, sshPublicKey: oneTime.publicKey.openSSHRepresentation(),
            availabilityZone: target.instance.availabilityZone)))
        step("push-key", "pushed a one-time key for \(target.user) to \(id) with EC2 Instance Connect (valid 60 seconds)")

        let login = SSHLogin(
            sshConfig: request.sshConfig ?? "/dev/null", knownHosts: knownHosts, key: keyPath, user: target.user, host: host,
            command: AuthorizedKeysAppendScript.shellCommand(user: target.user, key: target.key))
        let result = try await processes.run(ProcessCommand("ssh", login.arguments, environment: context.environment))
        guard result.status == 0, let outcome = AuthorizedKeysAppendScript.outcome(result.standardOutput) else {
            throw Self.loginFailure(result, id: id, host: host, pinned: pinned)
        }
        step("append", outcome.added
             ? "logged in with the one-time key and added the key to \(target.user)'s authorized_keys (\(outcome.keys.map { "\($0) keys now" } ?? "every other key kept"))"
             : "logged in with the one-time key: the key was already in \(target.user)'s authorized_keys; nothing changed")
        let confirmation = await RepairCheck(target: target, request: request, context: context).probe()
        return target.report(
            .instanceConnect, outcome.added ? .installed : .alreadyPresent,
            confirmation: confirmation ?? "the script run over SSH reported the key in authorized_keys", steps: steps)
    }

    /// What went wrong with the login, and what to do instead.
    static func loginFailure(_ result: ProcessResult, id: String, host: String, pinned: Bool) -> AWSFailure {
        let error = result.standardError
        if SSHLogin.isPublicKeyRefusal(status: result.status, standardError: error) {
            return AWSFailure(
                code: "instance-connect-refused",
                message: "\(id)'s sshd refused the key EC2 Instance Connect pushed: the image needs the ec2-instance-connect "
                    + "package (Amazon Linux 2 and 2023, Ubuntu 20.04 and later have it) and the login user must exist; "
                    + "use --method ssm or --method user-data")
        }
        if error.contains("Host key verification failed") || error.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") {
            return AWSFailure(
                code: "host-key-unverified",
                message: pinned
                    ? "\(host)'s host key is not the one in \(id)'s console output: not logging in (the address may belong to another machine now)"
                    : "\(host)'s host key is not known: \(id)'s console output has no host keys to pin and ~/.ssh/known_hosts does not list it; "
                        + "connect once with ssh yourself and check the fingerprint, or use --method ssm or user-data")
        }
        let detail = error.split(whereSeparator: \.isNewline).last.map(String.init) ?? "status \(result.status)"
        return AWSFailure(
            code: "instance-connect-failed",
            message: "logging in to \(host) with the one-time key failed (\(detail)); nothing was changed on \(id)")
    }
}
