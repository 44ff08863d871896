import Foundation
import Testing

@testable import AMIKeyCLI

/// The `amikey` command itself: version, help, exit statuses, and the rule that secrets never reach the output.
@Suite("amikey")
struct RootCommandTests {
    @Test("--version prints the version")
    func version() async throws {
        let run = await (try CLI()).run("--version")
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == RootCommand.version)
    }

    @Test("each command's --help shows its examples", arguments: [
        ("fingerprint", "amikey fingerprint ~/.ssh"), ("match", "amikey match 'SHA256:"), ("convert", "amikey convert old-server.ppk --to openssh"),
    ])
    func help(_ command: String, _ example: String) async throws {
        let run = await (try CLI()).run(command, "--help")
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"))
        #expect(run.stdout.contains(example))
        // Passphrases come from a file or the environment, never from an argument (ps, shell history).
        #expect(run.stdout.contains("--passphrase-file"))
        #expect(!run.stdout.contains("--passphrase <"))
    }

    @Test("the top-level help lists the commands")
    func rootHelp() async throws {
        let run = await (try CLI()).run("--help")
        #expect(run.status == 0)
        for command in ["fingerprint", "match", "convert"] { #expect(run.stdout.contains(command)) }
    }

    @Test("exit statuses: usage errors are 2, a command's ExitCode is kept", arguments: [
        (["bogus-command"], Int32(2)), (["fingerprint", "--output", "yaml", "x"], 2), (["fingerprint", "/nonexistent"], 3),
    ] as [([String], Int32)])
    func exitStatuses(_ arguments: [String], _ status: Int32) async throws {
        #expect(await (try CLI()).run(arguments).status == status)
    }

    /// DESIGN.md "Safety rules": passphrases and private keys never appear in any output.
    @Test("secrets never appear on stdout or stderr", arguments: [
        ["fingerprint", "rsa-enc", "rsa-enc.pem", "rsa", "--output", "json"],
        ["fingerprint", "rsa-enc", "rsa-enc.pem", "rsa"],
        ["fingerprint", "rsa-enc", "--passphrase-file", "wrong"],
        ["match", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--in", ".", "--output", "json"],
        ["convert", "rsa-enc", "--to", "pem", "-o", "out.pem", "--output", "json"],
        ["convert", "rsa-enc.pem", "--to", "ppk", "-o", "out.ppk"],
        ["convert", "rsa-enc", "--to", "openssh-public", "--output", "json"],
        ["convert", "rsa-enc", "--to", "openssh", "-o", "rsa", "--output", "json"],
        ["convert", "rsa-enc", "--to", "pem", "-o", "out.pem", "--new-passphrase-file", "new"],
    ])
    func secretsNeverPrinted(_ arguments: [String]) async throws {
        let keys = try CLIKeys.load()
        var cli = try CLI()
        cli.variables["AMIKEY_PASSPHRASE"] = CLIKeys.passphrase
        try keys.install(["rsa", "rsa-enc", "rsa-enc.pem"], in: cli.directory)
        try cli.directory.write("wrong", "wrong passphrase value\n")
        try cli.directory.write("new", "fresh passphrase value\n")

        let run = await cli.run(arguments)

        for secret in [CLIKeys.passphrase, "wrong passphrase value", "fresh passphrase value"] {
            #expect(!run.allOutput.contains(secret))
        }
        for needle in keys.secretNeedles {
            #expect(!run.allOutput.contains(needle), "private exponent printed: \(needle)")
        }
        #expect(!run.allOutput.contains("PRIVATE KEY-----"))
        #expect(!run.allOutput.contains("PuTTY-User-Key-File"))
    }

    /// The needles must find the secret when it is printed, or the test above proves nothing.
    @Test("the secret needles find the private exponent in every private key format")
    func needlesWork() throws {
        let keys = try CLIKeys.load()
        for name in ["rsa", "rsa.pem", "rsa.ppk"] {
            let text = String(decoding: keys.files[name]!, as: UTF8.self)
            #expect(keys.secretNeedles.contains { text.contains($0) }, "\(name)")
        }
    }
}
