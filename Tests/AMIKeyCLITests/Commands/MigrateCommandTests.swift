import AMIKeyTestSupport
import AWSCore
import AWSTestSupport
import Foundation
import Testing

@testable import AMIKeyCLI

/// `amikey migrate` against a real moto server, through the CLI: usage errors, the account checks, and the plan read
/// from a journal fixture (what is done, what is left). The migration itself is in ``OneLabSuites/MigrateLabTests``.
///
/// Accounts: profile `a` is moto's default account; profile `b` assumes a role in account 222222222222 from it (moto
/// gives the role's credentials that account), as the lab's `lab-b` does.
@Suite("amikey migrate")
struct MigrateCommandTests {
    static let region = "eu-south-2"

    static let boto = #"""
        import json, sys, uuid
        import boto3
        endpoint, region, key, secret = sys.argv[1:5]
        ec2 = boto3.client('ec2', endpoint_url=endpoint, region_name=region, aws_access_key_id=key, aws_secret_access_key=secret)
        run = uuid.uuid4().hex[:8]
        image = ec2.register_image(Name='migrate-' + run, Description='migrate test')['ImageId']
        ec2.create_key_pair(KeyName='migrate-' + run)
        instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, KeyName='migrate-' + run)['Instances'][0]['InstanceId']
        print(json.dumps({'instance': instance, 'key': 'migrate-' + run}))
        """#

    /// The CLI with profiles `a` and `b` (and `a2`, the same account as `a`), and an instance made by boto3 in `a`.
    static func setUp() async throws -> (CLI, String) {
        let moto = try await MotoServer.shared()
        let made = try JSON.parse(Oracle.run("python3", ["-c", boto, moto.baseURL, region, MotoServer.credentials.accessKeyID,
                                                         MotoServer.credentials.secretAccessKey]))
        var cli = try CLI.againstMoto(moto, region: region, through: moto.transport)
        for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] { cli.variables[name] = nil }
        let credentials = ["a", "a2"].map {
            "[\($0)]\naws_access_key_id = \(MotoServer.credentials.accessKeyID)\naws_secret_access_key = \(MotoServer.credentials.secretAccessKey)\n"
        }.joined()
        cli.variables["AWS_SHARED_CREDENTIALS_FILE"] = try cli.directory.write("credentials", credentials)
        cli.variables["AWS_CONFIG_FILE"] = try cli.directory.write(
            "config", "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/migrate\nsource_profile = a\n")
        return (cli, try #require(made["instance"]?.string))
    }

    @Test("usage errors say what to give", arguments: [
        (["--source-profile", "a", "--target-profile", "b"], "Missing expected argument '<INSTANCE_ID> ...'"),
        (["--source-profile", "a", "--target-profile", "a", "i-0123456789abcdef0"], "must be different accounts"),
        (["--source-profile", "a", "--target-profile", "b", "web-1"], "INSTANCE_ID looks like i-0123456789abcdef0"),
        (["--source-profile", "a", "--target-profile", "b", "i-0123456789abcdef0", "i-0123456789abcdef0"], "an INSTANCE_ID is named twice"),
        (["--source-profile", "a", "--target-profile", "b", "i-0123456789abcdef0", "--plan", "--dry-run"], "give --plan or --dry-run, not both"),
        (["--target-profile", "b", "i-0123456789abcdef0"], "Missing expected argument '--source-profile <PROFILE>'"),
    ] as [([String], String)])
    func usage(_ arguments: [String], _ message: String) async throws {
        let run = await try CLI().run(["migrate"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("two profiles of one account are refused before anything is read")
    func sameAccount() async throws {
        let (cli, instance) = try await Self.setUp()
        let run = await cli.run("migrate", "--source-profile", "a", "--target-profile", "a2", instance)
        #expect(run.status == 3)
        #expect(run.stderr.contains("profiles a and a2 are both account 123456789012; migrate moves instances to another account"), "\(run.stderr)")
    }

    @Test("the plan marks what the journal says is done and lists what is left; nothing is changed",
          arguments: [("shared", 4), ("encryption-checked", 3), ("image-available", 2), ("described", 1)])
    func planFromJournal(_ phase: String, _ done: Int) async throws {
        let (cli, instance) = try await Self.setUp()
        let journals = cli.directory.path("journals")
        let journal: [String: Any] = [
            "version": 1, "instanceId": instance, "region": Self.region, "targetRegion": Self.region,
            "sourceAccount": "123456789012", "targetAccount": "222222222222", "phase": phase, "keyName": "old-key",
            "publicKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGyRyhYPfS3Lj1LtcbX4/RBxvNDz5qRJ0V6cpJ1Ed3Ge", "instanceType": "t3.micro",
            "tags": ["Name": "web 1"], "bakedKeys": [], "imageRequestTag": "4b1c", "imageId": "ami-0123456789abcdef0",
            "snapshotIds": ["snap-0123456789abcdef0"],
        ]
        try FileManager.default.createDirectory(atPath: journals, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: journal).write(
            to: URL(fileURLWithPath: "\(journals)/migrate-123456789012-\(Self.region)-\(instance).json"))
        let run = await cli.run("migrate", "--source-profile", "a", "--target-profile", "b", instance, "--plan",
                                "--journal-dir", journals, "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let item = try #require(try run.json()["instances"]?.array.first)
        #expect(item["status"]?.string == "planned")
        let states = item["steps"]?.array.compactMap { $0["state"]?.string } ?? []
        #expect(states == Array(repeating: "resumed", count: done) + Array(repeating: "planned", count: 7 - done), "\(states)")
        #expect(item["steps"]?.array.compactMap { $0["id"]?.string } == ["describe", "create-image", "encryption", "share", "import-key", "launch", "verify"])

        let text = await cli.run("migrate", "--source-profile", "a", "--target-profile", "b", instance, "--plan", "--journal-dir", journals)
        #expect(text.stdout.contains("Source account 123456789012 → target account 222222222222, \(Self.region)"), "\(text.stdout)")
        #expect(text.stdout.contains("1. [done] read \(instance), the public key of key pair old-key"))
        #expect(text.stdout.contains("Plan only: nothing was changed. Run again without --plan to migrate."))
    }

    @Test("--plan without a journal: every step planned, the copy step only when B copies")
    func planFresh() async throws {
        let (cli, instance) = try await Self.setUp()
        let plain = await cli.run("migrate", "--source-profile", "a", "--target-profile", "b", instance, "--plan", "--output", "json")
        #expect(plain.status == 0, "\(plain.allOutput)")
        let steps = try #require(try plain.json()["instances"]?.array.first?["steps"]?.array)
        #expect(steps.compactMap { $0["id"]?.string } == ["describe", "create-image", "encryption", "share", "import-key", "launch", "verify"])
        #expect(steps.allSatisfy { $0["state"]?.string == "planned" })
        let reencrypted = await cli.run("migrate", "--source-profile", "a", "--target-profile", "b", instance, "--plan",
                                        "--source-kms-key", "arn:aws:kms:eu-south-2:123456789012:key/abcd", "--output", "json")
        let reencryptSteps = try #require(try reencrypted.json()["instances"]?.array.first?["steps"]?.array)
        #expect(reencryptSteps.compactMap { $0["id"]?.string }
                == ["describe", "create-image", "reencrypt", "encryption", "share", "import-key", "launch", "verify"])
        let copied = await cli.run("migrate", "--source-profile", "a", "--target-profile", "b", instance, "--plan", "--copy-image",
                                   "--target-kms-key", "arn:aws:kms:eu-south-2:222222222222:key/1234", "--output", "json")
        let copySteps = try #require(try copied.json()["instances"]?.array.first?["steps"]?.array)
        let ids = copySteps.compactMap { $0["id"]?.string }
        #expect(ids == ["describe", "create-image", "encryption", "share", "import-key", "copy-image", "launch", "verify"])
        #expect(copySteps.contains { $0["summary"]?.string?.contains("encrypted with arn:aws:kms:eu-south-2:222222222222:key/1234") == true })
    }
}
