import AMIKeyTestSupport
import AWSCore
import AWSTestSupport
import Foundation
import Testing

@testable import AMIKeyCLI

/// `amikey relaunch` against a real moto server, through the CLI: the source instance is made, and the replacement
/// read back, by boto3 (an independent client), so what RunInstances received is checked field by field.
///
/// Isolation: every test makes its own image, security groups, instance profile, key pairs and instance, with a
/// fresh suffix, in ``region``.
@Suite("amikey relaunch")
struct RelaunchCommandTests {
    static let region = "eu-north-1"

    /// User data that is not UTF-8 and has CRLF, NUL and trailing blanks: any re-encoding would show.
    static let userData: [UInt8] = Array("#!/bin/sh\r\necho 'caf\u{E9}' > /tmp/x\n".utf8) + [0x00, 0xFF, 0xFE, 0x0A, 0x20, 0x20, 0x0A]

    /// boto3 against moto: `setup` makes a source instance with every carried-over setting and prints its ids;
    /// `describe ID` prints an instance and its user data (base64).
    static let boto = #"""
        import base64, json, sys, uuid
        import boto3
        endpoint, region, key, secret, command = sys.argv[1:6]
        kw = dict(endpoint_url=endpoint, region_name=region, aws_access_key_id=key, aws_secret_access_key=secret)
        ec2, iam = boto3.client('ec2', **kw), boto3.client('iam', **kw)
        if command == 'setup':
            run = uuid.uuid4().hex[:8]
            image = ec2.register_image(Name='relaunch-' + run, Description='relaunch test')['ImageId']
            vpc = ec2.describe_vpcs(Filters=[{'Name': 'is-default', 'Values': ['true']}])['Vpcs'][0]['VpcId']
            subnet = sorted(s['SubnetId'] for s in ec2.describe_subnets(Filters=[{'Name': 'vpc-id', 'Values': [vpc]}])['Subnets'])[-1]
            groups = [ec2.create_security_group(GroupName=n + '-' + run, Description='relaunch test', VpcId=vpc)['GroupId']
                      for n in ('web', 'ssh')]
            profile = iam.create_instance_profile(InstanceProfileName='relaunch-' + run)['InstanceProfile']['Arn']
            for name in ('new-key-' + run, 'old-key-' + run):
                ec2.create_key_pair(KeyName=name)
            user_data = base64.b64decode(sys.argv[6])
            instance = ec2.run_instances(
                ImageId=image, MinCount=1, MaxCount=1, InstanceType='t3.small', KeyName='new-key-' + run,
                SubnetId=subnet, SecurityGroupIds=groups, IamInstanceProfile={'Arn': profile}, UserData=user_data,
                MetadataOptions={'HttpTokens': 'required', 'HttpPutResponseHopLimit': 2, 'HttpEndpoint': 'enabled',
                                 'InstanceMetadataTags': 'enabled'},
                TagSpecifications=[{'ResourceType': 'instance', 'Tags': [
                    {'Key': 'Name', 'Value': 'web 1'}, {'Key': 'team', 'Value': 'a=b & c'}]}])['Instances'][0]['InstanceId']
            ec2.create_tags(Resources=[instance], Tags=[{'Key': 'aws:cloudformation:stack-name', 'Value': 'stack'}])
            print(json.dumps({'image': image, 'subnet': subnet, 'groups': groups, 'profile': profile, 'instance': instance,
                              'sourceKey': 'new-key-' + run, 'key': 'old-key-' + run}))
        else:
            i = ec2.describe_instances(InstanceIds=[sys.argv[6]])['Reservations'][0]['Instances'][0]
            data = ec2.describe_instance_attribute(InstanceId=sys.argv[6], Attribute='userData').get('UserData', {}).get('Value')
            print(json.dumps({'image': i['ImageId'], 'key': i.get('KeyName'), 'type': i['InstanceType'], 'subnet': i.get('SubnetId'),
                              'groups': [g['GroupId'] for g in i['SecurityGroups']], 'profile': i.get('IamInstanceProfile', {}).get('Arn'),
                              'tags': {t['Key']: t['Value'] for t in i.get('Tags', [])}, 'state': i['State']['Name'],
                              'metadata': {k: v for k, v in i.get('MetadataOptions', {}).items() if k != 'State'},
                              'userData': data}))
        """#

    /// The source instance boto3 made.
    struct Source {
        let image: String
        let subnet: String
        let groups: [String]
        let profile: String
        let instance: String
        let sourceKey: String
        let key: String
    }

    static func boto3(_ moto: MotoServer, _ arguments: [String]) throws -> JSON {
        try JSON.parse(Oracle.run("python3", ["-c", boto, moto.baseURL, region, MotoServer.credentials.accessKeyID,
                                              MotoServer.credentials.secretAccessKey] + arguments))
    }

    static func setUp() async throws -> (CLI, RecordingTransport, Source, MotoServer) {
        let moto = try await MotoServer.shared()
        let json = try boto3(moto, ["setup", Data(userData).base64EncodedString()])
        let source = Source(
            image: try #require(json["image"]?.string), subnet: try #require(json["subnet"]?.string),
            groups: json["groups"]?.array.compactMap(\.string) ?? [], profile: try #require(json["profile"]?.string),
            instance: try #require(json["instance"]?.string), sourceKey: try #require(json["sourceKey"]?.string),
            key: try #require(json["key"]?.string))
        let recorder = RecordingTransport(moto.transport)
        let cli = try CLI.againstMoto(moto, region: region, through: recorder)
        return (cli, recorder, source, moto)
    }

    @Test("launches from the same image with the key pair, carrying over every setting; user data byte for byte; the source is left as it is")
    func launch() async throws {
        let (cli, recorder, source, moto) = try await Self.setUp()
        let run = await cli.run("relaunch", source.instance, "--key-pair", source.key, "--client-token", "ticket-4711", "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let json = try run.json()
        #expect(Array(json.keys.prefix(6)) == ["sourceInstanceId", "instanceId", "imageId", "keyName", "carriedOver", "status"])
        #expect(json["sourceInstanceId"]?.string == source.instance)
        #expect(json["status"]?.string == "launched")
        #expect(json["imageId"]?.string == source.image)
        #expect(json["keyName"]?.string == source.key)
        #expect(json["clientToken"]?.string == "ticket-4711")
        #expect(json["droppedTags"]?.array.compactMap(\.string) == ["aws:cloudformation:stack-name"])
        let carried = try #require(json["carriedOver"])
        #expect(carried["instanceType"]?.string == "t3.small")
        #expect(carried["subnetId"]?.string == source.subnet)
        #expect(carried["securityGroupIds"]?.array.compactMap(\.string) == source.groups)
        #expect(carried["iamInstanceProfileArn"]?.string == source.profile)
        #expect(carried["tags"]?.keys == ["Name", "team"])
        #expect(carried["userData"]?["bytes"]?.number == Double(Self.userData.count))
        #expect(carried["metadataOptions"]?["httpTokens"]?.string == "required")
        let newId = try #require(json["instanceId"]?.string)
        #expect(newId != source.instance)
        #expect(run.stderr.contains("waiting for the new instance to run"), "\(run.stderr)")

        // What RunInstances received, read back by boto3.
        let launched = try Self.boto3(moto, ["describe", newId])
        #expect(launched["image"]?.string == source.image)
        #expect(launched["key"]?.string == source.key)
        #expect(launched["type"]?.string == "t3.small")
        #expect(launched["subnet"]?.string == source.subnet)
        #expect(launched["groups"]?.array.compactMap(\.string) == source.groups)
        #expect(launched["profile"]?.string == source.profile)
        #expect(launched["tags"]?["Name"]?.string == "web 1")
        #expect(launched["tags"]?["team"]?.string == "a=b & c")
        #expect(launched["tags"]?["aws:cloudformation:stack-name"] == nil)
        #expect(launched["state"]?.string == "running")
        #expect(launched["metadata"]?["HttpTokens"]?.string == "required")
        #expect(launched["metadata"]?["HttpPutResponseHopLimit"]?.number == 2)
        #expect(launched["metadata"]?["InstanceMetadataTags"]?.string == "enabled")
        let bytes = try #require(launched["userData"]?.string.flatMap { Data(base64Encoded: $0) })
        #expect(Array(bytes) == Self.userData)

        // The request itself: one RunInstances, with the token and the user data's exact base64.
        let runs = recorder.bodies.filter { $0.contains("Action=RunInstances") }
        #expect(runs.count == 1)
        let body = try #require(runs.first)
        #expect(body.contains("ClientToken=ticket-4711"))
        let encoded = Data(Self.userData).base64EncodedString()
            .addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~")))!
        #expect(body.contains("UserData=\(encoded)&"), "\(body)")
        #expect(body.contains("KeyName=\(source.key)&"))

        // The source instance is untouched: still running, still with its own key pair.
        let old = try Self.boto3(moto, ["describe", source.instance])
        #expect(old["state"]?.string == "running")
        #expect(old["key"]?.string == source.sourceKey)
        #expect(!recorder.bodies.contains { $0.contains("Action=StopInstances") || $0.contains("Action=TerminateInstances")
            || $0.contains("Action=ModifyInstanceAttribute") })
    }

    @Test("--plan shows every parameter and launches nothing; text names both the source and the plan")
    func plan() async throws {
        let (cli, recorder, source, _) = try await Self.setUp()
        let json = await cli.run("relaunch", source.instance, "--key-pair", source.key, "--plan", "--output", "json")
        #expect(json.status == 0, "\(json.allOutput)")
        let object = try json.json()
        #expect(object["status"]?.string == "planned")
        #expect(object["instanceId"]?.isNull == true)
        #expect(object["carriedOver"]?["securityGroupIds"]?.array.compactMap(\.string) == source.groups)
        #expect(object["carriedOver"]?["iamInstanceProfileArn"]?.string == source.profile)
        #expect(object["clientToken"]?.string?.hasPrefix("amikey-relaunch-") == true)
        let text = await cli.run("relaunch", source.instance, "--key-pair", source.key, "--plan")
        #expect(text.status == 0, "\(text.allOutput)")
        for expected in [source.instance, source.image, source.key, source.subnet, source.profile, "t3.small", "Name=web 1",
                         "\(Self.userData.count) bytes", "tokens required", "nothing was launched"] {
            #expect(text.stdout.contains(expected), "\(expected) in \(text.stdout)")
        }
        // Only reads were sent (the recorder sees every request of these two runs).
        let actions = Set(recorder.bodies.compactMap { $0.split(separator: "&").first.map(String.init) })
        #expect(actions == ["Action=DescribeInstances", "Action=DescribeInstanceAttribute", "Action=DescribeKeyPairs",
                            "Action=DescribeImages"], "\(actions)")
    }

    @Test("a key pair that does not exist: exit 3 before anything is launched, naming it and amikey import-key")
    func unknownKeyPair() async throws {
        let (cli, recorder, source, _) = try await Self.setUp()
        let run = await cli.run("relaunch", source.instance, "--key-pair", "no-such-key")
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(run.stderr.contains("no key pair \"no-such-key\""), "\(run.stderr)")
        #expect(run.stderr.contains("amikey import-key --name no-such-key"))
        #expect(!recorder.bodies.contains { $0.contains("Action=RunInstances") })
        let json = await cli.run("relaunch", source.instance, "--key-pair", "no-such-key", "--output", "json")
        #expect(json.status == 3)
        #expect(try json.json()["error"]?["code"]?.string == "key-pair-not-found")
    }

    @Test("an instance that does not exist: exit 3, AWS's code; a malformed id is a usage error (2)")
    func unknownInstance() async throws {
        let (cli, recorder, source, _) = try await Self.setUp()
        let run = await cli.run("relaunch", "i-0000000000000dead", "--key-pair", source.key, "--output", "json")
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(try run.json()["error"]?["code"]?.string == "InvalidInstanceID.NotFound")
        #expect(!recorder.bodies.contains { $0.contains("Action=RunInstances") })
        let usage = await cli.run("relaunch", "web-1", "--key-pair", source.key)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("i-0123456789abcdef0"))
    }
    @Test("--help teaches: what is carried over and what is not, the key pair first, --plan, exit statuses, examples")
    func help() async throws {
        let run = await (try CLI()).run("relaunch", "--help")
        #expect(run.status == 0)
        // Prose is wrapped to the terminal, so it is read with line breaks undone; examples and options keep their lines.
        let prose = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for phrase in ["user data (byte for byte)", "tags (not aws: ones", "Not carried over", "amikey import-key --name old-key",
                       "The key pair is checked first", "launches nothing", "3 nothing could be done"] {
            #expect(prose.contains(phrase), "\(phrase)")
        }
        for line in ["--key-pair <NAME>", "--plan", "--client-token <TOKEN>", "Examples:",
                     "amikey relaunch i-0123456789abcdef0 --key-pair old-key --plan"] {
            #expect(run.stdout.contains(line), "\(line)")
        }
        #expect(await (try CLI()).run("--help").stdout.contains("relaunch"))
    }
}
