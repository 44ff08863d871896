import SSHKeys
import SSHSession

/// Asks an instance's sshd whether it accepts one public key for one user (`ssh -v` with the `.pub` file: PK_OK,
/// RFC 4252 §7), with the host keys from the console pinned; no private key is involved.
struct SSHKeyCheck {
    let context: WorkflowContext
    /// `ssh -F` this file (a ProxyJump, the lab's ssh_config); nil: none.
    let sshConfig: String?

    /// "sshd at HOST accepts the key for USER (SSH probe)", or nil when it did not say so (refused, unreachable,
    /// host key unknown).
    func accepts(_ key: SSHPublicKey, user: String, host: String, hostKeys: [String]) async -> String? {
        guard let processes = context.processes else { return nil }
        do {
            let scratch = try ScratchDirectory(prefix: "amikey-check", context: context)
            defer { scratch.remove() }
            let keyFile = try scratch.write("key.pub", key.openSSHRepresentation() + "\n")
            let pins = hostKeys.isEmpty ? nil : try scratch.write("known_hosts", KnownHosts.lines(hostPublicKeys: hostKeys, host: host, port: nil))
            let probe = SSHProbe(host: host, user: user, publicKeyFiles: [keyFile], knownHostsFile: pins, sshConfig: sshConfig)
            let run = try await processes.run(ProcessCommand("ssh", probe.arguments, environment: context.environment))
            let result = SSHProbeResult(status: run.status, standardError: run.standardError)
            return result.acceptedKeyFiles.contains(keyFile) ? "sshd at \(host) accepts the key for \(user) (SSH probe)" : nil
        } catch {
            return nil
        }
    }
}
