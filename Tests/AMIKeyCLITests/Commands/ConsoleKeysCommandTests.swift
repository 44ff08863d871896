import ArgumentParser
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyCLI

/// `amikey console-keys` from argv to output: DESIGN.md's JSON shape and order, the text report, stdin, exit codes.
@Suite("amikey console-keys")
struct ConsoleKeysCommandTests {
    static let hostKey = SSHPrivateKey.generateEd25519(comment: "root@ip-10-0-0-1").publicKey
    static let userKey = SSHPrivateKey.generateEd25519(comment: "old key").publicKey

    /// Two boots: the first prints the table and host keys, the second only cloud-init's banner.
    static var console: String {
        let fingerprint = userKey.cloudInitFingerprint()
        let border = "+-------------+" + String(repeating: "-", count: fingerprint.count + 2) + "+---------+---------+"
        return [
            "[    0.000000] Linux version 6.1.0-18-cloud-amd64",
            "ci-info: ++++++Authorized keys from /home/ec2-user/.ssh/authorized_keys for user ec2-user++++++",
            "ci-info: " + border,
            "ci-info: |   Keytype   | " + "Fingerprint (sha256)".padding(fingerprint.count) + " | Options | Comment |",
            "ci-info: " + border,
            "ci-info: | ssh-ed25519 | \(fingerprint) |    -    | old key |",
            "ci-info: " + border,
            "ci-info: no authorized SSH keys fingerprints found for user deploy.",
            "<14>Nov 29 20:00:00 cloud-init: -----BEGIN SSH HOST KEY FINGERPRINTS-----",
            "<14>Nov 29 20:00:00 cloud-init: 256 \(hostKey.sha256Fingerprint) root@ip-10-0-0-1 (ED25519)",
            "<14>Nov 29 20:00:00 cloud-init: -----END SSH HOST KEY FINGERPRINTS-----",
            "-----BEGIN SSH HOST KEY KEYS-----",
            hostKey.openSSHRepresentation(comment: "root@ip-10-0-0-1"),
            "-----END SSH HOST KEY KEYS-----",
            "[    0.000000] Linux version 6.1.0-18-cloud-amd64",
            "Cloud-init v. 22.4.2 finished at Sun, 29 Nov 2026 20:00:09 +0000. Datasource DataSourceEc2Local.  Up 9.03 seconds",
        ].joined(separator: "\r\n") + "\r\n"
    }

    /// A third boot that stopped in emergency mode: the text report shows it; the JSON keeps DESIGN.md's fields only.
    @Test("the latest boot's failures are in the text report, not in the JSON")
    func bootProblems() async throws {
        let cli = try CLI()
        _ = try cli.directory.write("console.txt", Self.console + "[    0.000000] Linux version 6.1.0-18-cloud-amd64\n"
            + "[\u{1B}[0;1;31mFAILED\u{1B}[0m] Failed to mount /data.\nYou are in emergency mode. After logging in, type \"journalctl -xb\"\n")
        let text = await cli.run("console-keys", "console.txt", "--no-color")
        #expect(text.stdout.contains("Boot problems  (boot 3 of 3; sshd may not be running: amikey doctor says what to do)"), "\(text.stdout)")
        #expect(text.stdout.contains("  ! line 18: [FAILED] Failed to mount /data."), "\(text.stdout)")
        let json = await cli.run("console-keys", "console.txt", "--output", "json")
        #expect(try json.json().keys == ["authorizedKeys", "hostKeys", "hostPublicKeys", "cloudInit"])
    }

    @Test("JSON: DESIGN.md's fields in its order, from a file")
    func json() async throws {
        let cli = try CLI()
        _ = try cli.directory.write("console.txt", Self.console)

        let run = await cli.run("console-keys", "console.txt", "--output", "json")

        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let object = try run.json()
        #expect(object.keys == ["authorizedKeys", "hostKeys", "hostPublicKeys", "cloudInit"])
        let tables = try #require(object["authorizedKeys"]).array
        #expect(tables.count == 2)
        #expect(tables[0].keys == ["user", "file", "hash", "keys"])
        #expect(tables[0]["user"]?.string == "ec2-user")
        #expect(tables[0]["file"]?.string == "/home/ec2-user/.ssh/authorized_keys")
        #expect(tables[0]["hash"]?.string == "sha256")
        let key = try #require(tables[0]["keys"]?[0])
        #expect(key.keys == ["type", "fingerprint", "options", "comment"])
        #expect(key["type"]?.string == "ssh-ed25519")
        #expect(key["fingerprint"]?.string == Self.userKey.cloudInitFingerprint())
        #expect(key["options"]?.isNull == true)
        #expect(key["comment"]?.string == "old key")
        #expect(tables[1] == .object([("user", .string("deploy")), ("file", .null), ("hash", .null), ("keys", .array([]))]))
        let host = try #require(object["hostKeys"]?[0])
        #expect(host.keys == ["type", "bits", "fingerprint", "comment"])
        #expect(host == .object([("type", .string("ED25519")), ("bits", .number(256)),
                                 ("fingerprint", .string(Self.hostKey.sha256Fingerprint)), ("comment", .string("root@ip-10-0-0-1"))]))
        #expect(object["hostPublicKeys"] == .array([.string(Self.hostKey.openSSHRepresentation(comment: "root@ip-10-0-0-1"))]))
        #expect(object["cloudInit"] == .object([("version", .string("22.4.2")), ("datasource", .string("DataSourceEc2Local"))]))
    }

    @Test("- reads standard input; the text report says which boot each part came from")
    func standardInput() async throws {
        var cli = try CLI()
        cli.standardInput = Array(Self.console.utf8)

        let run = await cli.run("console-keys", "-")

        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("-: cloud-init 22.4.2, datasource DataSourceEc2Local (boot 2 of 2)"))
        #expect(run.stdout.contains("User ec2-user  (/home/ec2-user/.ssh/authorized_keys, sha256, boot 1 of 2, line 2)"))
        #expect(run.stdout.contains("ssh-ed25519  \(Self.userKey.cloudInitFingerprint())  old key"))
        #expect(run.stdout.contains("User deploy: no authorized keys"))
        #expect(run.stdout.contains(Self.hostKey.sha256Fingerprint))
    }

    @Test("exit codes: 0 evidence, 1 no cloud-init evidence, 3 unreadable", arguments: [
        ("console.txt", Int32(0)), ("kernel.txt", 1), ("missing.txt", 3), (".", 3),
    ] as [(String, Int32)])
    func exitCodes(_ path: String, _ status: Int32) async throws {
        let cli = try CLI()
        _ = try cli.directory.write("console.txt", Self.console)
        _ = try cli.directory.write("kernel.txt", "[    0.000000] Linux version 6.1.0\nip-10-0-0-1 login: \n")
        for format in ["text", "json"] {
            let run = await cli.run("console-keys", path, "--output", format)
            #expect(run.status == status, "\(format): \(run.stderr)")
            if status == 3 { #expect(run.stderr.hasPrefix("amikey: \(path): ") && run.stdout.isEmpty) }
            if status == 1 && format == "json" { #expect(try run.json()["cloudInit"]?.isNull == true) }
            if status == 1 && format == "text" { #expect(run.stdout.contains("no cloud-init evidence")) }
        }
    }
}
