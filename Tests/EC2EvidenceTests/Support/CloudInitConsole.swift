import AMIKeyTestSupport
import Foundation
import SSHKeys

/// Console-log pieces printed by cloud-init's own code (`Fixtures/cloudinit_console.py`, run with python3 at test
/// time) for keys `ssh-keygen` makes at test time, with the fingerprints `ssh-keygen -l` gives for them.
struct CloudInitConsole {
    /// A user key and what ssh-keygen says about it.
    struct UserKey {
        let publicLine: String
        let key: SSHPublicKey
        /// `ssh-keygen -l -E md5`, without the `MD5:` prefix: cloud-init's md5 cell.
        let md5: String
        /// `ssh-keygen -l -E sha256`'s base64, as cloud-init's hex-pairs sha256 cell.
        let sha256: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cloudinit_console.py").path

    let directory: TempDirectory
    let rsa: UserKey
    let ed25519: UserKey
    let hostKey: SSHPublicKey
    let hostKeyLine: String
    /// `ssh-keygen -l` of the host key, as the fingerprint block prints it.
    let hostKeygenLine: String

    init() throws {
        directory = try TempDirectory()
        rsa = try Self.userKey("rsa", comment: "old key", in: directory)
        ed25519 = try Self.userKey("ed25519", comment: "laptop", in: directory)
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "root@ip-10-0-0-1", "-f", directory.path("ssh_host_ed25519_key")])
        hostKeyLine = try directory.read("ssh_host_ed25519_key.pub").trimmingCharacters(in: .newlines)
        hostKey = try SSHPublicKey(openSSHRepresentation: hostKeyLine)
        hostKeygenLine = try Oracle.run("ssh-keygen", ["-l", "-f", directory.path("ssh_host_ed25519_key.pub")])
            .trimmingCharacters(in: .newlines)
    }

    private static func userKey(_ type: String, comment: String, in directory: TempDirectory) throws -> UserKey {
        try Oracle.run("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", comment, "-f", directory.path("user-\(type)")])
        let path = directory.path("user-\(type).pub")
        let line = try directory.read("user-\(type).pub").trimmingCharacters(in: .newlines)
        func keygen(_ hash: String) throws -> String {
            String(try Oracle.run("ssh-keygen", ["-l", "-E", hash, "-f", path]).split(separator: " ")[1])
        }
        let md5 = String(try keygen("md5").dropFirst("MD5:".count))
        let base64 = String(try keygen("sha256").dropFirst("SHA256:".count))
        let padded = base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let digest = try requireData(Data(base64Encoded: padded))
        let sha256 = digest.map { String(format: "%02x", $0) }.joined(separator: ":")
        return UserKey(publicLine: line, key: try SSHPublicKey(openSSHRepresentation: line), md5: md5, sha256: sha256)
    }

    /// The cloud-init version the fixtures are printed with.
    func version() throws -> String {
        try python(["version"]).trimmingCharacters(in: .newlines)
    }

    /// `cc_ssh_authkey_fingerprints` for `user` with `authorizedKeys` as the file's text (nil: no file).
    func table(user: String, authorizedKeys: String?, hash: String) throws -> String {
        let path = directory.path("authorized_keys-\(user)-\(hash)")
        if let authorizedKeys { _ = try directory.write("authorized_keys-\(user)-\(hash)", authorizedKeys) }
        return try python(["authkeys", user, "/home/\(user)/.ssh/authorized_keys", path, hash])
    }

    /// `write-ssh-key-fingerprints` over this fixture's host key, tagged `cloud-init` (21.2+) or `ec2` (before).
    func hostKeyBlocks(tag: String = "cloud-init") throws -> String {
        try python(["hostkeys", directory.path, tag])
    }

    /// `cc_final_message`'s default banner.
    func banner(datasource: String = "DataSourceEc2Local") throws -> String {
        try python(["banner", datasource])
    }

    private func python(_ arguments: [String]) throws -> String {
        try Oracle.run("python3", [Self.script] + arguments)
    }
}

/// A non-nil value, or a test failure naming what was missing.
func requireData(_ data: Data?) throws -> Data {
    guard let data else { throw Oracle.Failure(description: "ssh-keygen printed a fingerprint that is not base64") }
    return data
}
