import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A real OpenSSH `sshd` on 127.0.0.1 and a free port, with its own config, host keys (made by ssh-keygen at start)
/// and one `authorized_keys` file per user; never the machine's own sshd. Start one per suite.
///
/// sshd's `StrictModes` checks every directory above an `authorized_keys` file, and the temporary directory is
/// world-writable, so the server lives under `/run` (root's, mode 0755) instead; this needs root, as the lab does.
/// sshd runs under a shell guard that stops it and removes its directory once this test process is gone.
///
/// ```swift
/// let server = try SSHDServer(users: ["root", "daemon"])
/// try server.authorize(user: "root", keys: [pub1, pub2])
/// // ssh -p \(server.port) root@127.0.0.1 …
/// ```
public final class SSHDServer: @unchecked Sendable {  // `Process` is not Sendable; it is only read after start-up.
    /// The port sshd listens on.
    public let port: Int
    /// The server's own directory (config, host keys, `authorized/<user>` files, log).
    public let directory: String
    /// The host public key files (`ssh_host_<type>_key.pub`), ed25519, ecdsa and rsa (1024 bits).
    public let hostPublicKeyFiles: [String]
    /// sshd's log (`LogLevel VERBOSE`), to see why it refused a key.
    public let logPath: String
    private let process: Process

    /// Host key types, as cloud-init makes them.
    public static let hostKeyTypes = ["ed25519", "ecdsa", "rsa"]

    /// Starts sshd allowing `users` (existing accounts; their `authorized_keys` start empty) and waits until it listens;
    /// `extraConfig` lines are appended to its sshd_config (such as `SetEnv HOME=…`, a home of the test's own for
    /// remote commands, since the accounts' real homes are the machine's).
    public init(users: [String], extraConfig: [String] = []) throws {
        guard geteuid() == 0 else {
            throw Oracle.Failure(description: "SSHDServer needs root: sshd reads each user's authorized_keys as that user")
        }
        let root = "/run/amikey-test-sshd-\(UUID().uuidString)"
        directory = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        // Until the guard shell runs (it then owns the directory), a failure removes the directory here.
        var started = false
        defer { if !started { try? FileManager.default.removeItem(atPath: root) } }
        try FileManager.default.createDirectory(atPath: directory + "/authorized", withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        // sshd's privilege-separation directory (Debian's sshd refuses to start without it).
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        logPath = directory + "/sshd.log"
        var hostKeys: [String] = []
        for type in Self.hostKeyTypes {
            let key = "\(directory)/ssh_host_\(type)_key"
            // RSA at 1024 bits (the least ssh and sshd take): a 3072-bit key takes seconds on a busy machine.
            let bits = type == "rsa" ? ["-b", "1024"] : []
            try Oracle.run("ssh-keygen", ["-q", "-t", type] + bits + ["-N", "", "-C", "amikey-test-host", "-f", key])
            hostKeys.append(key)
        }
        hostPublicKeyFiles = hostKeys.map { $0 + ".pub" }
        port = try Self.freePort()
        let config = [
            "Port \(port)", "ListenAddress 127.0.0.1",
        ] + hostKeys.map { "HostKey \($0)" } + [
            "PidFile \(directory)/sshd.pid", "StrictModes yes", "PubkeyAuthentication yes",
            "AuthorizedKeysFile \(directory)/authorized/%u", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password", "UsePAM no", "PrintMotd no", "LogLevel VERBOSE",
            "AllowUsers \(users.joined(separator: " "))",
        ] + extraConfig + [""]
        let configPath = directory + "/sshd_config"
        guard FileManager.default.createFile(atPath: configPath, contents: Data(config.joined(separator: "\n").utf8),
                                             attributes: [.posixPermissions: 0o644])
        else { throw Oracle.Failure(description: "could not write \(configPath)") }
        let sshd = "/usr/sbin/sshd"

        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell starts sshd and watches this test process, its parent: once that is gone (a normal exit, a
        // crash or a kill), it stops sshd and removes the server's directory.
        process.arguments = [
            "-c",
            #"parent=$PPID; "$0" -D -e -f "$1" >>"$2" 2>&1 </dev/null & sshd=$!; "#
                + #"while kill -0 "$parent" 2>/dev/null && kill -0 "$sshd" 2>/dev/null; do sleep 1; done; "#
                + #"kill "$sshd" 2>/dev/null; wait "$sshd"; rm -rf -- "$3""#,
            sshd, configPath, logPath, directory,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        for user in users { try authorize(user: user, keys: []) }
        let check = try Oracle.execute(sshd, ["-t", "-f", configPath])
        guard check.status == 0 else { throw Oracle.Failure(description: "sshd -t refused the test config: \(check.stderr)") }
        try process.run()
        started = true
        try waitUntilListening()
    }

    /// Writes `user`'s `authorized_keys` (one line per key) with `mode`; sshd reads it afresh on every connection.
    public func authorize(user: String, keys: [String], mode: Int = 0o644) throws {
        let path = authorizedKeysPath(user: user)
        let text = keys.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" }.joined()
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw Oracle.Failure(description: "could not write \(path)")
        }
        // Set after writing: createFile's attributes pass through the umask, which would hide a group-writable mode.
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    /// Where `user`'s `authorized_keys` is.
    public func authorizedKeysPath(user: String) -> String { "\(directory)/authorized/\(user)" }

    /// sshd's log so far.
    public func log() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Waits (up to ten seconds) for sshd's `Server listening on 127.0.0.1 port N.`.
    private func waitUntilListening() throws {
        for _ in 0..<200 {
            if log().contains("Server listening on 127.0.0.1 port \(port)") { return }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        throw Oracle.Failure(description: "sshd did not listen on 127.0.0.1:\(port): \(log())")
    }

    /// A loopback port nothing listens on right now (the kernel picks it).
    public static func freePort() throws -> Int {
        try LoopbackSocket.freePort()
    }
}
