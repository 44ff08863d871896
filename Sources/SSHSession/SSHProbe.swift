/// Asks a real sshd, with public keys only, which of several keys it accepts for a user.
///
/// `ssh -v -i key.pub` offers the public key; a server that would take it answers PK_OK and ssh logs
/// `Server accepts key: …` (OpenSSH sshconnect2.c, input_userauth_pk_ok), then fails to load a private key from the
/// `.pub` file and goes on to the next key. So a probe never needs, reads or sends a private key, and never logs in.
/// sshd counts every refused key against `MaxAuthTries` (6 by default) and hangs up at the limit, so several keys
/// are probed in batches of at most ``maximumKeysPerConnection``, one connection each.
///
/// This module only builds arguments; the caller runs `ssh` and parses what it printed:
///
/// ```swift
/// let probes = SSHProbe.batches(host: "54.12.0.7", user: "ec2-user", publicKeyFiles: pubs, knownHostsFile: pins)
/// for probe in probes {
///     let run = try await processes.run(ProcessCommand("ssh", probe.arguments, environment: environment))
///     let result = SSHProbeResult(status: run.status, standardError: run.standardError)
///     print(result.acceptedKeyFiles, result.refusedKeyFiles, result.failure as Any)
/// }
/// ```
public struct SSHProbe: Sendable, Hashable {
    /// The most keys offered on one connection: one less than sshd's default `MaxAuthTries`, so that a batch of
    /// refused keys never reaches the limit.
    public static let maximumKeysPerConnection = 5
    /// The remote command, which runs only if a key turned out to be usable to log in (a private key was given).
    public static let remoteCommand = "exit 0"

    /// The host name or address.
    public var host: String
    /// The port, or nil for ssh's own choice (22, or the config's `Port`).
    public var port: Int?
    /// The login user.
    public var user: String
    /// The key files offered, in order; give `.pub` files so that only public keys are involved.
    public var publicKeyFiles: [String]
    /// A `known_hosts` file with the pinned host keys (see ``KnownHosts``), or nil to check the host against the
    /// user's own `known_hosts` files.
    public var knownHostsFile: String?
    /// An `ssh_config` to read instead of none at all.
    public var sshConfig: String?
    /// Seconds for the TCP connection and the SSH banner (ssh's `ConnectTimeout`).
    public var connectTimeout: Int

    /// A probe from its parts.
    public init(host: String, port: Int? = nil, user: String, publicKeyFiles: [String], knownHostsFile: String?,
                sshConfig: String? = nil, connectTimeout: Int = 10)
    {
        self.host = host
        self.port = port
        self.user = user
        self.publicKeyFiles = publicKeyFiles
        self.knownHostsFile = knownHostsFile
        self.sshConfig = sshConfig
        self.connectTimeout = connectTimeout
    }

    /// One probe per batch of at most `maximumKeys` keys (at least one probe, even with no keys: it still tells
    /// whether the host answers and which methods it offers).
    public static func batches(host: String, port: Int? = nil, user: String, publicKeyFiles: [String],
                               knownHostsFile: String?, sshConfig: String? = nil, connectTimeout: Int = 10,
                               maximumKeys: Int = maximumKeysPerConnection) -> [SSHProbe]
    {
        let size = max(1, maximumKeys)
        let groups = stride(from: 0, to: publicKeyFiles.count, by: size).map {
            Array(publicKeyFiles[$0..<min($0 + size, publicKeyFiles.count)])
        }
        return (groups.isEmpty ? [[]] : groups).map {
            SSHProbe(host: host, port: port, user: user, publicKeyFiles: $0, knownHostsFile: knownHostsFile,
                     sshConfig: sshConfig, connectTimeout: connectTimeout)
        }
    }

    /// The arguments of the `ssh` invocation (the program is always `ssh`).
    ///
    /// Without ``sshConfig`` ssh reads `-F /dev/null`, which also skips `/etc/ssh/ssh_config`: the answer is about
    /// the server and exactly these keys, not about a user's `IdentityFile`s, certificates, `Match exec` or
    /// `HostKeyAlias`. The price is that a host reachable only through the user's config (`ProxyJump`, a `Host`
    /// alias) is not reached; a caller that needs that passes the config, and the options below still win, since
    /// ssh keeps the first value it sees and the command line comes first (ssh_config(5)). Connection sharing is
    /// switched off because a config's `ControlMaster` would reuse a logged-in connection and authenticate nothing.
    public var arguments: [String] {
        var arguments = ["-v", "-F", sshConfig ?? "/dev/null"]
        if let port { arguments += ["-p", String(port)] }
        let options = [
            "BatchMode=yes", "IdentitiesOnly=yes", "IdentityAgent=none", "PreferredAuthentications=publickey",
            "PasswordAuthentication=no", "KbdInteractiveAuthentication=no", "StrictHostKeyChecking=yes",
        ]
        // Never accept an unknown host key: with pins only they count, without pins the user's own known_hosts do.
        let pins = knownHostsFile.map { ["UserKnownHostsFile=\(SSHArguments.pathValue($0))", "GlobalKnownHostsFile=/dev/null"] } ?? []
        let connection = ["ConnectTimeout=\(connectTimeout)", "ControlMaster=no", "ControlPath=none", "ClearAllForwardings=yes"]
        for option in options + pins + connection { arguments += ["-o", option] }
        for file in publicKeyFiles { arguments += ["-i", SSHArguments.percentEscaped(file)] }
        // `--` so that a user name starting with `-` cannot be read as an option.
        return arguments + ["--", "\(user)@\(host)", Self.remoteCommand]
    }
}
