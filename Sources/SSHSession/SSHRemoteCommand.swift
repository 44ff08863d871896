/// One remote command run through the OpenSSH client: no prompts, the host key checked strictly (pinned, or the
/// user's own `known_hosts`), never accepted blindly.
///
/// This module only builds arguments; the caller runs `ssh` and reads what it printed:
///
/// ```swift
/// let remote = SSHRemoteCommand(user: "ec2-user", host: "54.12.0.7", identityFile: "~/.ssh/old-key.pem",
///                               knownHostsFile: pins, command: SSHRemoteCommand.readAuthorizedKeys)
/// let run = try await processes.run(ProcessCommand("ssh", remote.arguments, environment: environment))
/// if run.status != 0 { print(SSHProbeResult(status: run.status, standardError: run.standardError).failure as Any) }
/// ```
public struct SSHRemoteCommand: Sendable, Hashable {
    /// Prints the login user's `authorized_keys`. ssh hands the command to the remote user's shell as one string
    /// (ssh(1): "executed on the remote host instead of a login shell"), so the `~` is left unquoted on purpose:
    /// every shell (sh, bash, zsh, fish, csh) expands it to that user's home there, never here.
    public static let readAuthorizedKeys = "cat ~/.ssh/authorized_keys"

    /// The login user.
    public var user: String
    /// The host name or address, as the user typed it (an `ssh_config` may map it to another).
    public var host: String
    /// The port, or nil for ssh's own choice (22, or the config's `Port`).
    public var port: Int?
    /// The private key file to log in with (`-i`, only its path is passed), or nil for ssh's defaults and agent.
    public var identityFile: String?
    /// A `known_hosts` file with the pinned host keys (see ``KnownHosts``), or nil to check the host against the
    /// user's own `known_hosts` files.
    public var knownHostsFile: String?
    /// An `ssh_config` to read instead of none at all.
    public var sshConfig: String?
    /// Seconds for the TCP connection and the SSH banner (ssh's `ConnectTimeout`).
    public var connectTimeout: Int
    /// The command line the remote shell runs.
    public var command: String

    /// A remote command from its parts.
    public init(user: String, host: String, port: Int? = nil, identityFile: String? = nil, knownHostsFile: String? = nil,
                sshConfig: String? = nil, connectTimeout: Int = 10, command: String)
    {
        self.user = user
        self.host = host
        self.port = port
        self.identityFile = identityFile
        self.knownHostsFile = knownHostsFile
        self.sshConfig = sshConfig
        self.connectTimeout = connectTimeout
        self.command = command
    }

    /// The arguments of the `ssh` invocation (the program is always `ssh`).
    ///
    /// `-F /dev/null` unless a config is given, for the reasons ``SSHProbe/arguments`` gives; a given config cannot
    /// weaken the options here, since ssh keeps the first value it sees and the command line comes first
    /// (ssh_config(5)). `StrictHostKeyChecking=yes` always: an unknown or changed host key ends the connection
    /// before any key is offered.
    public var arguments: [String] {
        var arguments = ["-F", sshConfig ?? "/dev/null"]
        if let port { arguments += ["-p", String(port)] }
        // LogLevel=ERROR: the messages read back (Permission denied, Host key verification failed, connect errors)
        // are printed at that level, and a config's `LogLevel QUIET` would hide them.
        var options = ["BatchMode=yes", "StrictHostKeyChecking=yes", "LogLevel=ERROR"]
        if let knownHostsFile {
            options += ["UserKnownHostsFile=\(SSHArguments.pathValue(knownHostsFile))", "GlobalKnownHostsFile=/dev/null"]
        }
        // With -i only that key is offered (not every key of the agent), so MaxAuthTries is not spent on others.
        if identityFile != nil { options.append("IdentitiesOnly=yes") }
        // No terminal: a config's `RequestTTY force` would turn the output's newlines into CRLF.
        options += ["ConnectTimeout=\(connectTimeout)", "RequestTTY=no", "ControlMaster=no", "ControlPath=none",
                    "ClearAllForwardings=yes"]
        for option in options { arguments += ["-o", option] }
        if let identityFile { arguments += ["-i", SSHArguments.percentEscaped(identityFile)] }
        // `--` so that a user name starting with `-` cannot be read as an option.
        return arguments + ["--", "\(user)@\(host)", command]
    }

    /// Whether the remote command failed because the file it read does not exist (`cat: FILE: No such file or
    /// directory`, status 1): ssh itself ends with 255 and never says that.
    public static func isMissingFile(status: Int32, standardError: String) -> Bool {
        status != 0 && status != 255 && standardError.contains("No such file or directory")
    }
}
