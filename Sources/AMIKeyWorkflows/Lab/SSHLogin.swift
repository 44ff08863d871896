/// One real OpenSSH login attempt through the lab's `ssh_config`: only the given key offered, the host key pinned
/// from the console (never accepted blindly), no prompts.
///
/// ```swift
/// let login = SSHLogin(sshConfig: info.sshConfig, knownHosts: pins, key: "/var/lib/amikey/lab/demo/K_A",
///                      user: "ec2-user", host: "54.12.0.7", command: "hostname")
/// let result = try await processes.run(login.command(environment: context.environment))
/// ```
public struct SSHLogin: Sendable, Hashable {
    /// `ssh -F` this file (it maps public IPs to the instances' loopback ports).
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

    /// The `ssh` invocation.
    public func command(environment: [String: String]) -> ProcessCommand {
        ProcessCommand(
            "ssh",
            [
                "-F", sshConfig, "-o", "UserKnownHostsFile=\(knownHosts)", "-o", "StrictHostKeyChecking=yes",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=10", "-i", key, "\(user)@\(host)", command,
            ],
            environment: environment)
    }

    /// Whether ssh's answer is the refusal the seed describes.
    public static func isPublicKeyRefusal(_ result: ProcessResult) -> Bool {
        result.status == 255 && result.standardError.contains("Permission denied (publickey)")
    }
}
