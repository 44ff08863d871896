import AMIKeyTestSupport
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyCLI

/// `amikey doctor` offline, from argv to output: a saved console log, key files made by ssh-keygen at test time, the
/// client's error text; JSON fields, both languages, exit codes.
@Suite("amikey doctor (offline)")
struct DoctorCommandTests {
    /// K_A is in the instance's authorized_keys (its table row); K_B is not.
    struct Keys {
        let keyA: SSHPublicKey
        let keyB: SSHPublicKey
    }

    static func setUp(_ cli: CLI) throws -> Keys {
        for name in ["K_A", "K_B"] {
            try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", cli.directory.path(name)])
        }
        let keys = Keys(keyA: try SSHPublicKey(openSSHRepresentation: try cli.directory.read("K_A.pub")),
                        keyB: try SSHPublicKey(openSSHRepresentation: try cli.directory.read("K_B.pub")))
        _ = try cli.directory.write("console.txt", console(keys.keyA))
        return keys
    }

    /// A console log whose cloud-init table lists `key` for ec2-user, commented as key pair old-key.
    static func console(_ key: SSHPublicKey) -> String {
        let fingerprint = key.cloudInitFingerprint()
        let border = "+-------------+" + String(repeating: "-", count: fingerprint.count + 2) + "+---------+---------+"
        let header = "Fingerprint (sha256)" + String(repeating: " ", count: fingerprint.count - 20)
        return [
            "[    0.000000] Linux version 6.1.0-18-cloud-amd64",
            "ci-info: ++++++Authorized keys from /home/ec2-user/.ssh/authorized_keys for user ec2-user++++++",
            "ci-info: " + border,
            "ci-info: |   Keytype   | \(header) | Options | Comment |",
            "ci-info: " + border,
            "ci-info: | ssh-ed25519 | \(fingerprint) |    -    | old-key |",
            "ci-info: " + border,
            "Cloud-init v. 22.4.2 finished at Sun, 29 Nov 2026 20:00:09 +0000. Datasource DataSourceEc2Local.  Up 9.03 seconds",
        ].joined(separator: "\n") + "\n"
    }

    @Test("the key tried is not in the table: local-key-mismatch, exit 1, the table's key named")
    func mismatch() async throws {
        let cli = try CLI()
        let keys = try Self.setUp(cli)
        let run = await cli.run("doctor", "--console-output", "console.txt", "--key", "K_B", "--output", "json")
        #expect(run.status == 1, "\(run.allOutput)")
        let object = try run.json()
        #expect(object.keys == ["verdict", "findings", "acceptedKeys", "loginUser", "instance", "image", "callerAccount", "unchecked"])
        #expect(object["verdict"]?.string == "local-key-mismatch")
        let finding = try #require(object["findings"]?[0])
        #expect(finding.keys == ["code", "severity", "summary", "evidence", "remedies"])
        #expect(finding["severity"]?.string == "problem")
        let accepted = try #require(object["acceptedKeys"]?[0])
        #expect(accepted["user"]?.string == "ec2-user")
        #expect(accepted["fingerprint"]?.string == keys.keyA.cloudInitFingerprint())
        #expect(accepted["comment"]?.string == "old-key")
        #expect(accepted["matches"]?.array.isEmpty == true)
        #expect(object["loginUser"]?["name"]?.string == "ec2-user")
        #expect(object["instance"]?.isNull == true)
    }

