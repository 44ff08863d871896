import AMIKeyTestSupport
import AWSCore
import AWSServices
import AWSTestSupport
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyCLI

/// `amikey import-key` against a real moto server: what EC2 cannot take is refused before any request, a key is
/// imported once and found again, a taken name is never overwritten, and only public key lines are ever sent.
@Suite("amikey import-key")
struct ImportKeyCommandTests {
    static let region = "us-east-1"

    /// A CLI whose AWS calls go to moto through a recorder, with static credentials for the default account.
    private static func cli() async throws -> (CLI, MotoServer, RecordingTransport) {
        let moto = try await MotoServer.shared()
        let recorder = RecordingTransport(moto.transport)
        let cli = try CLI.againstMoto(moto, region: region, through: recorder)
        return (cli, moto, recorder)
    }

    /// A key pair name no other test uses (moto's state is shared by the whole test process).
    private static func uniqueName(_ stem: String) -> String {
        "\(stem)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A client for the default moto account, to see what EC2 holds.
    private static func ec2(_ moto: MotoServer) -> AWSServiceClient {
        let client = AWSClient(transport: moto.transport, credentialProvider: StaticCredentialProvider(MotoServer.credentials),
                               clock: ManualClock())
        return AWSServiceClient(client: client, region: region) { try moto.endpoint($0, region: region) }
    }

    /// Every `PublicKeyMaterial` sent, decoded (the Query protocol sends it base64, form-encoded).
    private static func sentMaterials(_ recorder: RecordingTransport) -> [String] {
        recorder.bodies.flatMap { body in
            body.split(separator: "&").filter { $0.hasPrefix("PublicKeyMaterial=") }.compactMap { field -> String? in
                let value = String(field.dropFirst("PublicKeyMaterial=".count)).removingPercentEncoding ?? ""
                return Data(base64Encoded: value).map { String(decoding: $0, as: UTF8.self) }
            }
        }
    }

    @Test(
        "what ImportKeyPair cannot take is refused before any request, with the reason and what to do instead",
        arguments: [
            ("ecdsa.pub", "EC2 does not import ECDSA keys (ECDSA 256 bits)", "keep this key in cloud-config user data (amikey repair INSTANCE_ID --key FILE --method user-data)"),
            ("dsa.pub", "EC2 does not import DSA keys", "make an Ed25519 key (ssh-keygen -t ed25519) and import that"),
            ("sk-ed25519.pub", "EC2 does not import security-key (FIDO) keys such as sk-ssh-ed25519@openssh.com", "keep this key in cloud-config user data (amikey repair"),
            ("ed25519-cert.pub", "EC2 key pairs cannot be certificates; this is an OpenSSH certificate (ssh-ed25519-cert-v01@openssh.com)", "import the plain public key the certificate was issued for"),
            ("rsa-768.pub", "EC2 imports RSA keys of 1024 to 4096 bits; this one has 768", "ssh-keygen -t rsa -b 4096"),
            ("rsa-8192.pub", "EC2 imports RSA keys of 1024 to 4096 bits; this one has 8192", "ssh-keygen -t rsa -b 4096"),
        ])
    func refusals(_ file: String, _ reason: String, _ alternative: String) async throws {
        let (cli, _, recorder) = try await Self.cli()
        try ImportKeyFixtures.load().install([file], in: cli.directory)
        let name = Self.uniqueName("refused")
        let run = await cli.run("import-key", "--name", name, "--from", file)
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("amikey: \(name): not imported (\(file)): \(reason)"), "\(run.stderr)")
        #expect(run.stderr.contains("\n  instead: ") && run.stderr.contains(alternative), "\(run.stderr)")
        #expect(recorder.bodies.isEmpty, "nothing may be sent for a key EC2 cannot take")

        let json = try (await cli.run("import-key", "--name", name, "--from", file, "--output", "json")).json()
        #expect(json[0]?["status"]?.string == "failed")
        #expect(json[0]?["error"]?["message"]?.string?.hasPrefix(reason) == true)
        #expect(json[0]?["error"]?["alternative"]?.string?.contains(alternative) == true)
    }

