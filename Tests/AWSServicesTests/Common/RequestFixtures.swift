import AWSCore
import Foundation
import Testing

@testable import AWSServices

/// Request bodies byte-for-byte against botocore 1.43.11's serializers.
///
/// Fixtures printed by this snippet (the full script with every case's parameters is the comment at the end of
/// this file; the same parameters as Swift inputs are in `RequestCase.all()`):
///
///     import json; from urllib.parse import urlencode
///     import botocore.serialize as S, botocore.loaders as L, botocore.model as M
///     model = M.ServiceModel(L.Loader().load_service_model(service, 'service-2'), service)
///     request = S.create_serializer(protocol).serialize_to_request(params, model.operation_model(op))
///     # ec2 / query: what AWSRequestPreparer sends
///     body = urlencode(request['body'], doseq=True)
///     # json: botocore dumps in insertion order with ", " separators; AWSCore writes sorted compact JSON,
///     # so the fixture is botocore's body re-dumped canonically
///     body = json.dumps(json.loads(request['body']), sort_keys=True, separators=(',', ':'))
///
/// RunInstances `UserData` is base64-encoded before serializing, as botocore's `base64_encode_user_data`
/// handler does; ImportKeyPair `PublicKeyMaterial` and ModifyInstanceAttribute `UserData.Value` are blobs the
/// serializer base64-encodes itself.
enum RequestFixtures {
    static let bodies: [String: String] = [
        "sts.getCallerIdentity": #"Action=GetCallerIdentity&Version=2011-06-15"#,
        "sts.assumeRole.minimal": #"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fany&RoleSessionName=amikey"#,
        "sts.assumeRole.full": #"Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fany&RoleSessionName=amikey-1&Policy=%7B%22Version%22%3A%222012-10-17%22%7D&DurationSeconds=3600&Tags.member.1.Key=project&Tags.member.1.Value=amikey&Tags.member.2.Key=who&Tags.member.2.Value=a+b&ExternalId=ext%3D1&SerialNumber=arn%3Aaws%3Aiam%3A%3A111111111111%3Amfa%2Fme&TokenCode=123456&SourceIdentity=me"#,
        "ec2.describeKeyPairs.names": #"Action=DescribeKeyPairs&Version=2016-11-15&KeyName.1=old-key&KeyName.2=new+key&IncludePublicKey=true"#,
        "ec2.describeKeyPairs.all": #"Action=DescribeKeyPairs&Version=2016-11-15&KeyPairId.1=key-0123456789abcdef0&IncludePublicKey=false&DryRun=true&Filter.1.Name=key-name&Filter.1.Value.1=a&Filter.1.Value.2=b%2A&Filter.2.Name=tag%3AOwner&Filter.2.Value.1=TeamA"#,
        "ec2.describeKeyPairs.empty": #"Action=DescribeKeyPairs&Version=2016-11-15"#,
        "ec2.importKeyPair": #"Action=ImportKeyPair&Version=2016-11-15&TagSpecification.1.ResourceType=key-pair&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&TagSpecification.1.Tag.2.Key=amikey%3Arun&TagSpecification.1.Tag.2.Value=r+1%2F2&DryRun=false&KeyName=old-key&PublicKeyMaterial=c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJMU5URTVBQUFBSUhjMUMyaGEvVUYyWlEyWkd6d2NxcXB5THJFK0hCcjlHWEd4OXBZY3FpUVMgdXNlckBob3N0Cg%3D%3D"#,
        "ec2.importKeyPair.plain": #"Action=ImportKeyPair&Version=2016-11-15&KeyName=k&PublicKeyMaterial=c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJMU5URTVBQUFBSUhjMUMyaGEvVUYyWlEyWkd6d2NxcXB5THJFK0hCcjlHWEd4OXBZY3FpUVMgdXNlckBob3N0Cg%3D%3D"#,
        "ec2.describeInstances.ids": #"Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0&InstanceId.2=i-1"#,
        "ec2.describeInstances.page": #"Action=DescribeInstances&Version=2016-11-15&DryRun=false&Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.1.Value.2=stopped&NextToken=tok%2B%2F%3D&MaxResults=5"#,
        "ec2.describeImages": #"Action=DescribeImages&Version=2016-11-15&ExecutableBy.1=self&ImageId.1=ami-1&ImageId.2=ami-2&Owner.1=111111111111&Owner.2=amazon&IncludeDeprecated=true&MaxResults=100&NextToken=n&DryRun=true&Filter.1.Name=name&Filter.1.Value.1=al2023-%2A"#,
        "ec2.getConsoleOutput": #"Action=GetConsoleOutput&Version=2016-11-15&InstanceId=i-0123456789abcdef0&Latest=true"#,
        "ec2.describeImageAttribute": #"Action=DescribeImageAttribute&Version=2016-11-15&Attribute=launchPermission&ImageId=ami-1&DryRun=false"#,
        "ec2.modifyImageAttribute.add": #"Action=ModifyImageAttribute&Version=2016-11-15&ImageId=ami-1&LaunchPermission.Add.1.UserId=222222222222&LaunchPermission.Add.2.Group=all"#,
        "ec2.modifyImageAttribute.remove": #"Action=ModifyImageAttribute&Version=2016-11-15&ImageId=ami-1&LaunchPermission.Remove.1.UserId=222222222222&LaunchPermission.Remove.2.OrganizationArn=arn%3Aaws%3Aorganizations%3A%3A111111111111%3Aorganization%2Fo-abc&DryRun=true"#,
        "ec2.createImage": #"Action=CreateImage&Version=2016-11-15&TagSpecification.1.ResourceType=image&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&TagSpecification.1.Tag.2.Key=amikey%3Arun&TagSpecification.1.Tag.2.Value=r+1%2F2&DryRun=false&InstanceId=i-1&Name=amikey+copy+%281%29&Description=from+i-1&NoReboot=true"#,
        "ec2.registerImage": #"Action=RegisterImage&Version=2016-11-15&ImageLocation=bucket%2Fimage.manifest.xml&BootMode=uefi&TagSpecification.1.ResourceType=image&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&TagSpecification.1.Tag.2.Key=amikey%3Arun&TagSpecification.1.Tag.2.Value=r+1%2F2&DryRun=false&Name=amikey+base+%281%29&Description=lab+base&Architecture=x86_64&RootDeviceName=%2Fdev%2Fxvda&VirtualizationType=hvm&EnaSupport=true"#,
        "ec2.registerImage.minimal": #"Action=RegisterImage&Version=2016-11-15&Name=base"#,
        "ec2.createKeyPair": #"Action=CreateKeyPair&Version=2016-11-15&KeyName=made+key&KeyType=rsa&TagSpecification.1.ResourceType=key-pair&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&TagSpecification.1.Tag.2.Key=amikey%3Arun&TagSpecification.1.Tag.2.Value=r+1%2F2&KeyFormat=pem&DryRun=false"#,
        "ec2.runInstances": #"Action=RunInstances&Version=2016-11-15&ImageId=ami-1&InstanceType=t3.micro&KeyName=old-key&MaxCount=1&MinCount=1&SecurityGroupId.1=sg-1&SecurityGroupId.2=sg-2&SubnetId=subnet-1&UserData=I2Nsb3VkLWNvbmZpZwpzc2hfYXV0aG9yaXplZF9rZXlzOgogIC0gc3NoLWVkMjU1MTkgQUFBQSB4Cg%3D%3D&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&TagSpecification.1.Tag.2.Key=amikey%3Arun&TagSpecification.1.Tag.2.Value=r+1%2F2&DryRun=false&ClientToken=5f0c5f2e-2b1e-4d52-9a7e-1d2c3b4a5f60&IamInstanceProfile.Name=ssm-role"#,
        "ec2.runInstances.minimal": #"Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MaxCount=1&MinCount=1&ClientToken=tok-1"#,
        "ec2.runInstances.relaunch": #"Action=RunInstances&Version=2016-11-15&ImageId=ami-1&InstanceType=t3.micro&KeyName=old-key&MaxCount=1&MinCount=1&SecurityGroupId.1=sg-1&SubnetId=subnet-1&UserData=H4sIAP%2F%2BIyENCgA%3D&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&TagSpecification.1.Tag.2.Key=amikey%3Arun&TagSpecification.1.Tag.2.Value=r+1%2F2&MetadataOptions.HttpTokens=required&MetadataOptions.HttpPutResponseHopLimit=2&MetadataOptions.HttpEndpoint=enabled&MetadataOptions.HttpProtocolIpv6=disabled&MetadataOptions.InstanceMetadataTags=enabled&ClientToken=relaunch-tok-1&IamInstanceProfile.Arn=arn%3Aaws%3Aiam%3A%3A222222222222%3Ainstance-profile%2Fweb"#,
        "ec2.runInstances.metadataTokensOnly": #"Action=RunInstances&Version=2016-11-15&ImageId=ami-1&MaxCount=1&MinCount=1&MetadataOptions.HttpTokens=optional&ClientToken=tok-2"#,
        "ec2.stopInstances": #"Action=StopInstances&Version=2016-11-15&InstanceId.1=i-1&InstanceId.2=i-2&Hibernate=false&DryRun=true&Force=true"#,
        "ec2.startInstances": #"Action=StartInstances&Version=2016-11-15&InstanceId.1=i-1&DryRun=false"#,
        "ec2.describeSnapshots": #"Action=DescribeSnapshots&Version=2016-11-15&MaxResults=50&NextToken=t&Owner.1=self&RestorableBy.1=222222222222&SnapshotId.1=snap-1&DryRun=false&Filter.1.Name=status&Filter.1.Value.1=completed"#,
        "ec2.modifySnapshotAttribute.add": #"Action=ModifySnapshotAttribute&Version=2016-11-15&Attribute=createVolumePermission&CreateVolumePermission.Add.1.UserId=222222222222&CreateVolumePermission.Add.2.UserId=333333333333&SnapshotId=snap-1&DryRun=false"#,
        "ec2.modifySnapshotAttribute.remove": #"Action=ModifySnapshotAttribute&Version=2016-11-15&Attribute=createVolumePermission&CreateVolumePermission.Remove.1.UserId=222222222222&SnapshotId=snap-1"#,
        "ec2.copyImage": #"Action=CopyImage&Version=2016-11-15&ClientToken=copy-tok-1&Description=d&Encrypted=true&KmsKeyId=arn%3Aaws%3Akms%3Aus-east-1%3A222222222222%3Akey%2F1234abcd-12ab-34cd-56ef-1234567890ab&Name=copied&SourceImageId=ami-1&SourceRegion=us-east-1&CopyImageTags=false&TagSpecification.1.ResourceType=image&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=TeamA&TagSpecification.1.Tag.2.Key=amikey%3Arun&TagSpecification.1.Tag.2.Value=r+1%2F2&DryRun=true"#,
        "ec2.modifyInstanceAttribute.userData": #"Action=ModifyInstanceAttribute&Version=2016-11-15&DryRun=false&InstanceId=i-1&Attribute=userData&Value=IyEvYmluL3NoCmVjaG8gaGkgPiAvdG1wL3gK"#,
        "ec2.modifyInstanceAttribute.value": #"Action=ModifyInstanceAttribute&Version=2016-11-15&InstanceId=i-1&Attribute=instanceType&Value=t3.small"#,
        "ec2.describeInstanceAttribute": #"Action=DescribeInstanceAttribute&Version=2016-11-15&DryRun=true&InstanceId=i-1&Attribute=userData"#,
        "ssm.sendCommand": #"{"Comment":"amikey repair","DocumentName":"AWS-RunShellScript","InstanceIds":["i-1"],"Parameters":{"commands":["install -d -m 700 ~ec2-user/.ssh","echo \"a/b\" >> f"]},"TimeoutSeconds":60}"#,
        "ssm.getCommandInvocation": #"{"CommandId":"0b1e2c3d-4f50-6172-8394-a5b6c7d8e9f0","InstanceId":"i-1","PluginName":"aws:runShellScript"}"#,
        "ec2InstanceConnect.sendSSHPublicKey": #"{"AvailabilityZone":"us-east-1a","InstanceId":"i-0123456789abcdef0","InstanceOSUser":"ec2-user","SSHPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc1C2ha/UF2ZQ2ZGzwcqqpyLrE+HBr9GXGx9pYcqiQS user@host"}"#,
        "kms.describeKey": #"{"KeyId":"alias/aws/ebs"}"#,
        "kms.getKeyPolicy": #"{"KeyId":"1234abcd-12ab-34cd-56ef-1234567890ab","PolicyName":"default"}"#,
        "kms.listGrants": #"{"GranteePrincipal":"arn:aws:iam::222222222222:root","KeyId":"k","Limit":10,"Marker":"m"}"#,
        "organizations.describeOrganization": #"{}"#,
        "ec2.createTags": #"Action=CreateTags&Version=2016-11-15&DryRun=false&ResourceId.1=ami-1&ResourceId.2=snap-1&Tag.1.Key=amikey%3Arun&Tag.1.Value=r1&Tag.2.Key=empty&Tag.2.Value="#,
        "ec2.describeRegions": #"Action=DescribeRegions&Version=2016-11-15&RegionName.1=us-east-1&RegionName.2=eu-west-1&AllRegions=true&Filter.1.Name=opt-in-status&Filter.1.Value.1=opted-in"#,
        "kms.createGrant": #"{"GranteePrincipal":"arn:aws:iam::222222222222:root","KeyId":"k","Name":"amikey","Operations":["Decrypt","CreateGrant"]}"#,
        "organizations.listAccounts": #"{"MaxResults":20,"NextToken":"n"}"#,
        "ec2.describeSecurityGroups": #"Action=DescribeSecurityGroups&Version=2016-11-15&GroupId.1=sg-1&GroupId.2=sg-2&GroupName.1=default&NextToken=n&MaxResults=5&DryRun=false&Filter.1.Name=ip-permission.from-port&Filter.1.Value.1=22"#,
        "ec2.describeSecurityGroups.empty": #"Action=DescribeSecurityGroups&Version=2016-11-15"#,
        "ec2.describeSubnets": #"Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=vpc-1&Filter.2.Name=default-for-az&Filter.2.Value.1=true&SubnetId.1=subnet-1&NextToken=t%2B%2F&MaxResults=10&DryRun=true"#,
    ]
}

