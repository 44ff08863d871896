import AMIKeyTestSupport
import Foundation
import SSHKeys
import SSHSession

/// One real sshd for the suite, client keys made by ssh-keygen, and host-key pins written by ``KnownHosts``.
///
/// root's authorized_keys holds k1, k3 and k9 (mode 0644); daemon's holds the same keys but is world-writable,
/// so `StrictModes` makes sshd ignore it.
final class SSHProbeFixture: Sendable {
    /// The suite's server, started on first use (or the same start-up failure for every test).
    static let shared = Result { try SSHProbeFixture() }

    let server: SSHDServer
    /// `k1` … `k9`: private key paths; `pub("k1")` is the public half.
    let directory: String
    /// Pins made from the server's own host key files.
    let pins: String
    /// Pins holding another Ed25519 host key.
    let wrongPins: String
    /// An empty known_hosts file.
    let noPins: String

    static let authorizedForRoot = ["k1", "k3", "k9"]

    private init() throws {
        server = try SSHDServer(users: ["root", "daemon"])
        let directory = server.directory + "/client"
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        for index in 1...9 {
            try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "k\(index)", "-f", "\(directory)/k\(index)"])
        }
        let authorized = try Self.authorizedForRoot.map { try String(contentsOfFile: "\(directory)/\($0).pub", encoding: .utf8) }
        try server.authorize(user: "root", keys: authorized)
        try server.authorize(user: "daemon", keys: authorized, mode: 0o666)

        let hostKeys = try server.hostPublicKeyFiles.map { try String(contentsOfFile: $0, encoding: .utf8) }
        pins = try Self.write(KnownHosts.lines(hostPublicKeys: hostKeys, host: "127.0.0.1", port: server.port), to: "\(directory)/pins")
        // Another Ed25519 key: ssh prefers the host key types it has pins for, so the server shows its Ed25519 key.
        let other = "\(directory)/other_host_ed25519"
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", other])
        let otherKey = try String(contentsOfFile: other + ".pub", encoding: .utf8)
        wrongPins = try Self.write(KnownHosts.lines(hostPublicKeys: [otherKey], host: "127.0.0.1", port: server.port),
                                   to: "\(directory)/wrong-pins")
        noPins = try Self.write("", to: "\(directory)/no-pins")
    }

    /// The public key file of `name`.
    func pub(_ name: String) -> String { "\(directory)/\(name).pub" }

    /// A probe of this server as `user` with `keys` (names, public halves) pinned to `pins` unless told otherwise.
    func probe(_ keys: [String], user: String = "root", pins: String? = nil, port: Int? = nil, connectTimeout: Int = 5) -> SSHProbe {
        SSHProbe(host: "127.0.0.1", port: port ?? server.port, user: user, publicKeyFiles: keys.map(pub),
                 knownHostsFile: pins ?? self.pins, connectTimeout: connectTimeout)
    }

    /// Runs real `ssh` with `probe`'s arguments (`extra` options first, so they win) and parses what it printed.
    func run(_ probe: SSHProbe, extra: [String] = []) throws -> (result: SSHProbeResult, transcript: String) {
        let outcome = try Oracle.runAllowingFailure("ssh", extra + probe.arguments)
        return (SSHProbeResult(status: outcome.status, standardError: outcome.stderr), outcome.stderr)
    }

    private static func write(_ text: String, to path: String) throws -> String {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
