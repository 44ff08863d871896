/// One real OpenSSH login attempt through a given `ssh_config`: only the given key offered, the host key pinned
/// (never accepted blindly), no prompts.
///
/// The program is always `ssh`; the caller runs it (this module never starts processes):
///
/// ```swift
/// let login = SSHLogin(sshConfig: info.sshConfig, knownHosts: pins, key: "/var/lib/amikey/lab/demo/K_A",
///                      user: "ec2-user", host: "54.12.0.7", command: "hostname")
/// let result = try await processes.run(ProcessCommand("ssh", login.arguments, environment: context.environment))
/// if SSHLogin.isPublicKeyRefusal(status: result.status, standardError: result.standardError) { … }
/// ```
public struct SSHLogin: Sendable, Hashable {
    /// `ssh -F` this file (in the lab it maps public IPs to the instances' loopback ports).
    public var sshConfig: String
    /// The `UserKnownHostsFile` with the pinned host keys.
    public var knownHosts: String
    /// The private key file offered (its own public half is all the server sees).
    public var key: String
    /// The login user.
    public var user: String
    /// The public IP or DNS name.
    public var host: String
    /// The remote command.
    public var command: String

    /// A login attempt from its parts.
    public init(sshConfig: String, knownHosts: String, key: String, user: String, host: String, command: String) {
        self.sshConfig = sshConfig
        self.knownHosts = knownHosts
        self.key = key
        self.user = user
        self.host = host
        self.command = command
    }

    /// The arguments of the `ssh` invocation.
    public var arguments: [String] {
        [
            "-F", sshConfig, "-o", "UserKnownHostsFile=\(SSHArguments.pathValue(knownHosts))", "-o", "StrictHostKeyChecking=yes",
            "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=10", "-i", SSHArguments.percentEscaped(key), "\(user)@\(host)", command,
        ]
    }

    /// Whether ssh's answer is a refusal of the offered key: status 255 and `Permission denied (publickey)`.
    public static func isPublicKeyRefusal(status: Int32, standardError: String) -> Bool {
        status == 255 && standardError.contains("Permission denied (publickey)")
    }
}
