import EC2Evidence
import SSHKeys
import SSHSession

extension ImportKeyWorkflow {
    /// `known_hosts` lines pinning the host to the keys `--host-key` or `--console-output` vouch for, or nil to let
    /// ssh check the user's own `known_hosts`.
    func hostKeyPins(_ source: ImportKeyHostSource, runner: HostRunner, context: WorkflowContext)
        async throws(ImportKeyFailure) -> String?
    {
        if case .knownHosts = source.hostKeyCheck { return nil }
        // The pins are written under every name ssh may look the host up by, after the config's HostName, Port and
        // HostKeyAlias (ssh -G prints them without connecting); ssh-keyscan, which reads no config, scans HostName.
        let resolved = try await resolve(source, runner: runner, context: context)
        let keys: [String]
        switch source.hostKeyCheck {
        case .knownHosts:
            return nil
        case .fingerprint(let text):
            keys = try await scannedKeys(matching: text, source: source, resolved: resolved, runner: runner)
        case .consoleOutput(let path):
            keys = try consoleHostKeys(path, context: context)
        }
        return resolved.knownHostsNames.map { KnownHosts.lines(hostPublicKeys: keys, host: $0, port: nil) }.joined()
    }

    /// `ssh -G`: where ssh connects for this destination.
    private func resolve(_ source: ImportKeyHostSource, runner: HostRunner, context: WorkflowContext)
        async throws(ImportKeyFailure) -> SSHResolvedHost
    {
        let arguments = SSHResolvedHost.arguments(user: source.user, host: source.host, port: source.port,
                                                  sshConfig: source.sshConfig.map(context.resolve))
        let run = try await runner.run("ssh", arguments)
        guard run.status == 0 else {
            let said = run.standardError.split(whereSeparator: \.isNewline).last.map(String.init) ?? "status \(run.status)"
            throw ImportKeyFailure(code: "bad-ssh-config", message: "ssh could not read its configuration for \(source.host): \(said)")
        }
        return SSHResolvedHost(output: run.standardOutput, host: source.host, port: source.port)
    }

    /// `--host-key FP`: the host keys ssh-keyscan gets whose SHA-256 or MD5 fingerprint is FP (computed here, not
    /// taken from ssh-keyscan); none is an error that shows what the host offered.
    private func scannedKeys(matching text: String, source: ImportKeyHostSource, resolved: SSHResolvedHost, runner: HostRunner)
        async throws(ImportKeyFailure) -> [String]
    {
        let query: FingerprintQuery
        do {
            query = try FingerprintQuery(text)
        } catch {
            throw ImportKeyFailure(code: error.code.rawValue, message: "--host-key: \(error.message)", exitCode: 2)
        }
        let run = try await runner.run("ssh-keyscan", SSHKeyScan(host: resolved.hostname, port: resolved.port).arguments)
        let offered = SSHKeyScan.hostPublicKeys(output: run.standardOutput).compactMap { try? SSHPublicKey(openSSHRepresentation: $0) }
        guard !offered.isEmpty else {
            throw ImportKeyFailure(
                code: "host-unreachable",
                message: "ssh-keyscan got no host key from \(resolved.hostname) port \(resolved.port): check that the instance is running, its address, and that its security group allows TCP \(resolved.port) from your address")
        }
        let matching = offered.filter { key in
            let kinds = query.matches(key)
            return kinds.contains(.sha256Blob) || kinds.contains(.md5Blob)
        }
        guard !matching.isEmpty else {
            let list = offered.map { "\($0.sha256Fingerprint) (\($0.shortTypeName))" }.joined(separator: ", ")
            throw ImportKeyFailure(
                code: "host-key-mismatch",
                message: "\(source.host) offered the host keys \(list), and none is \(text): it may be a different host (an address reused by another instance) or a man-in-the-middle. Nothing was read or imported. Check the fingerprint in the instance's console output (aws ec2 get-console-output)")
        }
        return matching.map { $0.openSSHRepresentation() }
    }

    /// `--console-output FILE|-`: the public keys of the console's latest host-key block.
    private func consoleHostKeys(_ path: String, context: WorkflowContext) throws(ImportKeyFailure) -> [String] {
        let bytes: [UInt8]
        do { bytes = try context.readInput(path) } catch {
            throw ImportKeyFailure(code: error.code, message: "cannot read the console output \(path): \(error.reason(for: context.resolve(path)))")
        }
        let keys = ConsoleLog.parse(bytes).hostPublicKeys
        guard !keys.isEmpty else {
            throw ImportKeyFailure(
                code: "no-host-keys",
                message: "the console output \(path) has no host-key block (-----BEGIN SSH HOST KEY KEYS-----): save the whole output of the instance's first boot (aws ec2 get-console-output --instance-id ID --output text > console.txt), or give --host-key SHA256:... from its fingerprint block")
        }
        return keys
    }
}
