/// `ssh-keyscan` for one host: the host keys it offers, to be compared with a fingerprint the user got elsewhere
/// (the instance's console output) before any of them is trusted.
///
/// This module only builds arguments and reads the output; the caller runs `ssh-keyscan`:
///
/// ```swift
/// let scan = SSHKeyScan(host: "54.12.0.7", port: 22)
/// let run = try await processes.run(ProcessCommand("ssh-keyscan", scan.arguments, environment: environment))
/// let offered = SSHKeyScan.hostPublicKeys(output: run.standardOutput)   // ["ssh-ed25519 AAAAC3Nz…", …]
/// ```
public struct SSHKeyScan: Sendable, Hashable {
    /// The host name or address to connect to (already resolved through any `ssh_config`).
    public var host: String
    /// The port, or nil for 22.
    public var port: Int?
    /// Seconds to wait for the host (`-T`).
    public var timeout: Int

    /// A scan from its parts.
    public init(host: String, port: Int? = nil, timeout: Int = 10) {
        self.host = host
        self.port = port
        self.timeout = timeout
    }

    /// The arguments of the `ssh-keyscan` invocation (every key type it knows, which is its default).
    public var arguments: [String] {
        var arguments = ["-T", String(timeout)]
        if let port { arguments += ["-p", String(port)] }
        // `--` so that a host starting with `-` cannot be read as an option.
        return arguments + ["--", host]
    }

    /// The `type base64` public key of each line of ssh-keyscan's output (`host type base64`, in known_hosts
    /// format, sshd(8) SSH_KNOWN_HOSTS FILE FORMAT); comment lines (`# host:port SSH-2.0-…`) and anything that is not
    /// a `host type base64` line are skipped.
    public static func hostPublicKeys(output: String) -> [String] {
        output.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 3 else { return nil }
            return "\(fields[1]) \(fields[2])"
        }
    }
}
