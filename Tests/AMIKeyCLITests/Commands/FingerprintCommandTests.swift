import ArgumentParser
import Foundation
import Testing

@testable import AMIKeyCLI

/// `amikey fingerprint` from argv to output: JSON field names and order, text for people, exit codes, passphrases.
@Suite("amikey fingerprint")
struct FingerprintCommandTests {
    @Test("JSON: the fields DESIGN.md fixes, in its order, with the tools' values")
    func jsonShape() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa.ppk"], in: cli.directory)

        let run = await cli.run("fingerprint", "rsa.ppk", "--output", "json")

        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) is [Any])
        let item = try #require(try run.json()[0])
        #expect(item.keys == ["source", "format", "encrypted", "type", "bits", "comment", "publicKey", "fingerprints",
                              "importable", "problems"])
        #expect(item["source"]?.string == "rsa.ppk")
        #expect(item["format"]?.string == "ppk-v3")
        #expect(item["encrypted"]?.bool == false)
        #expect(item["type"]?.string == "ssh-rsa")
        #expect(item["bits"]?.number == 2048)
        #expect(item["comment"]?.string == keys.rsaComment)
        #expect(item["publicKey"]?.string == String(decoding: keys.files["rsa.pub"]!, as: UTF8.self).trimmingCharacters(in: .newlines))
        let prints = try #require(item["fingerprints"])
        #expect(Array(prints.keys.prefix(5)) == ["sha256", "md5", "cloudInitSha256", "awsImported", "awsCreated"])
        #expect(prints["sha256"]?.string == keys.rsaSHA256)
        #expect(prints["md5"]?.string?.hasPrefix("MD5:") == true)
        #expect(prints["cloudInitSha256"]?.string?.split(separator: ":").count == 32)
        #expect(prints["awsImported"]?.string?.split(separator: ":").count == 16)
        #expect(prints["awsCreated"]?.string == keys.rsaAWSCreated)
        #expect(item["importable"]?.bool == true)
        #expect(item["problems"] == .array([]))
    }

    @Test("JSON: an input that cannot be read is {source, error: {code, message}}, and the exit code is 1")
    func jsonError() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["ed25519.pub"], in: cli.directory)

        let run = await cli.run("fingerprint", "ed25519.pub", "missing.pem", "--output", "json")

        #expect(run.status == 1)
        #expect((run.error as? ExitCode)?.rawValue == 1)
        let items = try run.json().array
        #expect(items.count == 2)
        #expect(items[0]["fingerprints"]?["sha256"]?.string == keys.ed25519SHA256)
        #expect(items[0]["fingerprints"]?["awsImported"]?.string?.hasSuffix("=") == true)
        #expect(items[0]["bits"]?.number == 256)
        #expect(items[1].keys == ["source", "error"])
        #expect(items[1]["source"]?.string == "missing.pem")
        #expect(items[1]["error"]?.keys == ["code", "message"])
        #expect(items[1]["error"]?["code"]?.string == "not-found")
    }

    @Test("exit codes: 0 all read, 1 some failed, 3 none readable", arguments: [
        (["rsa.pub"], Int32(0)), (["rsa.pub", "nope"], 1), (["nope"], 3), (["rsa-enc.pem"], 3), (["."], 1),
    ] as [([String], Int32)])
    func exitCodes(_ paths: [String], _ status: Int32) async throws {
        let cli = try CLI()
        try CLIKeys.load().install(["rsa.pub", "rsa-enc.pem"], in: cli.directory)
        let run = await cli.run(["fingerprint"] + paths)
        #expect(run.status == status, "\(run.stderr)")
    }

    @Test("text: names what ssh-keygen -l and PuTTYgen print, and the EC2 fingerprints")
    func text() async throws {
        let keys = try CLIKeys.load()
        let cli = try CLI()
        try keys.install(["rsa"], in: cli.directory)

        let run = await cli.run("fingerprint", "rsa")

        #expect(run.status == 0)
        #expect(run.stdout.contains(keys.rsaKeygenLine))
        #expect(run.stdout.contains(keys.rsaPuttyLine))
        #expect(run.stdout.contains("ssh-keygen -l"))
        #expect(run.stdout.contains("PuTTYgen"))
        #expect(run.stdout.contains(keys.rsaAWSCreated))
        #expect(!run.stdout.contains("\u{1B}["))
    }

    @Test("text: errors go to stderr as `amikey: path: message`")
    func textErrors() async throws {
        let cli = try CLI()
        let run = await cli.run("fingerprint", "nope")
        #expect(run.status == 3)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "amikey: nope: no such file or directory\n")
    }

    /// A colour escape in a pipe or a log file is garbage; https://no-color.org.
    @Test("colour only on a terminal, without NO_COLOR and without --no-color", arguments: [
        (true, false, false, true), (false, false, false, false), (true, true, false, false), (true, false, true, false),
    ])
    func colour(_ terminal: Bool, _ noColorVariable: Bool, _ noColorFlag: Bool, _ coloured: Bool) async throws {
        var cli = try CLI()
        cli.isTerminal = terminal
        if noColorVariable { cli.variables["NO_COLOR"] = "1" }
        try CLIKeys.load().install(["rsa.pub"], in: cli.directory)

        let run = await cli.run(["fingerprint", "rsa.pub"] + (noColorFlag ? ["--no-color"] : []))

        #expect(run.stdout.contains("\u{1B}[") == coloured)
    }

    @Test("AMIKEY_PASSPHRASE and --passphrase-file open encrypted keys; the file wins over the variable", arguments: [
        (Optional(CLIKeys.passphrase), Optional<String>.none), (nil, CLIKeys.passphrase), ("wrong", CLIKeys.passphrase),
    ])
    func passphraseSources(_ variable: String?, _ file: String?) async throws {
        let keys = try CLIKeys.load()
        var cli = try CLI()
        try keys.install(["rsa-enc", "rsa-enc.pem"], in: cli.directory)
        cli.variables["AMIKEY_PASSPHRASE"] = variable
        var arguments = ["fingerprint", "rsa-enc", "rsa-enc.pem", "--output", "json"]
        if let file {
            try cli.directory.write("pass.txt", file + "\n")
            arguments += ["--passphrase-file", "pass.txt"]
        }

        let run = await cli.run(arguments)

        #expect(run.status == 0, "\(run.stdout)")
        let items = try run.json().array
        #expect(items.map { $0["fingerprints"]?["awsCreated"]?.string } == [keys.rsaAWSCreated, keys.rsaAWSCreated])
        #expect(items.first?["comment"]?.string == keys.rsaComment)
    }

    @Test("a --passphrase-file that cannot be read is a usage error")
    func missingPassphraseFile() async throws {
        let cli = try CLI()
        try CLIKeys.load().install(["rsa-enc"], in: cli.directory)
        let run = await cli.run("fingerprint", "rsa-enc", "--passphrase-file", "nowhere.txt")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--passphrase-file"))
    }

    @Test("asks on the terminal for an encrypted PEM only, and uses the answer")
    func prompt() async throws {
        let keys = try CLIKeys.load()
        var cli = try CLI()
        let prompt = CountingPrompt(answering: CLIKeys.passphrase)
        cli.prompt = prompt.prompt
        try keys.install(["rsa-enc", "rsa-enc.pem"], in: cli.directory)

        let run = await cli.run("fingerprint", "rsa-enc", "rsa-enc.pem", "--output", "json")

        #expect(run.status == 0)
        #expect(prompt.timesAsked == 1)
        #expect(try run.json()[1]?["fingerprints"]?["awsCreated"]?.string == keys.rsaAWSCreated)
    }
}
