import Foundation
import SSHKeys
import SSHSession

extension ImportKeyWorkflow {
    /// `--from-host`: reads `~/.ssh/authorized_keys` on a running instance with the OpenSSH client.
    ///
    /// The host key is pinned (from `--host-key` or `--console-output`) or checked against the user's own
    /// `known_hosts`, always with `StrictHostKeyChecking=yes`: a host that cannot be verified is refused before any
    /// key is offered to it. The private key of `-i` is only named to ssh; amikey never opens it.
    func readAuthorizedKeys(_ source: ImportKeyHostSource, context: WorkflowContext) async throws(ImportKeyFailure) -> KeyFile {
        guard let processes = context.processes else {
            throw ImportKeyFailure(code: "cannot-run-ssh", message: "--from-host needs to run ssh, and this run cannot start programs")
        }
        let runner = HostRunner(processes: processes, environment: context.environment)
        var pins: String?
        var scratch: ScratchDirectory?
        defer { scratch?.remove() }
        if let lines = try await hostKeyPins(source, runner: runner, context: context) {
            // A directory of its own (0700), so no other user can swap the pins between writing and ssh reading them.
            do throws(FileSystemError) {
                let directory = try ScratchDirectory(prefix: "amikey-import", context: context)
                scratch = directory
                pins = try directory.write("known_hosts", lines)
            } catch {
                throw ImportKeyFailure(code: error.code, message: "cannot write the pinned host keys: \(error.message)")
            }
        }
        let remote = SSHRemoteCommand(
            user: source.user, host: source.host, port: source.port, identityFile: source.identityFile.map(context.resolve),
            knownHostsFile: pins, sshConfig: source.sshConfig.map(context.resolve), command: SSHRemoteCommand.readAuthorizedKeys)
        let run = try await runner.run("ssh", remote.arguments)
        guard run.status == 0 else { throw Self.failure(of: run, source: source) }
        do {
            return try KeyFile(contents: run.stdout, options: .publicOnly)
        } catch {
            throw ImportKeyFailure(code: "no-keys", message: "~/.ssh/authorized_keys of \(source.user)@\(source.host) holds no key (\(error.message))")
        }
    }

    /// What went wrong, from ssh's status and error output, as a message that says what to do next.
    static func failure(of run: ProcessResult, source: ImportKeyHostSource) -> ImportKeyFailure {
        let target = "\(source.user)@\(source.host)"
        let stderr = run.standardError
        if SSHRemoteCommand.isMissingFile(status: run.status, standardError: stderr) {
            return ImportKeyFailure(
                code: "no-authorized-keys",
                message: "\(target) has no ~/.ssh/authorized_keys (cat: No such file or directory): this user logs in some other way (sshd's AuthorizedKeysFile, EC2 Instance Connect), so there is no key to import from it; check the user name, or import the key from a file with --from")
        }
        guard run.status == 255 else {
            let said = stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? "nothing"
            return ImportKeyFailure(
                code: "remote-command-failed",
                message: "reading ~/.ssh/authorized_keys on \(target) failed with status \(run.status): \(said)")
        }
        let result = SSHProbeResult(status: run.status, standardError: stderr)
        if let file = result.inaccessibleKeyFiles.first {
            return ImportKeyFailure(
                code: "key-not-readable",
                message: "ssh could not read the key given with -i (\(file)): check the path and that it is readable by you, then run again")
        }
        if result.permissionDenied {
            let offered = source.identityFile.map { "the key \($0)" } ?? "the keys ssh offered (your agent and ~/.ssh/id_*)"
            return ImportKeyFailure(
                code: "permission-denied",
                message: "\(target) refused \(offered) (Permission denied (publickey)): give the private key that logs in there with -i KEY (only its path is passed to ssh, nothing of it is sent to AWS), and check the login user (ec2-user, ubuntu, admin, ...; amikey doctor INSTANCE_ID names it)")
        }
        let port = source.port.map { " port \($0)" } ?? ""
        switch result.failure {
        case .hostKeyUnknown:
            return ImportKeyFailure(code: "host-key-unknown", message: unknownHostMessage(source))
        case .hostKeyMismatch:
            return ImportKeyFailure(code: "host-key-mismatch", message: mismatchMessage(source))
        case .timedOut, .connectionRefused, .hostnameUnresolved, .noRoute:
            return ImportKeyFailure(
                code: "host-unreachable",
                message: "could not reach \(source.host)\(port): \(result.failure?.description ?? "no answer"). Check that the instance is running, its address, and that its security group allows TCP \(source.port ?? 22) from your address (amikey doctor INSTANCE_ID checks all three)")
        case .tooManyAuthenticationFailures:
            return ImportKeyFailure(
                code: "too-many-keys",
                message: "\(source.host) hung up after too many refused keys: give the key that logs in with -i KEY, so that ssh offers only that one")
        case .noMatchingHostKeyType(let offer):
            return ImportKeyFailure(
                code: "host-key-type", message: "ssh and \(source.host) share no host key type (the host offers \(offer)); nothing was read")
        case .closedByRemote(let line):
            return ImportKeyFailure(
                code: "connection-closed",
                message: "\(source.host)\(port) closed the connection before logging in (\(line)): sshd may be busy (MaxStartups) or refuse your address (a TCP wrapper, sshd's ListenAddress); try again, and if it persists check the instance's console output")
        case .other(let line):
            return ImportKeyFailure(code: "ssh-failed", message: "ssh to \(target)\(port) failed: \(line)")
        case nil:
            return ImportKeyFailure(code: "ssh-failed", message: "ssh to \(target)\(port) failed with status 255")
        }
    }

