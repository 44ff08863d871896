import AMIKeyTestSupport
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyWorkflows

/// The append-if-absent script the ssm and instance-connect methods run, run here by the real `/bin/sh` against a
/// home directory in a temporary directory (`getent` and `id` are shims on PATH, so no real account is touched).
@Suite("repair: the authorized_keys append script")
struct AuthorizedKeysAppendScriptTests {
    /// The file before the script runs, and whether the key counts as already there.
    static let cases: [(name: String, before: String?, present: Bool)] = [
        ("no .ssh directory yet", nil, false),
        ("an empty file", "", false),
        ("other keys, last line without its newline", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ other", false),
        ("the key with options and another comment", #"from="10.0.0.0/8",no-pty KEY old comment"# + "\n", true),
        ("the key only in a comment line", "# KEY was here\nssh-rsa AAAAB3Nza other\n", false),
        ("the key as it is", "KEY\n", true),
    ]

    @Test("appends only when absent, keeps every line, leaves 0700/0600", arguments: cases.indices)
    func append(_ index: Int) throws {
        let testCase = Self.cases[index]
        let directory = try TempDirectory()
        let home = directory.path("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        let key = SSHPrivateKey.generateEd25519(comment: "x").publicKey
        let line = key.openSSHRepresentation()
        let file = home + "/.ssh/authorized_keys"
        if let before = testCase.before {
            try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o755])
            try Data(before.replacingOccurrences(of: "KEY", with: line).utf8).write(to: URL(fileURLWithPath: file))
        }
        let path = try Self.shims(in: directory, home: home)
        let script = AuthorizedKeysAppendScript.lines(user: "o'brien", key: key).joined(separator: "\n")
        let run = try Oracle.execute("/bin/sh", ["-c", script], environment: ["PATH": path])
        #expect(run.status == 0, "\(run.stderr)")
        let outcome = try #require(AuthorizedKeysAppendScript.outcome(String(decoding: run.stdout, as: UTF8.self)))
        #expect(outcome.added == !testCase.present)

        let after = try String(contentsOfFile: file, encoding: .utf8)
        let expectedBefore = (testCase.before ?? "").replacingOccurrences(of: "KEY", with: line)
        #expect(after.hasPrefix(expectedBefore), "every earlier line is kept as it was")
        #expect(after.hasSuffix("\n"))
        let lines = after.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.filter { $0.contains(line.split(separator: " ")[1]) && !$0.hasPrefix("#") }.count == 1)
        if !testCase.present { #expect(lines.last.map(String.init) == line) }
        #expect(Self.mode(home + "/.ssh") == 0o700)
        #expect(Self.mode(file) == 0o600)

        // Idempotent: a second run adds nothing.
        let again = try Oracle.execute("/bin/sh", ["-c", script], environment: ["PATH": path])
        #expect(AuthorizedKeysAppendScript.outcome(String(decoding: again.stdout, as: UTF8.self))?.added == false)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == after)
    }

    @Test("a user that does not exist stops the script with a message and changes nothing")
    func noUser() throws {
        let directory = try TempDirectory()
        let path = try Self.shims(in: directory, home: nil)
        let key = SSHPrivateKey.generateEd25519(comment: "x").publicKey
        let run = try Oracle.execute(
            "/bin/sh", ["-c", AuthorizedKeysAppendScript.lines(user: "ubuntu", key: key).joined(separator: "\n")],
            environment: ["PATH": path])
        #expect(run.status == 3)
        #expect(run.stderr.contains("there is no user ubuntu on this instance"))
    }

    @Test("ssh's remote command form is one sh -c word the login shell passes on unchanged")
    func shellCommand() throws {
        let directory = try TempDirectory()
        let home = directory.path("home")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        let path = try Self.shims(in: directory, home: home)
        let key = SSHPrivateKey.generateEd25519(comment: "x").publicKey
        // What sshd does with the command: the user's shell runs it with -c.
        let run = try Oracle.execute("/bin/bash", ["-c", AuthorizedKeysAppendScript.shellCommand(user: "ec2-user", key: key)],
                                     environment: ["PATH": path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(AuthorizedKeysAppendScript.outcome(String(decoding: run.stdout, as: UTF8.self))?.added == true)
        #expect(try String(contentsOfFile: home + "/.ssh/authorized_keys", encoding: .utf8) == key.openSSHRepresentation() + "\n")
    }

    @Test("outcome lines", arguments: [
        ("amikey-repair: added 3\n", true, 3), ("noise\namikey-repair: present 1", false, 1), ("amikey-repair: added", true, nil),
    ] as [(String, Bool, Int?)])
    func outcome(_ output: String, _ added: Bool, _ keys: Int?) {
        let outcome = AuthorizedKeysAppendScript.outcome(output)
        #expect(outcome?.added == added)
        #expect(outcome?.keys == keys)
    }

    @Test("no marker, no outcome", arguments: ["", "amikey-repair: maybe", "added"])
    func noOutcome(_ output: String) {
        #expect(AuthorizedKeysAppendScript.outcome(output) == nil)
    }

    /// A PATH whose `getent` answers for any user with `home` (nothing when nil) and whose `id` says "not root".
    private static func shims(in directory: TempDirectory, home: String?) throws -> String {
        let bin = directory.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
        let getent = home.map { "#!/bin/sh\necho \"$2:x:1000:1000::\($0):/bin/sh\"\n" } ?? "#!/bin/sh\nexit 2\n"
        for (name, body) in [("getent", getent), ("id", "#!/bin/sh\necho 1000\n")] {
            FileManager.default.createFile(atPath: bin + "/" + name, contents: Data(body.utf8), attributes: [.posixPermissions: 0o755])
        }
        return bin + ":/usr/bin:/bin"
    }

    private static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }
}
