/// `--from-host USER@HOST`: a running instance whose `~/.ssh/authorized_keys` is read over OpenSSH, and how its host
/// key is checked.
public struct ImportKeyHostSource: Sendable, Hashable {
    /// How the host key is checked; never by accepting whatever the host offers.
    public enum HostKeyCheck: Sendable, Hashable {
        /// The user's own `known_hosts` (ssh's defaults).
        case knownHosts
        /// `--host-key FP`: only host keys with this fingerprint (`SHA256:…` or MD5) are trusted.
        case fingerprint(String)
        /// `--console-output FILE|-`: the host keys of the instance's console host-key block.
        case consoleOutput(String)
    }

    /// The login user.
    public var user: String
    /// The host name or address.
    public var host: String
    /// `-i KEY`: the private key to log in with; only its path is given to ssh.
    public var identityFile: String?
    /// `--port P`.
    public var port: Int?
    /// `--ssh-config FILE`: an ssh_config to read (the lab reaches its instances through one); else none.
    public var sshConfig: String?
    /// How the host key is checked.
    public var hostKeyCheck: HostKeyCheck

    /// A host source from its parts.
    public init(user: String, host: String, identityFile: String? = nil, port: Int? = nil, sshConfig: String? = nil,
                hostKeyCheck: HostKeyCheck = .knownHosts)
    {
        self.user = user
        self.host = host
        self.identityFile = identityFile
        self.port = port
        self.sshConfig = sshConfig
        self.hostKeyCheck = hostKeyCheck
    }

    /// `host:USER@HOST`: the source named in the report, followed by `:LINE` for each key.
    public var label: String { "host:\(user)@\(host)" }
}