// The generating script (python3, botocore 1.43.11); its output is the dictionary above.
//
// # Prints botocore's serialized request body for each case, as Swift string literals.
// # Run: python3 Scripts/botocore_bodies.py   (botocore 1.43.11)
// # EC2/Query: body = urlencode(serializer output, doseq=True), exactly as botocore's AWSRequestPreparer does.
// # JSON 1.1: botocore writes json.dumps(..) in insertion order with ", " separators; AWSCore writes sorted,
// # compact JSON, so the fixture is botocore's body re-dumped with sort_keys=True, separators=(',', ':').
// import base64, json
// from urllib.parse import urlencode
// import botocore.serialize as S, botocore.loaders as L, botocore.model as M
//
// loader = L.Loader()
// def body(service, protocol, op, params):
//     model = M.ServiceModel(loader.load_service_model(service, 'service-2'), service)
//     request = S.create_serializer(protocol).serialize_to_request(params, model.operation_model(op))
//     if protocol == 'json':
//         return json.dumps(json.loads(request['body']), sort_keys=True, separators=(',', ':'))
//     return urlencode(request['body'], doseq=True)
//
// PUB = b'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc1C2ha/UF2ZQ2ZGzwcqqpyLrE+HBr9GXGx9pYcqiQS user@host\n'
// tags = lambda rt: [{'ResourceType': rt, 'Tags': [{'Key': 'Owner', 'Value': 'TeamA'}, {'Key': 'amikey:run', 'Value': 'r 1/2'}]}]
// cases = [
//  ('sts.getCallerIdentity', 'sts', 'query', 'GetCallerIdentity', {}),
//  ('sts.assumeRole.minimal', 'sts', 'query', 'AssumeRole', {'RoleArn': 'arn:aws:iam::222222222222:role/any', 'RoleSessionName': 'amikey'}),
//  ('sts.assumeRole.full', 'sts', 'query', 'AssumeRole', {'RoleArn': 'arn:aws:iam::222222222222:role/any', 'RoleSessionName': 'amikey-1', 'Policy': '{"Version":"2012-10-17"}', 'DurationSeconds': 3600, 'Tags': [{'Key': 'project', 'Value': 'amikey'}, {'Key': 'who', 'Value': 'a b'}], 'ExternalId': 'ext=1', 'SerialNumber': 'arn:aws:iam::111111111111:mfa/me', 'TokenCode': '123456', 'SourceIdentity': 'me'}),
//  ('ec2.describeKeyPairs.names', 'ec2', 'ec2', 'DescribeKeyPairs', {'KeyNames': ['old-key', 'new key'], 'IncludePublicKey': True}),
//  ('ec2.describeKeyPairs.all', 'ec2', 'ec2', 'DescribeKeyPairs', {'KeyPairIds': ['key-0123456789abcdef0'], 'IncludePublicKey': False, 'DryRun': True, 'Filters': [{'Name': 'key-name', 'Values': ['a', 'b*']}, {'Name': 'tag:Owner', 'Values': ['TeamA']}]}),
//  ('ec2.describeKeyPairs.empty', 'ec2', 'ec2', 'DescribeKeyPairs', {}),
//  ('ec2.importKeyPair', 'ec2', 'ec2', 'ImportKeyPair', {'TagSpecifications': tags('key-pair'), 'DryRun': False, 'KeyName': 'old-key', 'PublicKeyMaterial': PUB}),
//  ('ec2.importKeyPair.plain', 'ec2', 'ec2', 'ImportKeyPair', {'KeyName': 'k', 'PublicKeyMaterial': PUB}),
//  ('ec2.describeInstances.ids', 'ec2', 'ec2', 'DescribeInstances', {'InstanceIds': ['i-0123456789abcdef0', 'i-1']}),
//  ('ec2.describeInstances.page', 'ec2', 'ec2', 'DescribeInstances', {'DryRun': False, 'Filters': [{'Name': 'instance-state-name', 'Values': ['running', 'stopped']}], 'NextToken': 'tok+/=', 'MaxResults': 5}),
//  ('ec2.describeImages', 'ec2', 'ec2', 'DescribeImages', {'ExecutableUsers': ['self'], 'ImageIds': ['ami-1', 'ami-2'], 'Owners': ['111111111111', 'amazon'], 'IncludeDeprecated': True, 'MaxResults': 100, 'NextToken': 'n', 'DryRun': True, 'Filters': [{'Name': 'name', 'Values': ['al2023-*']}]}),
//  ('ec2.getConsoleOutput', 'ec2', 'ec2', 'GetConsoleOutput', {'InstanceId': 'i-0123456789abcdef0', 'Latest': True}),
//  ('ec2.describeImageAttribute', 'ec2', 'ec2', 'DescribeImageAttribute', {'Attribute': 'launchPermission', 'ImageId': 'ami-1', 'DryRun': False}),
//  ('ec2.modifyImageAttribute.add', 'ec2', 'ec2', 'ModifyImageAttribute', {'ImageId': 'ami-1', 'LaunchPermission': {'Add': [{'UserId': '222222222222'}, {'Group': 'all'}]}}),
//  ('ec2.modifyImageAttribute.remove', 'ec2', 'ec2', 'ModifyImageAttribute', {'ImageId': 'ami-1', 'LaunchPermission': {'Remove': [{'UserId': '222222222222'}, {'OrganizationArn': 'arn:aws:organizations::111111111111:organization/o-abc'}]}, 'DryRun': True}),
//  ('ec2.createImage', 'ec2', 'ec2', 'CreateImage', {'TagSpecifications': tags('image'), 'DryRun': False, 'InstanceId': 'i-1', 'Name': 'amikey copy (1)', 'Description': 'from i-1', 'NoReboot': True}),
//  ('ec2.registerImage', 'ec2', 'ec2', 'RegisterImage', {'ImageLocation': 'bucket/image.manifest.xml', 'BootMode': 'uefi', 'TagSpecifications': tags('image'), 'DryRun': False, 'Name': 'amikey base (1)', 'Description': 'lab base', 'Architecture': 'x86_64', 'RootDeviceName': '/dev/xvda', 'VirtualizationType': 'hvm', 'EnaSupport': True}),
//  ('ec2.registerImage.minimal', 'ec2', 'ec2', 'RegisterImage', {'Name': 'base'}),
//  ('ec2.createKeyPair', 'ec2', 'ec2', 'CreateKeyPair', {'KeyName': 'made key', 'KeyType': 'rsa', 'TagSpecifications': tags('key-pair'), 'KeyFormat': 'pem', 'DryRun': False}),
//  ('ec2.runInstances', 'ec2', 'ec2', 'RunInstances', {'ImageId': 'ami-1', 'InstanceType': 't3.micro', 'KeyName': 'old-key', 'MaxCount': 1, 'MinCount': 1, 'SecurityGroupIds': ['sg-1', 'sg-2'], 'SubnetId': 'subnet-1', 'UserData': base64.b64encode(b'#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAA x\n').decode(), 'TagSpecifications': tags('instance'), 'DryRun': False, 'ClientToken': '5f0c5f2e-2b1e-4d52-9a7e-1d2c3b4a5f60', 'IamInstanceProfile': {'Name': 'ssm-role'}}),
//  ('ec2.runInstances.minimal', 'ec2', 'ec2', 'RunInstances', {'ImageId': 'ami-1', 'MaxCount': 1, 'MinCount': 1, 'ClientToken': 'tok-1'}),
//  ('ec2.runInstances.relaunch', 'ec2', 'ec2', 'RunInstances', {'ImageId': 'ami-1', 'InstanceType': 't3.micro', 'KeyName': 'old-key', 'MaxCount': 1, 'MinCount': 1, 'SecurityGroupIds': ['sg-1'], 'SubnetId': 'subnet-1', 'UserData': base64.b64encode(b'\x1f\x8b\x08\x00\xff\xfe#!\r\n\x00').decode(), 'TagSpecifications': tags('instance'), 'MetadataOptions': {'HttpTokens': 'required', 'HttpPutResponseHopLimit': 2, 'HttpEndpoint': 'enabled', 'HttpProtocolIpv6': 'disabled', 'InstanceMetadataTags': 'enabled'}, 'ClientToken': 'relaunch-tok-1', 'IamInstanceProfile': {'Arn': 'arn:aws:iam::222222222222:instance-profile/web'}}),
//  ('ec2.runInstances.metadataTokensOnly', 'ec2', 'ec2', 'RunInstances', {'ImageId': 'ami-1', 'MaxCount': 1, 'MinCount': 1, 'MetadataOptions': {'HttpTokens': 'optional'}, 'ClientToken': 'tok-2'}),
//  ('ec2.stopInstances', 'ec2', 'ec2', 'StopInstances', {'InstanceIds': ['i-1', 'i-2'], 'Hibernate': False, 'DryRun': True, 'Force': True}),
//  ('ec2.startInstances', 'ec2', 'ec2', 'StartInstances', {'InstanceIds': ['i-1'], 'DryRun': False}),
//  ('ec2.describeSnapshots', 'ec2', 'ec2', 'DescribeSnapshots', {'MaxResults': 50, 'NextToken': 't', 'OwnerIds': ['self'], 'RestorableByUserIds': ['222222222222'], 'SnapshotIds': ['snap-1'], 'DryRun': False, 'Filters': [{'Name': 'status', 'Values': ['completed']}]}),
//  ('ec2.modifySnapshotAttribute.add', 'ec2', 'ec2', 'ModifySnapshotAttribute', {'Attribute': 'createVolumePermission', 'CreateVolumePermission': {'Add': [{'UserId': '222222222222'}, {'UserId': '333333333333'}]}, 'SnapshotId': 'snap-1', 'DryRun': False}),
//  ('ec2.modifySnapshotAttribute.remove', 'ec2', 'ec2', 'ModifySnapshotAttribute', {'Attribute': 'createVolumePermission', 'CreateVolumePermission': {'Remove': [{'UserId': '222222222222'}]}, 'SnapshotId': 'snap-1'}),
//  ('ec2.copyImage', 'ec2', 'ec2', 'CopyImage', {'ClientToken': 'copy-tok-1', 'Description': 'd', 'Encrypted': True, 'KmsKeyId': 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'Name': 'copied', 'SourceImageId': 'ami-1', 'SourceRegion': 'us-east-1', 'CopyImageTags': False, 'TagSpecifications': tags('image'), 'DryRun': True}),
//  ('ec2.modifyInstanceAttribute.userData', 'ec2', 'ec2', 'ModifyInstanceAttribute', {'DryRun': False, 'InstanceId': 'i-1', 'Attribute': 'userData', 'Value': base64.b64encode(b'#!/bin/sh\necho hi > /tmp/x\n').decode()}),
//  ('ec2.modifyInstanceAttribute.value', 'ec2', 'ec2', 'ModifyInstanceAttribute', {'InstanceId': 'i-1', 'Attribute': 'instanceType', 'Value': 't3.small'}),
//  ('ec2.describeInstanceAttribute', 'ec2', 'ec2', 'DescribeInstanceAttribute', {'DryRun': True, 'InstanceId': 'i-1', 'Attribute': 'userData'}),
//  ('ssm.sendCommand', 'ssm', 'json', 'SendCommand', {'InstanceIds': ['i-1'], 'DocumentName': 'AWS-RunShellScript', 'TimeoutSeconds': 60, 'Comment': 'amikey repair', 'Parameters': {'commands': ['install -d -m 700 ~ec2-user/.ssh', 'echo "a/b" >> f']}}),
//  ('ssm.getCommandInvocation', 'ssm', 'json', 'GetCommandInvocation', {'CommandId': '0b1e2c3d-4f50-6172-8394-a5b6c7d8e9f0', 'InstanceId': 'i-1', 'PluginName': 'aws:runShellScript'}),
//  ('ec2InstanceConnect.sendSSHPublicKey', 'ec2-instance-connect', 'json', 'SendSSHPublicKey', {'InstanceId': 'i-0123456789abcdef0', 'InstanceOSUser': 'ec2-user', 'SSHPublicKey': PUB.decode().strip(), 'AvailabilityZone': 'us-east-1a'}),
//  ('kms.describeKey', 'kms', 'json', 'DescribeKey', {'KeyId': 'alias/aws/ebs'}),
//  ('kms.getKeyPolicy', 'kms', 'json', 'GetKeyPolicy', {'KeyId': '1234abcd-12ab-34cd-56ef-1234567890ab', 'PolicyName': 'default'}),
//  ('kms.listGrants', 'kms', 'json', 'ListGrants', {'Limit': 10, 'Marker': 'm', 'KeyId': 'k', 'GranteePrincipal': 'arn:aws:iam::222222222222:root'}),
//  ('organizations.describeOrganization', 'organizations', 'json', 'DescribeOrganization', {}),
//  ('ec2.createTags', 'ec2', 'ec2', 'CreateTags', {'DryRun': False, 'Resources': ['ami-1', 'snap-1'], 'Tags': [{'Key': 'amikey:run', 'Value': 'r1'}, {'Key': 'empty', 'Value': ''}]}),
//  ('ec2.describeRegions', 'ec2', 'ec2', 'DescribeRegions', {'RegionNames': ['us-east-1', 'eu-west-1'], 'AllRegions': True, 'Filters': [{'Name': 'opt-in-status', 'Values': ['opted-in']}]}),
//  ('kms.createGrant', 'kms', 'json', 'CreateGrant', {'KeyId': 'k', 'GranteePrincipal': 'arn:aws:iam::222222222222:root', 'Operations': ['Decrypt', 'CreateGrant'], 'Name': 'amikey'}),
//  ('organizations.listAccounts', 'organizations', 'json', 'ListAccounts', {'NextToken': 'n', 'MaxResults': 20}),
//  ('ec2.describeSecurityGroups', 'ec2', 'ec2', 'DescribeSecurityGroups', {'GroupIds': ['sg-1', 'sg-2'], 'GroupNames': ['default'], 'NextToken': 'n', 'MaxResults': 5, 'DryRun': False, 'Filters': [{'Name': 'ip-permission.from-port', 'Values': ['22']}]}),
//  ('ec2.describeSecurityGroups.empty', 'ec2', 'ec2', 'DescribeSecurityGroups', {}),
//  ('ec2.describeSubnets', 'ec2', 'ec2', 'DescribeSubnets', {'Filters': [{'Name': 'vpc-id', 'Values': ['vpc-1']}, {'Name': 'default-for-az', 'Values': ['true']}], 'SubnetIds': ['subnet-1'], 'NextToken': 't+/', 'MaxResults': 10, 'DryRun': True}),
// ]
// for name, service, protocol, op, params in cases:
//     text = body(service, protocol, op, params)
//     print('        "%s": #"%s"#,' % (name, text))
