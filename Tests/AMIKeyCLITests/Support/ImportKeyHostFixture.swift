import AMIKeyTestSupport
import Foundation
import SSHKeys
import SSHSession

/// A real sshd standing in for the source instance of `import-key --from-host`, started once per test process.
///
/// root logs in with CLIKeys' RSA key (`login`, given with -i); the file the remote `cat ~/.ssh/authorized_keys`
/// prints is the test's own (sshd's `SetEnv HOME=…`), never the machine's: line 1 an Ed25519 key with options,
/// line 2 a comment, line 3 the login key's public half, line 4 an ECDSA key EC2 cannot take.
final class ImportKeyHostFixture: Sendable {
    static let shared = Result { try ImportKeyHostFixture() }

    let server: SSHDServer
    /// A server whose root has no `~/.ssh/authorized_keys` at all.
    let bareServer: SSHDServer
    /// Holds the private key, pins, configs and the fake homes.
    let directory: String
    /// `-i`: the private key that logs in (CLIKeys' RSA key, mode 0600).
    let login: String
    /// A private key the server does not accept.
    let stranger: String
    /// The server's host public keys, as `type base64 comment` lines.
    let hostKeys: [String]
    /// The instance's console output with the server's host-key block.
    let consoleOutput: String
    /// An ssh_config whose known_hosts holds the server's host keys (the user's own known_hosts, as it were).
    let knownConfig: String
    /// An ssh_config whose known_hosts is empty.
    let unknownConfig: String

    private init() throws {
        let keys = try CLIKeys.load()
        let fixtures = try ImportKeyFixtures.load()
        // Everything lives in the bare server's directory, which its guard removes when the test process ends. The
        // suite's tests run at once and ssh-keyscan opens a connection per key type: past sshd's default MaxStartups
        // (10 unauthenticated connections) it would drop some at random.
        let startups = "MaxStartups 100"
        bareServer = try SSHDServer(users: ["root"], extraConfig: ["SetEnv HOME=/nonexistent/amikey-test-home", startups])
        directory = bareServer.directory + "/client"
        try FileManager.default.createDirectory(atPath: directory + "/home/.ssh", withIntermediateDirectories: true)
        server = try SSHDServer(users: ["root"], extraConfig: ["SetEnv HOME=\(directory)/home", startups])

        login = directory + "/login"
        try Data(keys.files["rsa"]!).write(to: URL(fileURLWithPath: login))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: login)
        stranger = directory + "/stranger"
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", stranger])
        let loginPublic = String(decoding: keys.files["rsa.pub"]!, as: UTF8.self).trimmingCharacters(in: .newlines)
        for server in [server, bareServer] { try server.authorize(user: "root", keys: [loginPublic]) }
        let ed25519 = String(decoding: keys.files["ed25519.pub"]!, as: UTF8.self).trimmingCharacters(in: .newlines)
        try """
            command="echo hi",no-pty,from="10.0.0.0/8" \(ed25519)
            # the admins
            \(loginPublic)
            \(fixtures.files["ecdsa.pub"]!.trimmingCharacters(in: .newlines))

            """.write(toFile: directory + "/home/.ssh/authorized_keys", atomically: false, encoding: .utf8)

        hostKeys = try server.hostPublicKeyFiles.map { try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .newlines) }
        consoleOutput = directory + "/console.txt"
        try ([
            "[    9.021874] cloud-init[612]: Cloud-init v. 22.4.2 running 'modules:final'",
            "-----BEGIN SSH HOST KEY KEYS-----",
        ] + hostKeys + ["-----END SSH HOST KEY KEYS-----", ""]).joined(separator: "\r\n")
            .write(toFile: consoleOutput, atomically: false, encoding: .utf8)

        let known = try Self.write(KnownHosts.lines(hostPublicKeys: hostKeys, host: "127.0.0.1", port: server.port),
                                   to: directory + "/known_hosts")
        let empty = try Self.write("", to: directory + "/empty_known_hosts")
        knownConfig = try Self.write("Host *\n  UserKnownHostsFile \(known)\n  GlobalKnownHostsFile /dev/null\n", to: directory + "/known_config")
        unknownConfig = try Self.write("Host *\n  UserKnownHostsFile \(empty)\n  GlobalKnownHostsFile /dev/null\n",
                                       to: directory + "/unknown_config")
    }

    /// The server's host key of `type` (`ssh-ed25519`, `ssh-rsa`, …).
    func hostKey(_ type: String) throws -> SSHPublicKey {
        try SSHPublicKey(openSSHRepresentation: hostKeys.first { $0.hasPrefix(type + " ") }!)
    }

    private static func write(_ text: String, to path: String) throws -> String {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }
}