    @Test(
        "RSA sizes EC2 takes are imported; below 2048 bits and sizes Instance Connect cannot push are warned about",
        arguments: [
            ("rsa-1024.pub", ["below 2048 bits is weak", "EC2 Instance Connect takes only 2048- and 4096-bit RSA keys; this 1024-bit key"]),
            ("rsa-2048.pub", []),
            ("rsa-3072.pub", ["EC2 Instance Connect takes only 2048- and 4096-bit RSA keys; this 3072-bit key cannot be pushed with it"]),
            ("rsa-4096.pub", []),
        ])
    func rsaSizes(_ file: String, _ warnings: [String]) async throws {
        let (cli, _, _) = try await Self.cli()
        try ImportKeyFixtures.load().install([file], in: cli.directory)
        let name = Self.uniqueName("size")
        let run = await cli.run("import-key", "--name", name, "--from", file, "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let item = try #require(try run.json()[0])
        #expect(item["status"]?.string == "imported")
        let reported = item["warnings"]?.array.compactMap(\.string) ?? []
        #expect(reported.count == warnings.count)
        for (warning, expected) in zip(reported, warnings) { #expect(warning.contains(expected), "\(warning)") }
        #expect(run.stderr.split(separator: "\n").count == warnings.count)
        #expect(warnings.allSatisfy { run.stderr.contains($0) }, "\(run.stderr)")
    }

    @Test("a private key file is imported once; the same key again (from its .pub) is already-present, nothing changed")
    func importedThenAlreadyPresent() async throws {
        let (cli, moto, _) = try await Self.cli()
        let keys = try CLIKeys.load()
        try keys.install(["rsa", "rsa.pub"], in: cli.directory)
        let name = Self.uniqueName("imported")

        let first = await cli.run("import-key", "--name", name, "--from", "rsa", "--output", "json")
        #expect(first.status == 0, "\(first.allOutput)")
        let imported = try #require(try first.json()[0])
        #expect(imported.keys == ["keyName", "keyPairId", "fingerprint", "status", "source", "sha256", "warnings"])
        #expect(imported["keyName"]?.string == name)
        #expect(imported["status"]?.string == "imported")
        #expect(imported["sha256"]?.string == keys.rsaSHA256)
        let keyPairId = try #require(imported["keyPairId"]?.string)
        let fingerprint = try #require(imported["fingerprint"]?.string)
        #expect(keyPairId.hasPrefix("key-"))
        let described = try await Self.ec2(moto).send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
        #expect(described.keyPairs.first?.keyFingerprint == fingerprint)
        let stored = try SSHPublicKey(openSSHRepresentation: try #require(described.keyPairs.first?.publicKey))
        #expect(stored.sha256Fingerprint == keys.rsaSHA256)

        let again = await cli.run("import-key", "--name", name, "--from", "rsa.pub")
        #expect(again.status == 0, "\(again.allOutput)")
        #expect(again.stdout == "\(name): already present as \(keyPairId) with this key (RSA 2048, \(keys.rsaSHA256); EC2 fingerprint \(fingerprint)); nothing was changed\n")
        let json = try (await cli.run("import-key", "--name", name, "--from", "rsa.pub", "--output", "json")).json()
        #expect(json[0]?["status"]?.string == "already-present")
        #expect(json[0]?["keyPairId"]?.string == keyPairId)
    }

    @Test("a name taken by another key is an error with both fingerprints and a free name; the key pair is unchanged")
    func conflict() async throws {
        let (cli, moto, _) = try await Self.cli()
        let keys = try CLIKeys.load()
        try keys.install(["rsa.pub", "ed25519.pub"], in: cli.directory)
        let name = Self.uniqueName("taken")
        let existing = await cli.run("import-key", "--name", name, "--from", "ed25519.pub", "--output", "json")
        let existingFingerprint = try #require(try existing.json()[0]?["fingerprint"]?.string)
        #expect(await cli.run("import-key", "--name", name + "-2", "--from", "ed25519.pub").status == 0)

        let run = await cli.run("import-key", "--name", name, "--from", "rsa.pub")
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "amikey: \(name): not imported: key pair '\(name)' already exists with a different key (EC2 fingerprint \(existingFingerprint)); it was left unchanged")
        #expect(lines.contains("  existing key pair: EC2 fingerprint \(existingFingerprint), \(keys.ed25519SHA256)"))
        #expect(lines.contains { $0.hasPrefix("  this key (rsa.pub): EC2 fingerprint ") && $0.hasSuffix(", \(keys.rsaSHA256)") })
        #expect(lines.contains("  to import this key as well, give it a free name: --name \(name)-3"))
        let described = try await Self.ec2(moto).send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
        #expect(try described.keyPairs.first.flatMap { try $0.publicKey.map(SSHPublicKey.init(openSSHRepresentation:)) }?
            .sha256Fingerprint == keys.ed25519SHA256)

        let json = try (await cli.run("import-key", "--name", name, "--from", "rsa.pub", "--output", "json")).json()
        #expect(json[0]?["error"]?["code"]?.string == "key-pair-conflict")
        #expect(json[0]?["error"]?["existingSha256"]?.string == keys.ed25519SHA256)
        #expect(json[0]?["error"]?["requestedSha256"]?.string == keys.rsaSHA256)
        #expect(json[0]?["error"]?["suggestedName"]?.string == name + "-3")
    }

    @Test("--from-authorized-keys: --all imports each line as NAME-LINE without its options; --line picks one")
    func authorizedKeys() async throws {
        let (cli, _, recorder) = try await Self.cli()
        let keys = try CLIKeys.load()
        let fixtures = try ImportKeyFixtures.load()
        let ed25519 = String(decoding: try #require(keys.files["ed25519.pub"]), as: UTF8.self)
        let rsa = String(decoding: try #require(keys.files["rsa.pub"]), as: UTF8.self)
        try cli.directory.write("authorized_keys", """
            command="echo hi",no-pty,from="10.0.0.0/8" \(ed25519.trimmingCharacters(in: .newlines))
            # a comment line
            \(rsa.trimmingCharacters(in: .newlines))
            \(try #require(fixtures.files["ecdsa.pub"]).trimmingCharacters(in: .newlines))

            """)
        let name = Self.uniqueName("team")

        let ambiguous = await cli.run("import-key", "--name", name, "--from-authorized-keys", "authorized_keys")
        #expect(ambiguous.status == 2, "\(ambiguous.allOutput)")
        #expect(ambiguous.stderr == "amikey: authorized_keys holds 3 keys (lines 1, 3, 4); choose one with --line K, or import each with --all\n")
        #expect(recorder.bodies.isEmpty)

        let run = await cli.run("import-key", "--name", name, "--from-authorized-keys", "authorized_keys", "--all")
        #expect(run.status == 1, "\(run.allOutput)")
        let printed = run.stdout.split(separator: "\n")
        #expect(printed.count == 2)
        #expect(printed.first?.hasPrefix("\(name)-1: imported as key-") == true)
        #expect(printed.first?.hasSuffix("from authorized_keys:1") == true)
        #expect(printed.last?.hasPrefix("\(name)-3: imported as key-") == true)
        #expect(run.stderr.hasPrefix("amikey: \(name)-4: not imported (authorized_keys:4): EC2 does not import ECDSA keys"))
        let materials = Self.sentMaterials(recorder)
        #expect(materials.count == 2)
        #expect(materials.allSatisfy { !$0.contains("command=") && !$0.contains("no-pty") && !$0.contains("from=") })
        #expect(materials.first?.hasPrefix("ssh-ed25519 ") == true)

        let one = await cli.run("import-key", "--name", name, "--from-authorized-keys", "authorized_keys", "--line", "3",
                                "--output", "json")
        #expect(one.status == 0, "\(one.allOutput)")
        #expect(try one.json()[0]?["sha256"]?.string == keys.rsaSHA256)
        #expect(try one.json()[0]?["source"]?.string == "authorized_keys:3")
        let comment = await cli.run("import-key", "--name", name, "--from-authorized-keys", "authorized_keys", "--line", "2")
        #expect(comment.status == 2)
        #expect(comment.stderr == "amikey: line 2 of authorized_keys holds no key (keys are on lines 1, 3, 4)\n")
    }

    @Test("--tag K=V becomes TagSpecifications on the new key pair (a value may hold '=')")
    func tags() async throws {
        let (cli, moto, _) = try await Self.cli()
        try CLIKeys.load().install(["ed25519.pub"], in: cli.directory)
        let name = Self.uniqueName("tagged")
        let run = await cli.run("import-key", "--name", name, "--from", "ed25519.pub", "--tag", "team=web", "--tag", "note=a=b")
        #expect(run.status == 0, "\(run.allOutput)")
        let described = try await Self.ec2(moto).send(EC2.describeKeyPairs(.init(keyNames: [name])))
        let tags = described.keyPairs.first?.tags.map { "\($0.key)=\($0.value)" }.sorted()
        #expect(tags == ["note=a=b", "team=web"])

        let bad = await cli.run("import-key", "--name", name, "--from", "ed25519.pub", "--tag", "=v")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--tag takes KEY=VALUE, not '=v'"))
    }

    @Test("--dry-run asks EC2 (DryRun) and imports nothing; a name already holding the key is already-present")
    func dryRun() async throws {
        let (cli, moto, recorder) = try await Self.cli()
        let keys = try CLIKeys.load()
        try keys.install(["ed25519.pub"], in: cli.directory)
        let name = Self.uniqueName("dry")
        let run = await cli.run("import-key", "--name", name, "--from", "ed25519.pub", "--dry-run", "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let item = try #require(try run.json()[0])
        #expect(item["status"]?.string == "would-import")
        #expect(item["keyPairId"]?.isNull == true)
        let expected = try SSHPublicKey(openSSHRepresentation: String(decoding: try #require(keys.files["ed25519.pub"]), as: UTF8.self))
        #expect(item["fingerprint"]?.string == expected.awsImportedFingerprint)
        #expect(recorder.bodies.contains { $0.contains("Action=ImportKeyPair") && $0.contains("DryRun=true") })
        let error = await #expect(throws: AWSServiceError.self) {
            try await Self.ec2(moto).send(EC2.describeKeyPairs(.init(keyNames: [name])))
        }
        #expect(error?.code == "InvalidKeyPair.NotFound")

        #expect(await cli.run("import-key", "--name", name, "--from", "ed25519.pub").status == 0)
        let again = await cli.run("import-key", "--name", name, "--from", "ed25519.pub", "--dry-run")
        #expect(again.status == 0, "\(again.allOutput)")
        #expect(again.stdout.hasPrefix("\(name): already present as key-"))
    }

    @Test("--from-key-pair copies a key pair's public key from account A into account B (role 222222222222)")
    func fromKeyPairAcrossAccounts() async throws {
        var (cli, moto, _) = try await Self.cli()
        let keys = try CLIKeys.load()
        try keys.install(["ed25519.pub"], in: cli.directory)
        try FileManager.default.createDirectory(atPath: cli.directory.path("home/.aws"), withIntermediateDirectories: true)
        try cli.directory.write("home/.aws/config", """
            [profile account-a]
            region = \(Self.region)
            [profile account-b]
            role_arn = arn:aws:iam::222222222222:role/any
            source_profile = account-a
            region = \(Self.region)

            """)
        try cli.directory.write("home/.aws/credentials", """
            [account-a]
            aws_access_key_id = \(MotoServer.credentials.accessKeyID)
            aws_secret_access_key = \(MotoServer.credentials.secretAccessKey)

            """)
        cli.variables["AWS_ACCESS_KEY_ID"] = nil
        cli.variables["AWS_SECRET_ACCESS_KEY"] = nil
        let source = Self.uniqueName("source")
        let target = Self.uniqueName("target")
        #expect(await cli.run("import-key", "--name", source, "--from", "ed25519.pub", "--profile", "account-a").status == 0)

        let run = await cli.run("import-key", "--name", target, "--from-key-pair", source, "--source-profile", "account-a",
                                "--profile", "account-b", "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let item = try #require(try run.json()[0])
        #expect(item["status"]?.string == "imported")
        #expect(item["source"]?.string == "key pair \(source) (profile account-a)")
        #expect(item["sha256"]?.string == keys.ed25519SHA256)
        // Not in account A: the import went to B.
        let inA = await #expect(throws: AWSServiceError.self) {
            try await Self.ec2(moto).send(EC2.describeKeyPairs(.init(keyNames: [target])))
        }
        #expect(inA?.code == "InvalidKeyPair.NotFound")
        let again = await cli.run("import-key", "--name", target, "--from-key-pair", source, "--source-profile", "account-a",
                                  "--profile", "account-b")
        #expect(again.stdout.hasPrefix("\(target): already present as "), "\(again.allOutput)")

        let missing = await cli.run("import-key", "--name", target, "--from-key-pair", "no-such-key", "--source-profile",
                                    "account-a", "--profile", "account-b")
        #expect(missing.status == 3)
        #expect(missing.stderr == "amikey: there is no key pair 'no-such-key' in the account of profile 'account-a' (\(Self.region))\n")
    }

    @Test("only public key lines are ever sent: no request body holds the private key, from any private key format",
          arguments: ["rsa", "rsa.pem", "rsa.ppk", "rsa-enc"])
    func noPrivateKeyMaterial(_ file: String) async throws {
        let (cli, _, recorder) = try await Self.cli()
        let keys = try CLIKeys.load()
        try keys.install([file], in: cli.directory)
        let run = await cli.run("import-key", "--name", Self.uniqueName("private"), "--from", file)
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(!recorder.bodies.isEmpty)
        for body in recorder.bodies {
            for needle in keys.secretNeedles { #expect(!body.contains(needle)) }
            #expect(!body.contains("PRIVATE"))
        }
        let materials = Self.sentMaterials(recorder)
        #expect(materials.count == 1)
        let sent = try SSHPublicKey(openSSHRepresentation: try #require(materials.first))
        #expect(sent.sha256Fingerprint == keys.rsaSHA256)
        #expect(materials.allSatisfy { $0.hasPrefix("ssh-rsa ") && !$0.contains("\n") && !$0.contains("PRIVATE") })
        for material in materials { for needle in keys.secretNeedles { #expect(!material.contains(needle)) } }
    }

    @Test(
        "usage errors exit 2 and name the fix",
        arguments: [
            (["--name", "k"], "give exactly one source"),
            (["--name", "k", "--from", "a", "--from-authorized-keys", "b"], "give exactly one source"),
            (["--name", "k", "--from", "a", "--all"], "--line and --all go with --from-authorized-keys"),
            (["--name", "k", "--from-authorized-keys", "a", "--line", "1", "--all"], "give --line K or --all, not both"),
            (["--name", "k", "--from-key-pair", "a"], "--from-key-pair needs --source-profile P"),
            (["--name", "k", "--from", "a", "--source-profile", "p"], "--source-profile goes with --from-key-pair"),
        ])
    func usage(_ arguments: [String], _ message: String) async throws {
        let (cli, _, recorder) = try await Self.cli()
        let run = await cli.run(["import-key"] + arguments)
        #expect(run.status == 2, "\(run.allOutput)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(recorder.bodies.isEmpty)
    }

    @Test("--help teaches: sources, refusals, names with --all, exit codes, examples")
    func help() async throws {
        let run = await (try CLI()).run("import-key", "--help")
        #expect(run.status == 0)
        for phrase in ["--from-authorized-keys", "--from-key-pair", "ECDSA", "already-present", "NAME-K", "Exit status",
                       "amikey import-key --name old-key --from ~/Downloads/old-key.pem"] {
            #expect(run.stdout.contains(phrase), "\(phrase)")
        }
    }
}
