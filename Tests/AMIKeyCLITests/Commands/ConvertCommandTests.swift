import AMIKeyTestSupport
import ArgumentParser
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyCLI

/// `amikey convert` from argv to files: modes on disk, JSON, refusals and usage errors, passphrase options.
@Suite("amikey convert")
struct ConvertCommandTests {
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("private output: written 0600, `wrote` on stderr, nothing secret on stdout", arguments: ["openssh", "pem", "ppk"])
    func privateOutput(_ target: String) async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa.ppk"], in: cli.directory)

        let run = await cli.run("convert", "rsa.ppk", "--to", target, "-o", "out")

        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("wrote out (\(target))"))
        #expect(try Self.mode(cli.directory.path("out")) == 0o600)
        let written = try KeyFile(contents: try cli.directory.readBytes("out"))
        #expect(written.entries.first?.privateKey?.awsCreatedFingerprint == keys.rsaAWSCreated)
    }

    @Test("public output: printed without -o, written 0644 with it")
    func publicOutput() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa-enc.pem"], in: cli.directory)
        try cli.directory.write("pass", CLIKeys.passphrase)

        let printed = await cli.run("convert", "rsa-enc.pem", "--to", "openssh-public", "--passphrase-file", "pass")
        #expect(printed.status == 0)
        // PEM holds no comment, so the line is type and key only.
        #expect(printed.stdout == String(decoding: keys.files["rsa.pub"]!, as: UTF8.self).split(separator: " ").prefix(2).joined(separator: " ") + "\n")

        let written = await cli.run("convert", "rsa-enc.pem", "--to", "openssh-public", "-o", "rsa.pub", "--passphrase-file", "pass")
        #expect(written.status == 0)
        #expect(try Self.mode(cli.directory.path("rsa.pub")) == 0o644)
    }

    @Test("JSON: {source, to, output, encrypted, text, warnings}")
    func json() async throws {
        let cli = try CLI()
        try CLIKeys.load().install(["rsa"], in: cli.directory)

        let run = await cli.run("convert", "rsa", "--to", "ppk", "--ppk-version", "2", "-o", "rsa.ppk", "--output", "json")

        #expect(run.status == 0)
        let result = try run.json()
        #expect(result.keys == ["source", "to", "output", "encrypted", "text", "warnings"])
        #expect(result["source"]?.string == "rsa")
        #expect(result["to"]?.string == "ppk")
        #expect(result["output"]?.string == "rsa.ppk")
        #expect(result["encrypted"]?.bool == false)
        #expect(result["text"]?.isNull == true)
        #expect(result["warnings"]?.array.contains { $0.string?.contains("without a passphrase") == true } == true)
        #expect(try cli.directory.read("rsa.ppk").hasPrefix("PuTTY-User-Key-File-2: ssh-rsa"))
    }

    @Test("refuses to overwrite without --force (exit 3, {source, error}); --force replaces")
    func overwrite() async throws {
        let cli = try CLI()
        try CLIKeys.load().install(["rsa"], in: cli.directory)
        try cli.directory.write("out", "precious\n")

        let refused = await cli.run("convert", "rsa", "--to", "pem", "-o", "out", "--output", "json")
        #expect(refused.status == 3)
        #expect((refused.error as? ExitCode)?.rawValue == 3)
        let failure = try refused.json()
        #expect(failure.keys == ["source", "error"])
        #expect(failure["source"]?.string == "rsa")
        #expect(failure["error"]?["code"]?.string == "exists")
        #expect(try cli.directory.read("out") == "precious\n")

        let forced = await cli.run("convert", "rsa", "--to", "pem", "-o", "out", "--force")
        #expect(forced.status == 0)
        #expect(try cli.directory.read("out").hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
    }

    /// Usage errors are exit 2 (DESIGN.md), whether ArgumentParser or a command's `validate()` finds them.
    @Test("usage errors exit 2", arguments: [
        ["convert", "rsa", "--to", "bogus", "-o", "out"],
        ["convert", "rsa", "--to", "ppk", "--ppk-version", "4", "-o", "out"],
        ["convert", "rsa", "--to", "openssh", "--ppk-version", "2", "-o", "out"],
        ["convert", "rsa", "--to", "openssh", "-o", "out", "--no-passphrase", "--new-passphrase-file", "pass"],
        ["convert", "rsa", "-o", "out"],
        ["convert", "rsa", "--to", "openssh", "-o", "out", "--passphrase", "secret"],
        ["fingerprint", "rsa", "--passphrase", "secret"],
        ["match", "--passphrase", "secret", "SHA256:x"],
        ["fingerprint"],
        ["convert", "rsa", "--to", "openssh", "-o", "out", "--new-passphrase-file", "nowhere"],
    ])
    func usageErrors(_ arguments: [String]) async throws {
        let cli = try CLI()
        try CLIKeys.load().install(["rsa"], in: cli.directory)
        try cli.directory.write("pass", "x")

        let run = await cli.run(arguments)

        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("Error: "))
        #expect(!FileManager.default.fileExists(atPath: cli.directory.path("out")))
    }

    @Test("refusals from the workflow keep their exit codes", arguments: [
        (["convert", "rsa.pub", "--to", "openssh", "-o", "out"], Int32(3), "holds only a public key"),
        (["convert", "two.pub", "--to", "openssh-public"], 2, "holds 2 keys"),
        (["convert", "rsa", "--to", "pem"], 2, "-o FILE"),
        (["convert", "rsa-enc", "--to", "pem", "-o", "out"], 3, "encrypted"),
    ] as [([String], Int32, String)])
    func refusals(_ arguments: [String], _ status: Int32, _ words: String) async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa", "rsa.pub", "rsa-enc"], in: cli.directory)
        try cli.directory.write("two.pub", keys.files["rsa.pub"]! + keys.files["ed25519.pub"]!)

        let run = await cli.run(arguments)

        #expect(run.status == status)
        #expect(run.stderr.hasPrefix("amikey: "))
        #expect(run.stderr.contains(words))
    }

    @Test("an encrypted input stays encrypted with its passphrase; --no-passphrase and --new-passphrase-file change that",
          arguments: [([String](), "same"), (["--no-passphrase"], "none"), (["--new-passphrase-file", "new"], "new")])
    func passphrases(_ options: [String], _ expected: String) async throws {
        let keys = try CLIKeys.load()
        var cli = try CLI()
        cli.variables["AMIKEY_PASSPHRASE"] = CLIKeys.passphrase
        try keys.install(["rsa-enc.pem"], in: cli.directory)
        try cli.directory.write("new", "new secret\nsecond line is ignored\n")

        let run = await cli.run(["convert", "rsa-enc.pem", "--to", "openssh", "-o", "out"] + options)

        #expect(run.status == 0, "\(run.stderr)")
        let passphrase: String? = ["same": CLIKeys.passphrase, "new": "new secret"][expected]
        let options = KeyReadOptions(passphrase: { _ in passphrase.map { Array($0.utf8) } }, decryptPrivateKeys: true)
        let entry = try #require(try KeyFile(contents: try cli.directory.readBytes("out"), options: options).entries.first)
        #expect(entry.isEncrypted == (passphrase != nil))
        #expect(entry.privateKey?.awsCreatedFingerprint == keys.rsaAWSCreated)
        #expect(run.stderr.contains("encrypted") == (passphrase != nil))
    }
}
