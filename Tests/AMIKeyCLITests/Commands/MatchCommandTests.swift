import AMIKeyTestSupport
import ArgumentParser
import Foundation
import Testing

@testable import AMIKeyCLI

/// `amikey match` from argv to output: JSON shape, --in, the default search, exit codes, no prompting.
@Suite("amikey match")
struct MatchCommandTests {
    @Test("JSON: fingerprint, kinds, matches[{source, kind, type, comment}] in DESIGN.md's order")
    func jsonShape() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try FileManager.default.createDirectory(atPath: cli.directory.path("keys"), withIntermediateDirectories: false)
        try keys.install(["keys/rsa", "keys/rsa.pub"], from: ["rsa", "rsa.pub"], in: cli.directory)

        let run = await cli.run("match", keys.rsaAWSCreated, "--in", "keys", "--output", "json")

        #expect(run.status == 0)
        let answer = try #require(try run.json()[0])
        #expect(Array(answer.keys.prefix(3)) == ["fingerprint", "kinds", "matches"])
        #expect(answer["fingerprint"]?.string == keys.rsaAWSCreated)
        #expect(answer["kinds"] == .array([.string("sha1-pkcs8"), .string("sha1-blob")]))
        let match = try #require(answer["matches"]?[0])
        #expect(answer["matches"]?.array.count == 1)
        #expect(match.keys == ["source", "kind", "type", "comment"])
        #expect(match["source"]?.string == "keys/rsa")
        #expect(match["kind"]?.string == "sha1-pkcs8")
        #expect(match["type"]?.string == "ssh-rsa")
        #expect(match["comment"]?.string == keys.rsaComment)
    }

    @Test("JSON: text that is no fingerprint is {fingerprint, error: {code, message}}; exit 3 when none could be read")
    func jsonError() async throws {
        let cli = try CLI()
        let run = await cli.run("match", "hello", "--in", ".", "--output", "json")
        #expect(run.status == 3)
        let answer = try #require(try run.json()[0])
        #expect(answer.keys == ["fingerprint", "error"])
        #expect(answer["error"]?.keys == ["code", "message"])
        #expect(answer["error"]?["code"]?.string == "unrecognized-fingerprint")
    }

    @Test("default search is ~/.ssh and the working directory")
    func defaultSearch() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try FileManager.default.createDirectory(atPath: cli.directory.path("home/.ssh"), withIntermediateDirectories: false)
        try keys.install(["home/.ssh/id_rsa.pub", "deploy.ppk"], from: ["rsa.pub", "rsa.ppk"], in: cli.directory)

        let run = await cli.run("match", keys.rsaSHA256, "--output", "json")

        #expect(run.status == 0)
        #expect(try run.json()[0]?["matches"]?.array.compactMap { $0["source"]?.string } == ["~/.ssh/id_rsa.pub", "./deploy.ppk"])
    }

    @Test("exit code 1 when a fingerprint matches nothing, and the text says where it looked")
    func noMatch() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["ed25519.pub"], in: cli.directory)

        let run = await cli.run("match", keys.rsaSHA256, "--in", "ed25519.pub")

        #expect(run.status == 1)
        #expect((run.error as? ExitCode)?.rawValue == 1)
        #expect(run.stdout.contains("no key found in ed25519.pub"))
    }

    @Test("several fingerprints and several --in paths; PuTTYgen's line is one argument")
    func severalFingerprints() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa.ppk", "ed25519.pub"], in: cli.directory)

        let run = await cli.run("match", keys.rsaPuttyLine, keys.ed25519SHA256, "--in", "rsa.ppk", "ed25519.pub", "--output", "json")

        #expect(run.status == 0)
        #expect(try run.json().array.map { $0["matches"]?[0]?["source"]?.string } == ["rsa.ppk", "ed25519.pub"])
    }

    /// `--in` takes every value up to the next option: fingerprints written after its paths are taken back.
    @Test("fingerprints after --in PATH... still count; without any the error says where they go")
    func fingerprintsAfterTheSearchPaths() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa.ppk", "ed25519.pub"], in: cli.directory)

        let run = await cli.run("match", "--in", "rsa.ppk", "ed25519.pub", keys.ed25519SHA256, "--output", "json")
        #expect(run.status == 0)
        #expect(try run.json().array.map { $0["matches"]?[0]?["source"]?.string } == ["ed25519.pub"])

        let none = await cli.run("match", "--in", ".", "not-a-fingerprint")
        #expect(none.status == 2)
        #expect(none.stderr.contains("No fingerprint given: put one or more before --in"))
    }

    /// The key sought may be in a file that could not be read, so JSON lists it under `unchecked` with the reason.
    @Test("JSON: an unreadable input is in every answer's unchecked, with why")
    func jsonUnreadable() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["ed25519.pub"], in: cli.directory)
        try cli.directory.write("broken.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== broken\n")

        let run = await cli.run("match", keys.ed25519SHA256, keys.rsaSHA256, "--in", "ed25519.pub", "broken.pub", "--output", "json")

        #expect(run.status == 1, "the RSA key is in no file given")
        for answer in try run.json().array {
            let unchecked = try #require(answer["unchecked"]?.array.first)
            #expect(unchecked["source"]?.string == "broken.pub")
            #expect(unchecked["reason"]?.string?.hasPrefix("could not be read: ") == true)
        }
    }

    /// A console log saved next to the keys holds key lines, yet is no key file.
    @Test("a console log is passed over in a directory and named for console-keys when given")
    func consoleLog() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["ed25519.pub"], in: cli.directory)
        try cli.directory.write("system-log.txt", """
            ci-info: no authorized SSH keys fingerprints found for user ec2-user.
            -----BEGIN SSH HOST KEY KEYS-----
            \(String(decoding: keys.files["ed25519.pub"]!, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            -----END SSH HOST KEY KEYS-----

            """)

        let run = await cli.run("match", keys.ed25519SHA256, "--in", ".")
        #expect(run.status == 0)
        #expect(!run.stdout.contains("system-log.txt"))

        let named = await cli.run("match", keys.ed25519SHA256, "--in", "system-log.txt")
        #expect(named.status == 1)
        #expect(named.stdout.contains("an EC2 console output, not a key file: amikey console-keys system-log.txt"))
    }

    /// `match` walks whole directories; a question per encrypted file there would be unusable.
    @Test("never prompts; encrypted keys it cannot compare are listed as unchecked")
    func neverPrompts() async throws {
        let keys = try CLIKeys.load()
        var cli = try CLI()
        let prompt = CountingPrompt(answering: CLIKeys.passphrase)
        cli.prompt = prompt.prompt
        try keys.install(["rsa-enc", "rsa-enc.pem"], in: cli.directory)

        let run = await cli.run("match", keys.rsaAWSCreated, "--in", ".", "--output", "json")

        #expect(prompt.timesAsked == 0)
        #expect(run.status == 1)
        #expect(try run.json()[0]?["unchecked"]?[0]?["source"]?.string == "./rsa-enc")
    }

    @Test("text: each match names the file, the key and which reading matched")
    func text() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa.pub"], in: cli.directory)

        let run = await cli.run("match", keys.rsaSHA256, "--in", "rsa.pub")

        #expect(run.status == 0)
        #expect(run.stdout.contains("match  rsa.pub  ssh-rsa \"\(keys.rsaComment)\""))
        #expect(run.stdout.contains("SHA-256 of the public key"))
    }
}

extension CLIKeys {
    /// Writes fixtures under other names.
    func install(_ targets: [String], from names: [String], in directory: TempDirectory) throws {
        for (target, name) in zip(targets, names) { try directory.write(target, files[name]!) }
    }
}
