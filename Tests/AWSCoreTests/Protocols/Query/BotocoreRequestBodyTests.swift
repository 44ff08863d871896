import Foundation
import Testing

@testable import AWSCore

/// Request bodies checked byte for byte against botocore 1.43.11's own serializer.
///
/// The expected strings were generated once with this snippet (the parameter dictionaries list the
/// fields in the order the Swift code below adds them, since botocore keeps dictionary order):
///
/// ```python
/// import botocore.serialize, botocore.loaders, botocore.model, botocore.awsrequest
/// def body(service, op, params):
///     model = botocore.model.ServiceModel(
///         botocore.loaders.Loader().load_service_model(service, "service-2"), service)
///     serializer = botocore.serialize.create_serializer(model.metadata["protocol"])
///     req = serializer.serialize_to_request(params, model.operation_model(op))
///     prepared = botocore.awsrequest.AWSRequest(method=req["method"], url="https://x/",
///                                               data=req["body"], headers=req["headers"]).prepare()
///     return req["headers"], prepared.body
///
/// body("ec2", "DescribeInstances", {"InstanceIds": ["i-0123456789abcdef0", "i-0fedcba9876543210"],
///      "Filters": [{"Name": "instance-state-name", "Values": ["running", "stopped"]},
///                  {"Name": "tag:Name", "Values": ["web server+1/α"]}], "MaxResults": 50, "DryRun": False})
/// body("ec2", "ImportKeyPair", {"KeyName": "my key",
///      "PublicKeyMaterial": b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHB1Ymxp user@host\n",
///      "TagSpecifications": [{"ResourceType": "key-pair", "Tags": [{"Key": "Owner", "Value": "TeamA"}]}],
///      "DryRun": True})
/// body("ec2", "ModifyImageAttribute", {"ImageId": "ami-0abcdef1234567890", "LaunchPermission": {
///      "Add": [{"UserId": "111122223333"}, {"Group": "all"},
///              {"OrganizationArn": "arn:aws:organizations::123456789012:organization/o-abc123"}],
///      "Remove": [{"UserId": "444455556666"}]}})
/// body("ec2", "RunInstances", {"ImageId": "ami-0abcdef1234567890", "InstanceType": "t3.micro",
///      "MinCount": 1, "MaxCount": 1, "KeyName": "old-key", "SecurityGroupIds": ["sg-1", "sg-2"],
///      "UserData": base64.b64encode(b"#!/bin/bash\necho 'hello world' > /tmp/x && cat ~/.ssh/authorized_keys\n").decode(),
///      "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 20, "VolumeType": "gp3",
///          "DeleteOnTermination": True, "Encrypted": True}}, {"DeviceName": "/dev/sdb", "NoDevice": ""}],
///      "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web 1"},
///          {"Key": "amikey:migrated-from", "Value": "i-0123456789abcdef0"}]},
///          {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "root"}]}],
///      "ClientToken": "amikey-7d0c9c1e-run"})
/// body("ec2", "CreateImage", {"InstanceId": "i-0123456789abcdef0", "Name": "amikey migration 2026-01-02",
///      "Description": "Created by amikey; 100% safe?", "NoReboot": True, "TagSpecifications": [
///          {"ResourceType": "image", "Tags": [{"Key": "amikey:token", "Value": "tok=abc/def"}]},
///          {"ResourceType": "snapshot", "Tags": [{"Key": "amikey:token", "Value": "tok=abc/def"}]}]})
/// body("ec2", "EnableImageDeprecation", {"ImageId": "ami-1",
///      "DeprecateAt": datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc)})
/// body("sts", "AssumeRole", {"RoleArn": "arn:aws:iam::222222222222:role/any", "RoleSessionName": "amikey-session",
///      "DurationSeconds": 3600, "ExternalId": "ext id/1",
///      "PolicyArns": [{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
///      "Tags": [{"Key": "project", "Value": "amikey"}, {"Key": "team", "Value": "ops & sec"}],
///      "TransitiveTagKeys": ["project"]})
/// body("sts", "AssumeRole", {"RoleArn": "arn:aws:iam::222222222222:role/any", "RoleSessionName": "s2", "Tags": []})
/// body("sts", "GetCallerIdentity", {})
/// ```
/// Every header dictionary was `{'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}`.
@Suite("EC2 and STS request bodies match botocore byte for byte")
struct BotocoreRequestBodyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var request: AWSHTTPRequest
        var expected: String
        var testDescription: String { name }
    }

    struct TagSpecification { var resourceType: String; var tags: [(String, String)] }

    struct BlockDeviceMapping {
        var deviceName: String
        var ebs: (size: Int, type: String, deleteOnTermination: Bool, encrypted: Bool)?
        var noDevice: String?
    }

    static func addTagSpecifications(_ specs: [TagSpecification], to parameters: inout QueryParameters) {
        parameters.addStructureList("TagSpecification", specs) { spec, entry in
            entry.add("ResourceType", spec.resourceType)
            entry.addStructureList("Tag", spec.tags) { tag, fields in
                fields.add("Key", tag.0)
                fields.add("Value", tag.1)
            }
        }
    }

    static let cases: [Case] = [
        Case(
            name: "EC2 DescribeInstances with instance ids and filters",
            request: AWSQueryProtocol.ec2.request(action: "DescribeInstances") { p in
                p.addList("InstanceId", ["i-0123456789abcdef0", "i-0fedcba9876543210"])
                p.addStructureList("Filter", [("instance-state-name", ["running", "stopped"]), ("tag:Name", ["web server+1/α"])]) {
                    filter, fields in
                    fields.add("Name", filter.0)
                    fields.addList("Value", filter.1)
                }
                p.add("MaxResults", 50)
                p.add("DryRun", false)
            },
            expected:
                "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0&InstanceId.2=i-0fedcba9876543210&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.1.Value.2=stopped&Filter.2.Name=tag%3AName&Filter.2.Value.1=web+server%2B1%2F%CE%B1&MaxResults=50&DryRun=false"
        ),
        Case(
            name: "EC2 ImportKeyPair: PublicKeyMaterial is base64 of the key bytes",
            request: AWSQueryProtocol.ec2.request(action: "ImportKeyPair") { p in
                p.add("KeyName", "my key")
                p.addBlob("PublicKeyMaterial", Array("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHB1Ymxp user@host\n".utf8))
                addTagSpecifications([TagSpecification(resourceType: "key-pair", tags: [("Owner", "TeamA")])], to: &p)
                p.add("DryRun", true)
            },
            expected:
                "Action=ImportKeyPair&Version=2016-11-15&KeyName=my+key&PublicKeyMaterial=c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJMU5URTVBQUFBSUhCMVlteHAgdXNlckBob3N0Cg%3D%3D&TagSpecification.1.ResourceType=key-pair&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&DryRun=true"
        ),
        Case(
            name: "EC2 ModifyImageAttribute launch permissions (add and remove)",
            request: AWSQueryProtocol.ec2.request(action: "ModifyImageAttribute") { p in
                p.add("ImageId", "ami-0abcdef1234567890")
                p.addStructure("LaunchPermission") { permission in
                    permission.addStructureList(
                        "Add",
                        [("UserId", "111122223333"), ("Group", "all"),
                         ("OrganizationArn", "arn:aws:organizations::123456789012:organization/o-abc123")]
                    ) { entry, fields in fields.add(entry.0, entry.1) }
                    permission.addStructureList("Remove", ["444455556666"]) { id, fields in fields.add("UserId", id) }
                }
            },
            expected:
                "Action=ModifyImageAttribute&Version=2016-11-15&ImageId=ami-0abcdef1234567890&LaunchPermission.Add.1.UserId=111122223333&LaunchPermission.Add.2.Group=all&LaunchPermission.Add.3.OrganizationArn=arn%3Aaws%3Aorganizations%3A%3A123456789012%3Aorganization%2Fo-abc123&LaunchPermission.Remove.1.UserId=444455556666"
        ),
        Case(
            name: "EC2 RunInstances with user data, block device mappings, tag specifications and a client token",
            request: AWSQueryProtocol.ec2.request(action: "RunInstances") { p in
                p.add("ImageId", "ami-0abcdef1234567890")
                p.add("InstanceType", "t3.micro")
                p.add("MinCount", 1)
                p.add("MaxCount", 1)
                p.add("KeyName", "old-key")
                p.addList("SecurityGroupId", ["sg-1", "sg-2"])
                // RunInstances UserData is a string in the model; the SDKs base64 it (botocore handlers.py
                // base64_encode_user_data), so the caller does here.
                let script = "#!/bin/bash\necho 'hello world' > /tmp/x && cat ~/.ssh/authorized_keys\n"
                p.add("UserData", Data(script.utf8).base64EncodedString())
                let mappings = [
                    BlockDeviceMapping(deviceName: "/dev/xvda", ebs: (20, "gp3", true, true)),
                    BlockDeviceMapping(deviceName: "/dev/sdb", noDevice: ""),
                ]
                p.addStructureList("BlockDeviceMapping", mappings) { mapping, fields in
                    fields.add("DeviceName", mapping.deviceName)
                    if let ebs = mapping.ebs {
                        fields.addStructure("Ebs") { fields in
                            fields.add("VolumeSize", ebs.size)
                            fields.add("VolumeType", ebs.type)
                            fields.add("DeleteOnTermination", ebs.deleteOnTermination)
                            fields.add("Encrypted", ebs.encrypted)
                        }
                    }
                    fields.add("NoDevice", mapping.noDevice)
                }
                addTagSpecifications(
                    [
                        TagSpecification(
                            resourceType: "instance",
                            tags: [("Name", "web 1"), ("amikey:migrated-from", "i-0123456789abcdef0")]),
                        TagSpecification(resourceType: "volume", tags: [("Name", "root")]),
                    ], to: &p)
                p.add("ClientToken", "amikey-7d0c9c1e-run")
            },
            expected:
                "Action=RunInstances&Version=2016-11-15&ImageId=ami-0abcdef1234567890&InstanceType=t3.micro&MinCount=1&MaxCount=1&KeyName=old-key&SecurityGroupId.1=sg-1&SecurityGroupId.2=sg-2&UserData=IyEvYmluL2Jhc2gKZWNobyAnaGVsbG8gd29ybGQnID4gL3RtcC94ICYmIGNhdCB%2BLy5zc2gvYXV0aG9yaXplZF9rZXlzCg%3D%3D&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda&BlockDeviceMapping.1.Ebs.VolumeSize=20&BlockDeviceMapping.1.Ebs.VolumeType=gp3&BlockDeviceMapping.1.Ebs.DeleteOnTermination=true&BlockDeviceMapping.1.Ebs.Encrypted=true&BlockDeviceMapping.2.DeviceName=%2Fdev%2Fsdb&BlockDeviceMapping.2.NoDevice=&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web+1&TagSpecification.1.Tag.2.Key=amikey%3Amigrated-from&TagSpecification.1.Tag.2.Value=i-0123456789abcdef0&TagSpecification.2.ResourceType=volume&TagSpecification.2.Tag.1.Key=Name&TagSpecification.2.Tag.1.Value=root&ClientToken=amikey-7d0c9c1e-run"
        ),
        Case(
            name: "EC2 CreateImage with image and snapshot tag specifications",
            request: AWSQueryProtocol.ec2.request(action: "CreateImage") { p in
                p.add("InstanceId", "i-0123456789abcdef0")
                p.add("Name", "amikey migration 2026-01-02")
                p.add("Description", "Created by amikey; 100% safe?")
                p.add("NoReboot", true)
                addTagSpecifications(
                    [
                        TagSpecification(resourceType: "image", tags: [("amikey:token", "tok=abc/def")]),
                        TagSpecification(resourceType: "snapshot", tags: [("amikey:token", "tok=abc/def")]),
                    ], to: &p)
            },
            expected:
                "Action=CreateImage&Version=2016-11-15&InstanceId=i-0123456789abcdef0&Name=amikey+migration+2026-01-02&Description=Created+by+amikey%3B+100%25+safe%3F&NoReboot=true&TagSpecification.1.ResourceType=image&TagSpecification.1.Tag.1.Key=amikey%3Atoken&TagSpecification.1.Tag.1.Value=tok%3Dabc%2Fdef&TagSpecification.2.ResourceType=snapshot&TagSpecification.2.Tag.1.Key=amikey%3Atoken&TagSpecification.2.Tag.1.Value=tok%3Dabc%2Fdef"
        ),
        Case(
            name: "EC2 EnableImageDeprecation: a timestamp parameter",
            request: AWSQueryProtocol.ec2.request(action: "EnableImageDeprecation") { p in
                p.add("ImageId", "ami-1")
                p.add("DeprecateAt", Date(timeIntervalSince1970: 1_772_600_767))
            },
            expected: "Action=EnableImageDeprecation&Version=2016-11-15&ImageId=ami-1&DeprecateAt=2026-03-04T05%3A06%3A07Z"
        ),
        Case(
            name: "STS AssumeRole with policy ARNs, session tags and transitive keys (member lists)",
            request: AWSQueryProtocol.sts.request(action: "AssumeRole") { p in
                p.add("RoleArn", "arn:aws:iam::222222222222:role/any")
                p.add("RoleSessionName", "amikey-session")
                p.add("DurationSeconds", 3600)
                p.add("ExternalId", "ext id/1")
                p.addStructureList("PolicyArns", ["arn:aws:iam::aws:policy/ReadOnlyAccess"]) { arn, fields in
                    fields.add("arn", arn)
                }
                p.addStructureList("Tags", [("project", "amikey"), ("team", "ops & sec")]) { tag, fields in
                    fields.add("Key", tag.0)
                    fields.add("Value", tag.1)
                }
                p.addList("TransitiveTagKeys", ["project"])
            },
            expected:
                "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fany&RoleSessionName=amikey-session&DurationSeconds=3600&ExternalId=ext+id%2F1&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess&Tags.member.1.Key=project&Tags.member.1.Value=amikey&Tags.member.2.Key=team&Tags.member.2.Value=ops+%26+sec&TransitiveTagKeys.member.1=project"
        ),
        Case(
            name: "STS AssumeRole with an empty tag list (sent as Tags=)",
            request: AWSQueryProtocol.sts.request(action: "AssumeRole") { p in
                p.add("RoleArn", "arn:aws:iam::222222222222:role/any")
                p.add("RoleSessionName", "s2")
                p.addStructureList("Tags", [(String, String)]()) { _, _ in }
            },
            expected: "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fany&RoleSessionName=s2&Tags="
        ),
        Case(
            name: "STS GetCallerIdentity",
            request: AWSQueryProtocol.sts.request(action: "GetCallerIdentity"),
            expected: "Action=GetCallerIdentity&Version=2011-06-15"
        ),
    ]

    @Test("Body bytes equal botocore's", arguments: cases)
    func body(_ testCase: Case) {
        #expect(String(decoding: testCase.request.body, as: UTF8.self) == testCase.expected)
    }

    @Test("POST / with botocore's Content-Type and nothing else", arguments: cases)
    func envelope(_ testCase: Case) {
        #expect(testCase.request.method == "POST")
        #expect(testCase.request.path == "/")
        #expect(testCase.request.queryItems.isEmpty)
        #expect(testCase.request.headers.fields == [.init(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")])
    }
}
