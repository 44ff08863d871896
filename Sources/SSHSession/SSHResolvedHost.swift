/// Where ssh really connects for `user@host` once an `ssh_config` has had its say (`HostName`, `Port`,
/// `HostKeyAlias`), read from `ssh -G`, which prints the configuration and connects nowhere (ssh(1) `-G`).
///
/// Pins are written under the name ssh looks the host key up by: the alias if there is one, else the resolved host
/// name with its port (sshconnect.c, get_hostfile_hostname_ipaddr).
///
/// ```swift
/// let query = SSHResolvedHost.arguments(user: "ec2-user", host: "54.12.0.7", port: nil, sshConfig: "lab/ssh_config")
/// let run = try await processes.run(ProcessCommand("ssh", query, environment: environment))
/// let resolved = SSHResolvedHost(output: run.standardOutput, host: "54.12.0.7", port: nil)
/// resolved.knownHostsNames   // ["54.12.0.7"] with `HostKeyAlias 54.12.0.7`, else ["[127.0.0.1]:2201", …]
/// ```
public struct SSHResolvedHost: Sendable, Hashable {
    /// The address ssh connects to (`hostname`).
    public var hostname: String
    /// The port ssh connects to (`port`).
    public var port: Int
    /// The config's `HostKeyAlias`, if any.
    public var hostKeyAlias: String?
    /// The host as typed, with the port given on the command line.
    public var typedHost: String
    /// The port given on the command line, if any.
    public var typedPort: Int?

    /// The `ssh -G` arguments that print the configuration for this destination.
    public static func arguments(user: String, host: String, port: Int?, sshConfig: String?) -> [String] {
        var arguments = ["-G", "-F", sshConfig ?? "/dev/null"]
        if let port { arguments += ["-p", String(port)] }
        return arguments + ["--", "\(user)@\(host)"]
    }

    /// Reads `ssh -G`'s `keyword value` lines; what is missing falls back to the typed host and port (22).
    public init(output: String, host: String, port: Int?) {
        var values: [String: String] = [:]
        for line in output.split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            values[parts[0].lowercased()] = String(parts[1])
        }
        hostname = values["hostname"] ?? host
        self.port = values["port"].flatMap(Int.init) ?? port ?? 22
        hostKeyAlias = values["hostkeyalias"].flatMap { $0 == "none" ? nil : $0 }
        typedHost = host
        typedPort = port
    }

    /// The host fields a pin is written under: the name ssh looks up, and the typed one (harmless when unused).
    public var knownHostsNames: [String] {
        var names: [String] = []
        if let hostKeyAlias { names.append(hostKeyAlias) }
        for name in [KnownHosts.hostPattern(host: hostname, port: port), KnownHosts.hostPattern(host: typedHost, port: typedPort ?? port)]
        where !names.contains(name) {
            names.append(name)
        }
        return names
    }
}
