import SSHKeys

/// `known_hosts` text that pins a host to given host keys, so ssh with `StrictHostKeyChecking=yes` connects only
/// to a server holding one of them.
///
/// ```swift
/// let pins = KnownHosts.lines(hostPublicKeys: console.hostPublicKeys, host: "54.12.0.7", port: nil)
/// // "54.12.0.7 ssh-ed25519 AAAAC3Nz…\n54.12.0.7 ecdsa-sha2-nistp256 AAAAE2Vj…\n"
/// ```
public enum KnownHosts {
    /// One `host keytype base64` line per well-formed host key (comments dropped; lines that are not a public key,
    /// and certificates, which would need a `@cert-authority` line instead, are skipped).
    ///
    /// The host is written `[host]:port` when `port` is given and not 22, as ssh looks it up (sshd(8),
    /// SSH_KNOWN_HOSTS FILE FORMAT).
    public static func lines(hostPublicKeys: [String], host: String, port: Int?) -> String {
        let name = hostPattern(host: host, port: port)
        return hostPublicKeys.compactMap { line -> String? in
            guard let key = try? SSHPublicKey(openSSHRepresentation: line), key.certificate == nil else { return nil }
            return "\(name) \(key.openSSHRepresentation())\n"
        }.joined()
    }

    /// The host field ssh matches: `host`, or `[host]:port` for a non-standard port.
    public static func hostPattern(host: String, port: Int?) -> String {
        guard let port, port != 22 else { return host }
        return "[\(host)]:\(port)"
    }
}