    /// No pin and no known_hosts line: which options verify the host.
    private static func unknownHostMessage(_ source: ImportKeyHostSource) -> String {
        switch source.hostKeyCheck {
        case .knownHosts:
            return """
                the host key of \(source.host) is not in your known_hosts, and amikey never accepts a host key blindly (Host key verification failed). Verify it one of these ways:
                  --host-key SHA256:...   a fingerprint from the instance's console output (aws ec2 get-console-output --instance-id ID --output text, the -----BEGIN SSH HOST KEY FINGERPRINTS----- block)
                  --console-output FILE   that console output saved to a file (- for standard input); its host-key block is pinned
                  or connect once yourself with ssh \(source.user)@\(source.host), compare the fingerprint it shows with the console output, and answer yes
                """
        case .fingerprint(let fingerprint):
            return "\(source.host) offered no host key with fingerprint \(fingerprint) on this connection: it may be a different host or a man-in-the-middle. Nothing was read or imported"
        case .consoleOutput(let path):
            return "\(source.host) offered none of the host keys in the console output \(path): it may be a different host, a man-in-the-middle, or the console output of another instance. Nothing was read or imported"
        }
    }

    /// The host key is not the one expected.
    private static func mismatchMessage(_ source: ImportKeyHostSource) -> String {
        switch source.hostKeyCheck {
        case .knownHosts:
            return "the host key of \(source.host) is not the one your known_hosts holds for it: it may be a different host (an address reused by another instance) or a man-in-the-middle. Nothing was read or imported. Compare with the fingerprints in the instance's console output (aws ec2 get-console-output); if they are the instance's, give --host-key SHA256:... (or remove the old line with ssh-keygen -R \(source.host))"
        case .fingerprint, .consoleOutput:
            return unknownHostMessage(source)
        }
    }
}

/// Runs ssh and ssh-keyscan for `--from-host`, turning a program that cannot start into a failure.
struct HostRunner {
    let processes: any ProcessRunner
    let environment: [String: String]

    func run(_ program: String, _ arguments: [String]) async throws(ImportKeyFailure) -> ProcessResult {
        do {
            return try await processes.run(ProcessCommand(program, arguments, environment: environment))
        } catch {
            throw ImportKeyFailure(
                code: "cannot-run-ssh", message: "\(error); --from-host needs OpenSSH's client (ssh, ssh-keyscan), e.g. apt-get install openssh-client")
        }
    }
}
