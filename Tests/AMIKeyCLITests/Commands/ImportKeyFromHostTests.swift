import AMIKeyTestSupport
import AWSTestSupport
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyCLI

/// `amikey import-key --from-host` against a real sshd (the source instance) and moto (the account): the host key is
/// verified before a key is offered and before AWS is called, authorized_keys lines are chosen and refused as for
/// a file, and the private key given with -i never leaves this machine.
@Suite("amikey import-key --from-host")
struct ImportKeyFromHostTests {
    static let region = "us-east-1"

    private static func cli() async throws -> (CLI, RecordingTransport, ImportKeyHostFixture) {
        let moto = try await MotoServer.shared()
        let recorder = RecordingTransport(moto.transport)
        return (try CLI.againstMoto(moto, region: region, through: recorder), recorder, try ImportKeyHostFixture.shared.get())
    }

    private static func uniqueName(_ stem: String) -> String {
        "\(stem)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// `import-key --name NAME --from-host root@127.0.0.1 --port P -i login` and `more`.
    private static func arguments(_ name: String, _ fixture: ImportKeyHostFixture, port: Int? = nil, key: String? = nil,
                                  _ more: [String]) -> [String] {
        ["import-key", "--name", name, "--from-host", "root@127.0.0.1", "--port", String(port ?? fixture.server.port),
         "-i", key ?? fixture.login] + more
    }

    /// Every `PublicKeyMaterial` sent, decoded.
    private static func sentMaterials(_ recorder: RecordingTransport) -> [String] {
        recorder.bodies.flatMap { body in
            body.split(separator: "&").filter { $0.hasPrefix("PublicKeyMaterial=") }.compactMap { field -> String? in
                let value = String(field.dropFirst("PublicKeyMaterial=".count)).removingPercentEncoding ?? ""
                return Data(base64Encoded: value).map { String(decoding: $0, as: UTF8.self) }
            }
        }
    }

    @Test("--host-key SHA256: --all imports each line as NAME-LINE without options, ECDSA refused, no private key sent")
    func allWithHostKey() async throws {
        let (cli, recorder, fixture) = try await Self.cli()
        let keys = try CLIKeys.load()
        let pin = try fixture.hostKey("ssh-ed25519").sha256Fingerprint
        let name = Self.uniqueName("host")

        let ambiguous = await cli.run(Self.arguments(name, fixture, ["--host-key", pin]))
        #expect(ambiguous.status == 2, "\(ambiguous.allOutput)")
        #expect(ambiguous.stderr == "amikey: host:root@127.0.0.1 holds 3 keys (lines 1, 3, 4); choose one with --line K, or import each with --all\n")
        #expect(recorder.bodies.isEmpty)

        let run = await cli.run(Self.arguments(name, fixture, ["--host-key", pin, "--all"]))
        #expect(run.status == 1, "\(run.allOutput)")
        let printed = run.stdout.split(separator: "\n")
        #expect(printed.count == 2)
        #expect(printed.first?.hasPrefix("\(name)-1: imported as key-") == true)
        #expect(printed.first?.hasSuffix("from host:root@127.0.0.1:1") == true, "\(run.stdout)")
        #expect(printed.last?.hasPrefix("\(name)-3: imported as key-") == true)
        #expect(run.stderr.hasPrefix("amikey: \(name)-4: not imported (host:root@127.0.0.1:4): EC2 does not import ECDSA keys"), "\(run.stderr)")
        let materials = Self.sentMaterials(recorder)
        #expect(materials.count == 2)
        #expect(materials.allSatisfy { !$0.contains("command=") && !$0.contains("no-pty") && !$0.contains("from=") })
        #expect(try materials.map { try SSHPublicKey(openSSHRepresentation: $0).sha256Fingerprint } == [keys.ed25519SHA256, keys.rsaSHA256])
        // The -i key logged in, but nothing of it went anywhere but ssh.
        for body in recorder.bodies {
            for needle in keys.secretNeedles { #expect(!body.contains(needle)) }
            #expect(!body.contains("PRIVATE"))
        }
    }

    @Test("--host-key in MD5 form, and --line K picks one key; JSON source is host:USER@HOST:LINE")
    func lineWithMD5() async throws {
        let (cli, _, fixture) = try await Self.cli()
        let keys = try CLIKeys.load()
        let pin = try fixture.hostKey("ssh-rsa").md5Fingerprint
        let run = await cli.run(Self.arguments(Self.uniqueName("md5"), fixture, ["--host-key", pin, "--line", "3", "--output", "json"]))
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(try run.json()[0]?["source"]?.string == "host:root@127.0.0.1:3")
        #expect(try run.json()[0]?["sha256"]?.string == keys.rsaSHA256)
        #expect(try run.json()[0]?["status"]?.string == "imported")
    }

    @Test("a wrong --host-key is refused before any key is offered or AWS is called, showing what the host offered")
    func wrongHostKey() async throws {
        let (cli, recorder, fixture) = try await Self.cli()
        let other = try SSHPublicKey(openSSHRepresentation: String(decoding: try #require(CLIKeys.load().files["ed25519.pub"]), as: UTF8.self))
        let run = await cli.run(Self.arguments(Self.uniqueName("wrong"), fixture, ["--host-key", other.sha256Fingerprint, "--line", "1"]))
        #expect(run.status == 3, "\(run.allOutput)")
        let offered = try ["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"].map { try fixture.hostKey($0) }
        #expect(run.stderr.hasPrefix("amikey: 127.0.0.1 offered the host keys "), "\(run.stderr)")
        for key in offered { #expect(run.stderr.contains("\(key.sha256Fingerprint) (\(key.shortTypeName))")) }
        #expect(run.stderr.contains("and none is \(other.sha256Fingerprint): it may be a different host (an address reused by another instance) or a man-in-the-middle. Nothing was read or imported."))
        #expect(recorder.bodies.isEmpty)
    }

    @Test("without a pin, a host missing from known_hosts is refused, and the message names the options that verify it")
    func unknownHost() async throws {
        let (cli, recorder, fixture) = try await Self.cli()
        let run = await cli.run(Self.arguments(Self.uniqueName("unknown"), fixture, ["--ssh-config", fixture.unknownConfig, "--all"]))
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(run.stderr.hasPrefix("amikey: the host key of 127.0.0.1 is not in your known_hosts, and amikey never accepts a host key blindly (Host key verification failed)."), "\(run.stderr)")
        for option in ["--host-key SHA256:...", "aws ec2 get-console-output --instance-id ID --output text", "--console-output FILE",
                       "connect once yourself with ssh root@127.0.0.1"] {
            #expect(run.stderr.contains(option), "\(option)")
        }
        #expect(recorder.bodies.isEmpty)
        #expect(try String(contentsOfFile: fixture.directory + "/empty_known_hosts", encoding: .utf8).isEmpty, "nothing learnt")
    }

    @Test("the user's own known_hosts (here through --ssh-config) verifies the host without a pin")
    func knownHost() async throws {
        let (cli, _, fixture) = try await Self.cli()
        let run = await cli.run(Self.arguments(Self.uniqueName("known"), fixture, ["--ssh-config", fixture.knownConfig, "--line", "1"]))
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(run.stdout.hasSuffix("from host:root@127.0.0.1:1\n"), "\(run.stdout)")
    }

    @Test("--console-output FILE (or - for standard input) pins the host keys of its host-key block", arguments: [false, true])
    func consoleOutput(_ fromStandardInput: Bool) async throws {
        var (cli, _, fixture) = try await Self.cli()
        if fromStandardInput { cli.standardInput = Array(try String(contentsOfFile: fixture.consoleOutput, encoding: .utf8).utf8) }
        let source = fromStandardInput ? "-" : fixture.consoleOutput
        let run = await cli.run(Self.arguments(Self.uniqueName("console"), fixture, ["--console-output", source, "--line", "3"]))
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(run.stdout.hasSuffix("from host:root@127.0.0.1:3\n"), "\(run.stdout)")
    }

    @Test("a console output of another instance is a mismatch; one without a host-key block says what to save")
    func consoleOutputOfAnotherHost() async throws {
        let (cli, recorder, fixture) = try await Self.cli()
        let other = try String(contentsOfFile: fixture.consoleOutput, encoding: .utf8)
            .replacingOccurrences(of: fixture.hostKeys.joined(separator: "\r\n"),
                                  with: String(decoding: try #require(CLIKeys.load().files["ed25519.pub"]), as: UTF8.self)
                                      .trimmingCharacters(in: .newlines))
        _ = try cli.directory.write("other-console.txt", other)
        let run = await cli.run(Self.arguments(Self.uniqueName("other"), fixture, ["--console-output", "other-console.txt", "--line", "1"]))
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(run.stderr == "amikey: 127.0.0.1 offered none of the host keys in the console output other-console.txt: it may be a different host, a man-in-the-middle, or the console output of another instance. Nothing was read or imported\n")

        _ = try cli.directory.write("no-block.txt", "[    0.000000] Linux version 6.1.0-18-cloud-amd64\n")
        let empty = await cli.run(Self.arguments(Self.uniqueName("other"), fixture, ["--console-output", "no-block.txt", "--line", "1"]))
        #expect(empty.status == 3)
        #expect(empty.stderr.hasPrefix("amikey: the console output no-block.txt has no host-key block (-----BEGIN SSH HOST KEY KEYS-----): save the whole output"), "\(empty.stderr)")
        #expect(recorder.bodies.isEmpty)
    }

    @Test("a key the host refuses is Permission denied, with what to do")
    func permissionDenied() async throws {
        let (cli, recorder, fixture) = try await Self.cli()
        let pin = try fixture.hostKey("ssh-ed25519").sha256Fingerprint
        let run = await cli.run(Self.arguments(Self.uniqueName("denied"), fixture, key: fixture.stranger, ["--host-key", pin, "--all"]))
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(run.stderr == "amikey: root@127.0.0.1 refused the key \(fixture.stranger) (Permission denied (publickey)): give the private key that logs in there with -i KEY (only its path is passed to ssh, nothing of it is sent to AWS), and check the login user (ec2-user, ubuntu, admin, ...; amikey doctor INSTANCE_ID names it)\n")
        #expect(recorder.bodies.isEmpty)
    }

    @Test("a user without ~/.ssh/authorized_keys, and a port nothing listens on, are explained")
    func missingFileAndUnreachable() async throws {
        let (cli, recorder, fixture) = try await Self.cli()
        let pin = try fixture.hostKey("ssh-ed25519").sha256Fingerprint
        let bare = await cli.run(Self.arguments(Self.uniqueName("bare"), fixture, port: fixture.bareServer.port,
                                                ["--ssh-config", fixture.unknownConfig, "--console-output", fixture.consoleOutput]))
        // The bare server has host keys of its own: the console output of the other server does not vouch for it.
        #expect(bare.status == 3 && bare.stderr.contains("offered none of the host keys"), "\(bare.allOutput)")
        let bareKey = try SSHPublicKey(openSSHRepresentation: try String(contentsOfFile: fixture.bareServer.hostPublicKeyFiles[0], encoding: .utf8))
        let missing = await cli.run(Self.arguments(Self.uniqueName("bare"), fixture, port: fixture.bareServer.port,
                                                   ["--host-key", bareKey.sha256Fingerprint]))
        #expect(missing.status == 3, "\(missing.allOutput)")
        #expect(missing.stderr.hasPrefix("amikey: root@127.0.0.1 has no ~/.ssh/authorized_keys (cat: No such file or directory): this user logs in some other way"), "\(missing.stderr)")

        let port = try SSHDServer.freePort()
        let closed = await cli.run(Self.arguments(Self.uniqueName("closed"), fixture, port: port, ["--ssh-config", fixture.knownConfig]))
        #expect(closed.status == 3)
        #expect(closed.stderr.hasPrefix("amikey: could not reach 127.0.0.1 port \(port): the connection was refused (nothing listens on that port). Check that the instance is running"), "\(closed.stderr)")
        let scanned = await cli.run(Self.arguments(Self.uniqueName("closed"), fixture, port: port, ["--host-key", pin]))
        #expect(scanned.stderr.hasPrefix("amikey: ssh-keyscan got no host key from 127.0.0.1 port \(port)"), "\(scanned.stderr)")
        #expect(recorder.bodies.isEmpty)
    }

    @Test(
        "--from-host usage errors exit 2 and name the fix",
        arguments: [
            (["--from", "a", "-i", "k"], "-i goes with --from-host USER@HOST"),
            (["--from", "a", "--host-key", "SHA256:x"], "--host-key goes with --from-host USER@HOST"),
            (["--from-host", "127.0.0.1"], "--from-host takes USER@HOST"),
            (["--from-host", "u@h", "--host-key", "SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk", "--console-output", "c"],
             "give --host-key FP or --console-output FILE, not both"),
            (["--from-host", "u@h", "--host-key", "nonsense"], "--host-key takes a fingerprint such as SHA256:"),
            (["--from-host", "u@h", "--port", "0"], "--port takes 1 to 65535"),
            (["--from-host", "u@h", "--from", "a"], "give exactly one source"),
        ])
    func usage(_ arguments: [String], _ message: String) async throws {
        let run = await (try CLI()).run(["import-key", "--name", "k"] + arguments)
        #expect(run.status == 2, "\(run.allOutput)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("--help teaches --from-host: the host-key options, the console output, and the seed step 1 example")
    func help() async throws {
        let run = await (try CLI()).run("import-key", "--help")
        for phrase in ["--from-host USER@HOST", "--host-key FP", "--console-output FILE", "aws ec2 get-console-output",
                       "blindly", "amikey import-key --name old-key --from-host ec2-user@54.12.0.7 \\\n    -i ~/.ssh/old-key.pem --console-output console.txt --all"] {
            #expect(run.stdout.contains(phrase), "\(phrase)")
        }
    }
}
