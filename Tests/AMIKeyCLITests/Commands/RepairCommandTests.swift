import AMIKeyTestSupport
import AWSCore
import AWSTestSupport
import Foundation
import Testing

@testable import AMIKeyCLI

/// `amikey repair` against a real moto server, through the CLI: every refusal with its message, and `--plan`
/// changing nothing. (What the methods really do to an instance is in ``OneLabSuites/RepairLabTests``: moto does not
/// run cloud-init, SSM scripts or sshd.)
///
/// Isolation: every test makes its own image, key pair and instances with a fresh suffix, in ``region``.
@Suite("amikey repair")
struct RepairCommandTests {
    static let region = "eu-south-1"

    /// boto3 against moto: an image named like no known family, a key pair and an instance of it.
    static let boto = #"""
        import json, sys, uuid
        import boto3
        endpoint, region, key, secret = sys.argv[1:5]
        ec2 = boto3.client('ec2', endpoint_url=endpoint, region_name=region, aws_access_key_id=key, aws_secret_access_key=secret)
        run = uuid.uuid4().hex[:8]
        image = ec2.register_image(Name='in-house-' + run, Description='an image of no known family')['ImageId']
        ec2.create_key_pair(KeyName='repair-' + run)
        launch = lambda ami: ec2.run_instances(ImageId=ami, MinCount=1, MaxCount=1, KeyName='repair-' + run)['Instances'][0]['InstanceId']
        print(json.dumps({'instance': launch(image), 'key': 'repair-' + run}))
        """#

    static func setUp() async throws -> (CLI, RecordingTransport, JSON) {
        let moto = try await MotoServer.shared()
        let made = try JSON.parse(Oracle.run("python3", ["-c", boto, moto.baseURL, region, MotoServer.credentials.accessKeyID,
                                                         MotoServer.credentials.secretAccessKey]))
        let recorder = RecordingTransport(moto.transport)
        return (try CLI.againstMoto(moto, region: region, through: recorder), recorder, made)
    }

    @Test("usage errors say what to give", arguments: [
        (["i-0123456789abcdef0", "--method", "ssm"], "say which key to install: --key-pair NAME or --key FILE"),
        (["i-0123456789abcdef0", "--key-pair", "a", "--key", "b.pub", "--method", "ssm"], "give either --key-pair or --key, not both"),
        (["i-0123456789abcdef0", "--key-pair", "a", "--method", "scp"], "--method is user-data, ssm or instance-connect, not \"scp\""),
        (["i-0123456789abcdef0", "--key-pair", "a", "--method", "ssm", "--user", "ec2 user"], "--user takes a login user name"),
        (["web-1", "--key-pair", "a", "--method", "ssm"], "INSTANCE_ID looks like i-0123456789abcdef0"),
    ] as [([String], String)])
    func usage(_ arguments: [String], _ message: String) async throws {
        let run = await try CLI().run(["repair"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("--plan lists each method's steps with the instance, user and key, and sends nothing that changes it",
          arguments: [("user-data", "[plan] set user data whose cloud-config adds the key for ec2-user"),
                      ("ssm", "[plan] SSM SendCommand AWS-RunShellScript on"),
                      ("instance-connect", "[plan] make a one-time Ed25519 key and push its public half for ec2-user")])
    func plan(_ method: String, _ expected: String) async throws {
        let (cli, recorder, made) = try await Self.setUp()
        let instance = try #require(made["instance"]?.string)
        let key = try #require(made["key"]?.string)
        let run = await cli.run("repair", instance, "--key-pair", key, "--user", "ec2-user", "--method", method, "--plan")
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(run.stdout.contains(expected), "\(run.stdout)")
        #expect(run.stdout.contains("Plan only: nothing was changed"))
        #expect(run.stdout.contains("User      ec2-user — given with --user"))
        // Query actions by name; SendCommand and SendSSHPublicKey (JSON 1.1) by their members.
        let changes = ["Action=StopInstances", "Action=StartInstances", "Action=ModifyInstanceAttribute", "\"DocumentName\"", "\"InstanceOSUser\""]
        #expect(!recorder.bodies.contains { body in changes.contains { body.contains($0) } })

        let json = try await cli.run("repair", instance, "--key-pair", key, "--user", "ec2-user", "--method", method, "--plan", "--output", "json").json()
        #expect(json["status"]?.string == "planned")
        #expect(json["method"]?.string == method)
        #expect(json["steps"]?.array.allSatisfy { $0["state"]?.string == "planned" } == true)
    }

    @Test("refusals name what is wrong and what to do", arguments: [
        ("missing key pair", ["--key-pair", "no-such-key", "--user", "ec2-user", "--method", "ssm"],
         "there is no key pair \"no-such-key\" in this account in eu-south-1; give the key's file instead: --key FILE"),
        ("no user and an unknown image", ["--key-pair", "KEY", "--method", "user-data"],
         "cannot tell which user logs in to INSTANCE (it could be ec2-user); say which with --user"),
        ("SSM answers without the script's report", ["--key-pair", "KEY", "--user", "ec2-user", "--method", "ssm"],
         "succeeded but did not report what it did"),
    ] as [(String, [String], String)])
    func refusals(_ name: String, _ arguments: [String], _ message: String) async throws {
        let (cli, _, made) = try await Self.setUp()
        let instance = try #require(made["instance"]?.string)
        let key = try #require(made["key"]?.string)
        let options = arguments.map { $0 == "KEY" ? key : $0 }
        let run = await cli.run(["repair", instance] + options)
        #expect(run.status == 3, "\(name): \(run.allOutput)")
        #expect(run.stderr.contains(message.replacingOccurrences(of: "INSTANCE", with: instance)), "\(name): \(run.stderr)")
    }

    @Test("a key file is read for its public key; a file with several keys is refused before anything is changed")
    func keyFiles() async throws {
        let (cli, recorder, made) = try await Self.setUp()
        let instance = try #require(made["instance"]?.string)
        for name in ["a", "b"] {
            try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", cli.directory.path(name)])
        }
        let both = try String(contentsOfFile: cli.directory.path("a.pub"), encoding: .utf8)
            + String(contentsOfFile: cli.directory.path("b.pub"), encoding: .utf8)
        let file = try cli.directory.write("both.pub", both)
        let several = await cli.run("repair", instance, "--key", file, "--user", "ec2-user", "--method", "user-data")
        #expect(several.status == 3)
        #expect(several.stderr.contains("holds 2 keys; give a file with the one key to install"), "\(several.stderr)")

        let plan = await cli.run("repair", instance, "--key", cli.directory.path("a"), "--user", "ec2-user", "--method", "ssm", "--plan", "--output", "json")
        #expect(plan.status == 0, "\(plan.allOutput)")
        let fingerprint = try Oracle.run("ssh-keygen", ["-l", "-f", cli.directory.path("a.pub")]).split(separator: " ")[1]
        #expect(try plan.json()["key"]?["sha256"]?.string == String(fingerprint))
        let secret = try String(contentsOfFile: cli.directory.path("a"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        #expect(!recorder.bodies.contains { body in secret.contains { body.contains($0) } })
    }
}
