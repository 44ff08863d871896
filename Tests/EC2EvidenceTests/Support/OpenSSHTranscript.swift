import AMIKeyTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Real OpenSSH client output made at test time: `ssh` talks to an `sshd -i` that its ProxyCommand starts for the one
/// connection (no listening port, no daemon left behind), with host and user keys ssh-keygen makes here. ssh then
/// names the server 127.0.0.1, as in the lab.
final class OpenSSHTranscript {
    let directory: TempDirectory
    /// The user ssh logs in as: whoever runs the tests (sshd not running as root can only log in its own user).
    let user: String

    init() throws {
        directory = try TempDirectory()
        user = NSUserName()
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", directory.path("host_key")])
        try directory.write("authorized_keys", "")
        try directory.write("sshd_config", """
            HostKey \(directory.path("host_key"))
            AuthorizedKeysFile \(directory.path("authorized_keys"))
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            StrictModes no

            """)
    }

    /// Makes a key pair with ssh-keygen; returns the private key's path.
    @discardableResult
    func makeKey(_ name: String, type: String = "ed25519") throws -> String {
        try Oracle.run("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", name, "-f", directory.path(name)])
        return directory.path(name)
    }

    /// `ssh-keygen -l`'s `SHA256:…` for a key made by `makeKey`.
    func fingerprint(_ name: String) throws -> String {
        let line = try Oracle.run("ssh-keygen", ["-l", "-f", directory.path(name + ".pub")])
        return line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
    }

    /// Writes authorized_keys: each entry is a key name made by `makeKey`, with options before it if given.
    func authorize(_ entries: [(options: String?, key: String)]) throws {
        let lines = try entries.map { entry in
            let key = try directory.read(entry.key + ".pub").trimmingCharacters(in: .newlines)
            return entry.options.map { "\($0) \(key)" } ?? key
        }
        try directory.write("authorized_keys", lines.joined(separator: "\n") + "\n")
    }

    /// Runs ssh against the inetd-mode sshd and returns what the user's terminal shows: stderr, then stdout.
    func connect(_ options: [String], sshd sshdOptions: [String] = [], user: String? = nil, command: String = "true") throws -> String {
        let sshd = ([try Self.sshd(), "-i", "-f", directory.path("sshd_config")] + sshdOptions.flatMap { ["-o", $0] }).joined(separator: " ")
        return try run(["-o", "ProxyCommand=\(sshd)"] + options, destination: "\(user ?? self.user)@127.0.0.1", command: command)
    }

    /// Runs `ssh OPTIONS DESTINATION COMMAND` and returns stderr, then stdout. ssh keeps the first value it is given
    /// for an option, so `options` override the defaults here (no config file, no prompts, no known_hosts).
    func run(_ options: [String], destination: String, command: String = "true") throws -> String {
        let defaults = ["-F", "/dev/null", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "StrictHostKeyChecking=no",
                        "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes"]
        let outcome = try Oracle.runAllowingFailure("ssh", options + defaults + [destination, command])
        return outcome.stderr + String(decoding: outcome.stdout, as: UTF8.self)
    }

    /// sshd's absolute path (sshd refuses to run from a relative one); /usr/sbin is often not on a user's PATH.
    static func sshd() throws -> String {
        if let path = try? Oracle.path(of: "sshd") { return path }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") else { return try Oracle.path(of: "sshd") }
        return "/usr/sbin/sshd"
    }

    /// The software version sshd announces: the identification line it writes first (`SSH-2.0-OpenSSH_9.2p1 …`),
    /// read from an `sshd -i` whose client hangs up at once.
    func serverSoftware() throws -> String {
        let outcome = try Oracle.execute(try Self.sshd(), ["-i", "-f", directory.path("sshd_config")], stdin: [])
        let line = String(decoding: outcome.stdout, as: UTF8.self).prefix { !$0.isNewline }
        return String(line.dropFirst("SSH-2.0-".count))
    }

    /// The client's own banner from `ssh -V` (`OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL …`), up to the comma.
    static func banner() throws -> String {
        let outcome = try Oracle.runAllowingFailure("ssh", ["-V"])
        return String(outcome.stderr.prefix { $0 != "," && $0 != "\n" })
    }
}