    @Test("the original key file is found among the files given: ok, exit 0, and how to log in")
    func healthy() async throws {
        let cli = try CLI()
        _ = try Self.setUp(cli)
        let run = await cli.run("doctor", "--console-output", "console.txt", "--key", "K_A", "--key", "K_B.pub", "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let object = try run.json()
        #expect(object["verdict"]?.string == "ok")
        let match = try #require(object["acceptedKeys"]?[0]?["matches"]?[0])
        #expect(match["kind"]?.string == "file")
        #expect(match["source"]?.string == "K_A")
        #expect(match["privateKey"]?.bool == true)
        let commands = object["findings"]?[0]?["remedies"]?[0]?["commands"]?.array.compactMap(\.string) ?? []
        #expect(commands.first == "ssh -i K_A ec2-user@HOST")
    }

    @Test("--user names another user than the table's: wrong-login-user")
    func wrongUser() async throws {
        let cli = try CLI()
        _ = try Self.setUp(cli)
        let run = await cli.run("doctor", "--console-output", "console.txt", "--key", "K_A", "--user", "ubuntu", "--output", "json")
        #expect(run.status == 1)
        #expect(try run.json()["verdict"]?.string == "wrong-login-user")
    }

    @Test("text in English by default, in Japanese with --lang ja or a Japanese locale")
    func languages() async throws {
        var cli = try CLI()
        _ = try Self.setUp(cli)
        let english = await cli.run("doctor", "--console-output", "console.txt", "--key", "K_B")
        #expect(english.stdout.contains("local-key-mismatch"))
        #expect(english.stdout.contains("What we found:"))
        #expect(english.stdout.contains("K_B (SHA256:"))
        let japanese = await cli.run("doctor", "--console-output", "console.txt", "--key", "K_B", "--lang", "ja")
        #expect(japanese.stdout.contains("見つかったこと:"))
        #expect(japanese.stdout.contains("インストールされていません"))
        cli.variables["LANG"] = "ja_JP.UTF-8"
        let locale = await cli.run("doctor", "--console-output", "console.txt", "--key", "K_B")
        #expect(locale.stdout == japanese.stdout)
    }

    @Test("console log from standard input")
    func standardInput() async throws {
        var cli = try CLI()
        let keys = try Self.setUp(cli)
        cli.standardInput = Array(Self.console(keys.keyA).utf8)
        let run = await cli.run("doctor", "--console-output", "-", "--key", "K_A", "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
    }

    @Test("usage errors exit 2", arguments: [
        ["doctor"],
        ["doctor", "--key", "K_A"],
        ["doctor", "--console-output", "console.txt", "--probe"],
        ["doctor", "--console-output", "console.txt", "--error", "x", "--error-file", "y"],
        ["doctor", "--console-output", "console.txt", "--lang", "fr"],
    ])
    func usage(_ arguments: [String]) async throws {
        let cli = try CLI()
        let run = await cli.run(arguments)
        #expect(run.status == 2, "\(run.allOutput)")
    }

    @Test("an unreadable console log: exit 3, the file named")
    func unreadable() async throws {
        let cli = try CLI()
        let run = await cli.run("doctor", "--console-output", "missing.txt")
        #expect(run.status == 3)
        #expect(run.stderr.contains("missing.txt"))
    }

    @Test("a --key file that is not a key: local-key-file-problem naming it")
    func badKeyFile() async throws {
        let cli = try CLI()
        _ = try Self.setUp(cli)
        _ = try cli.directory.write("notes.pem", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n")
        let run = await cli.run("doctor", "--console-output", "console.txt", "--key", "notes.pem", "--output", "json")
        #expect(run.status == 1)
        let object = try run.json()
        #expect(object["verdict"]?.string == "local-key-file-problem")
        #expect(object["findings"]?[0]?["evidence"]?[0]?.string?.hasPrefix("notes.pem: ") == true)
    }

    /// `Get-Content K_A > K_A-powershell` in Windows PowerShell 5 writes UTF-16: ssh says "invalid format". Doctor names
    /// the cause, and the command it suggests writes a file ssh-keygen reads as the same key.
    @Test("a private key saved as UTF-16: local-key-file-problem, and the suggested convert gives ssh a UTF-8 file")
    func utf16KeyFile() async throws {
        let cli = try CLI()
        let keys = try Self.setUp(cli)
        let utf16 = [0xFF, 0xFE] + (try Oracle.runBytes("iconv", ["-f", "UTF-8", "-t", "UTF-16LE", cli.directory.path("K_A")]))
        try Data(utf16).write(to: URL(fileURLWithPath: cli.directory.path("K_A-powershell")))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cli.directory.path("K_A-powershell"))

        let run = await cli.run("doctor", "--console-output", "console.txt", "--key", "K_A-powershell", "--output", "json")
        #expect(run.status == 1, "\(run.allOutput)")
        let object = try run.json()
        #expect(object["verdict"]?.string == "local-key-file-problem", "\(run.stdout)")
        let finding = try #require(object["findings"]?.array.first { $0["code"]?.string == "local-key-file-problem" })
        #expect(finding["evidence"]?[0]?.string?.hasPrefix("K_A-powershell is UTF-16 text") == true, "\(finding)")
        let command = try #require(finding["remedies"]?[0]?["commands"]?[0]?.string)
        #expect(command == "amikey convert K_A-powershell --to openssh -o K_A-powershell-utf8")

        let converted = await cli.run(Array(command.split(separator: " ").dropFirst().map(String.init)))
        #expect(converted.status == 0, "\(converted.allOutput)")
        let publicLine = try Oracle.run("ssh-keygen", ["-y", "-f", cli.directory.path("K_A-powershell-utf8")])
        #expect(try SSHPublicKey(openSSHRepresentation: publicLine) == keys.keyA)
    }

    /// cloud-init's own table (Tests/EC2EvidenceTests/Fixtures/cloudinit_console.py) for an authorized_keys line whose
    /// expiry-time has passed: the key is listed, yet sshd no longer takes it.
    @Test("an expired expiry-time in cloud-init's table: key-installed-but-refused")
    func expiredKeyOption() async throws {
        let cli = try CLI()
        _ = try Self.setUp(cli)
        let line = try cli.directory.read("K_A.pub").trimmingCharacters(in: .whitespacesAndNewlines)
        let authorizedKeys = try cli.directory.write("authorized_keys", "no-pty,expiry-time=\"20200101\" \(line)\n")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EC2EvidenceTests/Fixtures/cloudinit_console.py").path
        let table = try Oracle.run("python3", [script, "authkeys", "ec2-user", "/home/ec2-user/.ssh/authorized_keys", authorizedKeys, "sha256"])
        #expect(table.contains(#"no-pty,expiry-time="20200101""#), "cloud-init prints the options: \(table)")
        _ = try cli.directory.write("console-expired.txt", "[    0.000000] Linux version 6.1.0-18-cloud-amd64\n" + table)

        let run = await cli.run("doctor", "--console-output", "console-expired.txt", "--key", "K_A", "--output", "json")
        #expect(run.status == 1, "\(run.allOutput)")
        let object = try run.json()
        #expect(object["verdict"]?.string == "key-installed-but-refused", "\(run.stdout)")
        #expect(object["findings"]?[0]?["evidence"]?[0]?.string?.contains(#"has expiry-time="20200101": sshd stopped accepting it on 2020-01-01"#) == true,
                "\(run.stdout)")
    }

    /// The seed's console, then a reboot that stopped in emergency mode: no key question matters while sshd is down.
    @Test("a latest boot in emergency mode: not-reachable, with the console lines and the fstab repair")
    func emergencyMode() async throws {
        let cli = try CLI()
        let keys = try Self.setUp(cli)
        _ = try cli.directory.write("console-emergency.txt", Self.console(keys.keyA) + """
            [    0.000000] Linux version 6.1.0-18-cloud-amd64
            [ TIME ] Timed out waiting for device /dev/xvdf.
            You are in emergency mode. After logging in, type "journalctl -xb" to view

            """)
        let run = await cli.run("doctor", "--console-output", "console-emergency.txt", "--key", "K_A", "--output", "json")
        #expect(run.status == 1, "\(run.allOutput)")
        let object = try run.json()
        #expect(object["verdict"]?.string == "not-reachable", "\(run.stdout)")
        #expect(object["findings"]?[0]?["evidence"]?[0]?.string == "console-emergency.txt, line 10 (boot 2 of 2): [ TIME ] Timed out waiting for device /dev/xvdf.",
                "\(run.stdout)")
    }

    @Test("without --key, key files in ~/.ssh and the current directory are compared; no private key is printed")
    func inventory() async throws {
        let cli = try CLI()
        _ = try Self.setUp(cli)
        try FileManager.default.createDirectory(atPath: cli.directory.path("home/.ssh"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: cli.directory.path("K_A"), toPath: cli.directory.path("home/.ssh/id_ed25519"))
        let run = await cli.run("doctor", "--console-output", "console.txt", "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let sources = try run.json()["acceptedKeys"]?[0]?["matches"]?.array.compactMap { $0["source"]?.string } ?? []
        #expect(sources == ["~/.ssh/id_ed25519", "K_A.pub"])
        #expect(!run.allOutput.contains("PRIVATE KEY"))
    }
}
