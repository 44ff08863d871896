import AMIKeyTestSupport
import AMIKeyWorkflows
import AWSServices
import Foundation
import Testing

@testable import AMIKeyCLI

extension OneLabSuites {
    /// `amikey migrate` with encrypted source volumes on the lab (which models EBS encryption and KMS key policies):
    /// a customer managed key B may not use stops the migration with the statements to add, and the same command
    /// finishes once A's key policy has them; an `aws/ebs` image needs `--source-kms-key`, which re-encrypts it in A.
    @Suite("amikey migrate with encrypted volumes on the lab")
    struct MigrateEncryptionLabTests {
        static let region = LabRegion.migrateEncrypted

        /// boto3 as account A (profile lab-a): `key` makes a customer managed key and prints its ARN; `launch IMAGE
        /// [KEY]` launches an instance whose root volume is encrypted (with KEY, else aws/ebs); `allow KEY ACCOUNT`
        /// adds to the key policy the statements the migration printed, read as JSON from standard input.
        static let boto = #"""
            import json, os, sys
            import boto3
            session = boto3.Session(profile_name='lab-a', region_name=os.environ['AWS_REGION'])
            kms, ec2 = session.client('kms'), session.client('ec2')
            command = sys.argv[1]
            if command == 'key':
                print(kms.create_key(Description='amikey migrate test')['KeyMetadata']['Arn'])
            elif command == 'launch':
                ebs = {'Encrypted': True}
                if len(sys.argv) > 3: ebs['KmsKeyId'] = sys.argv[3]
                print(ec2.run_instances(ImageId=sys.argv[2], MinCount=1, MaxCount=1, InstanceType='t3.micro', KeyName='old-key',
                      BlockDeviceMappings=[{'DeviceName': '/dev/sda1', 'Ebs': ebs}])['Instances'][0]['InstanceId'])
            else:
                policy = json.loads(kms.get_key_policy(KeyId=sys.argv[2], PolicyName='default')['Policy'])
                policy['Statement'] += json.load(sys.stdin)
                kms.put_key_policy(KeyId=sys.argv[2], PolicyName='default', Policy=json.dumps(policy))
            """#

        static func boto3(_ scenario: RepairLabScenario, region: String, _ arguments: [String], stdin: String? = nil) throws -> String {
            var environment = scenario.doctor.cli.variables
            environment["AWS_ENDPOINT_URL"] = scenario.lab.info.endpoint
            environment["AWS_REGION"] = region
            let run = try Oracle.execute(try Oracle.path(of: "python3"), ["-c", boto] + arguments,
                                         stdin: stdin.map { Array($0.utf8) }, environment: environment)
            guard run.status == 0 else { throw Oracle.Failure(description: "boto3 \(arguments): \(run.stderr)") }
            return String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// The JSON array of key-policy statements in a message (the first `[` … matching `]`).
        static func statements(in message: String) throws -> String {
            let start = try #require(message.firstIndex(of: "["))
            var depth = 0
            for index in message[start...].indices {
                if message[index] == "[" { depth += 1 }
                if message[index] == "]" { depth -= 1 }
                if depth == 0 { return String(message[start...index]) }
            }
            throw Oracle.Failure(description: "no statements in \(message)")
        }

        @Test("a key B may not use stops the migration with the statements to add; with them added, the same command finishes")
        func customerManagedKey() async throws {
            let lab = try currentLab()
            let scenario = try await RepairLabScenario.build(lab, region: Self.region)
            let key = try Self.boto3(scenario, region: Self.region, ["key"])
            let source = try Self.boto3(scenario, region: Self.region, ["launch", scenario.doctor.seedImage, key])
            let arguments = ["migrate", source, "--journal-dir", scenario.journals, "--output", "json"] + MigrateLabTests.accounts(Self.region)

            let stopped = await scenario.doctor.cli.run(arguments)
            #expect(stopped.status == 3, "\(stopped.allOutput)")
            let item = try #require(try stopped.json()["instances"]?.array.first)
            #expect(item["error"]?["code"]?.string == "kms-key-not-shared")
            let message = try #require(item["error"]?["message"]?.string)
            #expect(message.contains("arn:aws:iam::\(scenario.doctor.accountB):root"), "\(message)")
            #expect(try await MigrateLabTests.migrated(from: source, scenario) == (images: 1, instances: 0), "the image is kept, nothing launched")

            // A adds exactly what was printed; the same command goes on from the kept image.
            _ = try Self.boto3(scenario, region: Self.region, ["allow", key], stdin: try Self.statements(in: message))
            let finished = await scenario.doctor.cli.run(arguments)
            #expect(finished.status == 0, "\(finished.allOutput)")
            let done = try #require(try finished.json()["instances"]?.array.first)
            #expect(done["status"]?.string == "migrated")
            #expect(done["steps"]?.array.first?["summary"]?.string?.contains("resuming the migration") == true)
            #expect(try await MigrateLabTests.migrated(from: source, scenario) == (images: 1, instances: 1))
            let target = try #require(done["targetInstanceId"]?.string)
            #expect(try await scenario.login(scenario.doctor.keyA, target).status == 0)
        }

        @Test("an aws/ebs image cannot be shared: the message names --source-kms-key, which re-encrypts it in A first")
        func awsManagedKey() async throws {
            let lab = try currentLab()
            let region = LabRegion.migrateEncryptedDefault
            let scenario = try await RepairLabScenario.build(lab, region: region)
            let key = try Self.boto3(scenario, region: region, ["key"])
            let source = try Self.boto3(scenario, region: region, ["launch", scenario.doctor.seedImage])
            let base = ["migrate", source, "--journal-dir", scenario.journals, "--output", "json"] + MigrateLabTests.accounts(region)

            let stopped = await scenario.doctor.cli.run(base)
            #expect(stopped.status == 3, "\(stopped.allOutput)")
            let item = try #require(try stopped.json()["instances"]?.array.first)
            #expect(item["error"]?["code"]?.string == "kms-aws-managed-key")
            #expect(item["error"]?["message"]?.string?.contains("--source-kms-key") == true)

            // B may use A's own key; --source-kms-key re-encrypts the image with it and shares the copy.
            let allow = #"[{"Sid": "Allow use of the key", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(scenario.doctor.accountB):root"}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"}, {"Sid": "Allow attachment of persistent resources", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::\#(scenario.doctor.accountB):root"}, "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*", "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}}]"#
            _ = try Self.boto3(scenario, region: region, ["allow", key], stdin: allow)
            let finished = await scenario.doctor.cli.run(base + ["--source-kms-key", key])
            #expect(finished.status == 0, "\(finished.allOutput)")
            let done = try #require(try finished.json()["instances"]?.array.first)
            #expect(done["status"]?.string == "migrated")
            let copy = try #require(done["reencryptedImageId"]?.string)
            #expect(copy != done["imageId"]?.string)
            #expect(done["steps"]?.array.contains { $0["id"]?.string == "reencrypt" } == true)
            let target = try #require(done["targetInstanceId"]?.string)
            let launched = try #require(try await scenario.b.send(EC2.describeInstances(.init(instanceIds: [target]))).instances.first)
            #expect(launched.imageId == copy, "B launched from the re-encrypted copy")
            #expect(try await scenario.login(scenario.doctor.keyA, target).status == 0)
        }
    }
}
