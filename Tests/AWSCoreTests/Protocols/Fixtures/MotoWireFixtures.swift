import AWSCore

// Responses captured from a stock moto 5.2.1 server driven by boto3/botocore 1.43.11: bodies byte for
// byte, plus the headers that matter to parsing (Content-Type, x-amzn-RequestId, X-Amzn-ErrorType).
// Entries are in capture order; the first 30 come from this script:
//
//     # Captures raw response bodies from a stock moto 5.2.1 server for AWSCoreTests fixtures.
//     # Run: MOTO_EC2_LOAD_DEFAULT_AMIS=false moto_server -H 127.0.0.1 -p 5611 &  python3 capture_moto.py 5611
//     import sys, json, base64, boto3, botocore.config
//     port = sys.argv[1]
//     endpoint = f"http://127.0.0.1:{port}"
//     cfg = botocore.config.Config(retries={"total_max_attempts": 1})
//     captured = []
//     def hook(response_dict, operation_model, **kw):
//         captured.append((operation_model.name, response_dict["status_code"], dict(response_dict["headers"]), response_dict["body"].decode()))
//     def client(name):
//         c = boto3.client(name, region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing", config=cfg)
//         c.meta.events.register("before-parse", hook)
//         return c
//     def call(fn, **kw):
//         try: return fn(**kw)
//         except Exception as e: return e
//     ec2, sts, ssm, eic, kms, org = (client(n) for n in ["ec2", "sts", "ssm", "ec2-instance-connect", "kms", "organizations"])
//     pub = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7ytCNNLNuUrkqFo9F1Mmpu1hHrGB1hVb3Bwrkoa4rxEDq3tAoFvRQh/qC2MB1GKmsw02Pm33JtgK4/hBnNCAdQvcrvGpvVGN+7jHAEJAGjW3plt79Wq3xewUlQgTw0xAv9RwwhWwP4mbXK7NvUqX6qGE/j5QdLUlG2Yn0Bzh6mHk5pvIzB9Hgc6GXTNQkT7TLcL2u39uZRpOyv1IY8G/DGk4Or7RNfxmEHFctu5pv6rzJAXbXsAD2iS/3wc1gMlqxwMm5BYXtuBl1wbqZ48ylfnBu2CeCHzgYNdx8HgsmzLXFGvqg1f8y/fq71F4+tMBPbEBHhFbZ89l+eX7AfGIB test@amikey\n"
//     call(ec2.import_key_pair, KeyName="old-key", PublicKeyMaterial=pub.encode(), TagSpecifications=[{"ResourceType": "key-pair", "Tags": [{"Key": "Owner", "Value": "TeamA"}]}])
//     call(ec2.import_key_pair, KeyName="old-key", PublicKeyMaterial=pub.encode())          # duplicate
//     call(ec2.import_key_pair, KeyName="ecdsa", PublicKeyMaterial=b"ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg= x")
//     call(ec2.describe_key_pairs, KeyNames=["old-key"], IncludePublicKey=True)
//     call(ec2.describe_key_pairs, KeyNames=["nope"])
//     ami = "ami-12c6146b"
//     r = call(ec2.run_instances, ImageId=ami, MinCount=1, MaxCount=1, InstanceType="t3.micro", KeyName="old-key", UserData="#!/bin/bash\necho hi\n",
//              TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "web <1> & \"friends\""}]}])
//     iid = r["Instances"][0]["InstanceId"]
//     call(ec2.describe_instances, InstanceIds=[iid])
//     call(ec2.describe_instances, InstanceIds=["i-0123456789abcdef0"])
//     img = call(ec2.create_image, InstanceId=iid, Name="amikey-migration", NoReboot=True, TagSpecifications=[{"ResourceType": "image", "Tags": [{"Key": "amikey:token", "Value": "t-1"}]}])
//     call(ec2.describe_images, ImageIds=[img["ImageId"]])
//     call(ec2.modify_image_attribute, ImageId=img["ImageId"], LaunchPermission={"Add": [{"UserId": "222222222222"}]})
//     call(ec2.describe_image_attribute, ImageId=img["ImageId"], Attribute="launchPermission")
//     call(ec2.describe_images, ImageIds=[img["ImageId"]], DryRun=True)
//     call(ec2.get_console_output, InstanceId=iid)
//     call(ec2.stop_instances, InstanceIds=[iid])
//     call(ec2.describe_snapshots, OwnerIds=["self"])
//     call(ec2.describe_key_pairs, KeyNames=["old-key"], Filters=[{"Name": "key-name", "Values": []}])
//     call(ec2.reset_image_attribute, ImageId=img["ImageId"], Attribute="launchPermission")   # HTTP 500 HTML in moto
//     call(sts.get_caller_identity)
//     call(sts.assume_role, RoleArn="arn:aws:iam::222222222222:role/any", RoleSessionName="amikey")
//     cmd = call(ssm.send_command, InstanceIds=[iid], DocumentName="AWS-RunShellScript", Parameters={"commands": ["cat ~/.ssh/authorized_keys"]})
//     call(ssm.get_command_invocation, CommandId=cmd["Command"]["CommandId"], InstanceId=iid)
//     call(ssm.get_command_invocation, CommandId="00000000-0000-0000-0000-000000000000", InstanceId=iid)
//     call(eic.send_ssh_public_key, InstanceId=iid, InstanceOSUser="ec2-user", SSHPublicKey=pub.strip())
//     key = call(kms.create_key, Description="amikey test key")
//     call(kms.describe_key, KeyId=key["KeyMetadata"]["KeyId"])
//     call(kms.describe_key, KeyId="alias/nope")
//     call(org.describe_organization)
//     call(org.create_organization, FeatureSet="ALL")
//     call(org.describe_organization)
//     print(json.dumps(captured, indent=1))
//
// and the last three (signature failures) from this one:
//
//     # Captures moto 5.2.1's error bodies with request signing enforced (POST /moto-api/reset-auth, body "0").
//     # Run: moto_server -H 127.0.0.1 -p 5612 &  python3 capture_moto_auth.py 5612
//     import sys, json, urllib.request, boto3, botocore.config
//     port = sys.argv[1]; endpoint = f"http://127.0.0.1:{port}"
//     urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0", method="POST", headers={"Content-Type": "text/plain"}))
//     cfg = botocore.config.Config(retries={"total_max_attempts": 1})
//     captured = []
//     def hook(response_dict, operation_model, **kw):
//         captured.append((operation_model.name, response_dict["status_code"], dict(response_dict["headers"]), response_dict["body"].decode()))
//     def client(name):
//         c = boto3.client(name, region_name="us-east-1", endpoint_url=endpoint, aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="wrong", config=cfg)
//         c.meta.events.register("before-parse", hook)
//         return c
//     for name, op in [("ec2", "describe_key_pairs"), ("sts", "get_caller_identity"), ("ssm", "list_commands")]:
//         try: getattr(client(name), op)()
//         except Exception as e: pass
//     print(json.dumps(captured, indent=1))
//
// Note what moto does differently from AWS, on purpose kept here: a literal `request-id` in EC2 bodies,
// no trailing slash on the EC2 namespace, `text/html` content types on JSON bodies, XML errors from a
// JSON service (SSM), `InvalidKeyPair.Format` where AWS says `InvalidKey.Format`.
enum MotoWireFixtures {

    /// moto `ImportKeyPair` → HTTP 200.
    static let importKeyPair = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "DCBEouax3S8l6oFjuopstqOCZJdE43kK6XKetfQacSq1yNQwKo1x")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<ImportKeyPairResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><keyFingerprint>7b:6f:2a:b3:c8:3d:13:1e:0f:e7:77:81:96:4e:b4:fa</keyFingerprint><keyName>old-key</keyName><keyPairId>key-84c2a4652ea5e8de7</keyPairId><tagSet><item><key>Owner</key><value>TeamA</value></item></tagSet><requestId>request-id</requestId></ImportKeyPairResponse>
"""#)

    /// moto `ImportKeyPair` → HTTP 400.
    static let importKeyPairDuplicate = responseFixture(
        status: 400, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "c2APm66uyreH5STZQKWS4rmA2iaMjxNCbFDUUDlglet7gr1AdIad")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><Errors><Error><Code>InvalidKeyPair.Duplicate</Code><Message>The keypair 'old-key' already exists.</Message></Error></Errors><RequestID>request-id</RequestID></Response>
"""#)

    /// moto `ImportKeyPair` → HTTP 400.
    static let importKeyPairECDSAFormat = responseFixture(
        status: 400, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "0nALZ8FEAmTG39xm1n18ZIPNTb8mKcBxRv3LUi1Zrr3hKwruO5fJ")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><Errors><Error><Code>InvalidKeyPair.Format</Code><Message>Key is not in valid OpenSSH public key format</Message></Error></Errors><RequestID>request-id</RequestID></Response>
"""#)

    /// moto `DescribeKeyPairs` → HTTP 200.
    static let describeKeyPairsWithPublicKey = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "aYapfVSlHlTK4fpfACD44t5tXfDX4DgUsXZm1Oi7skeeX9OVMRcC")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><keySet><item><keyPairId>key-84c2a4652ea5e8de7</keyPairId><keyType>rsa</keyType><tagSet><item><key>Owner</key><value>TeamA</value></item></tagSet><publicKey>ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7ytCNNLNuUrkqFo9F1Mmpu1hHrGB1hVb3Bwrkoa4rxEDq3tAoFvRQh/qC2MB1GKmsw02Pm33JtgK4/hBnNCAdQvcrvGpvVGN+7jHAEJAGjW3plt79Wq3xewUlQgTw0xAv9RwwhWwP4mbXK7NvUqX6qGE/j5QdLUlG2Yn0Bzh6mHk5pvIzB9Hgc6GXTNQkT7TLcL2u39uZRpOyv1IY8G/DGk4Or7RNfxmEHFctu5pv6rzJAXbXsAD2iS/3wc1gMlqxwMm5BYXtuBl1wbqZ48ylfnBu2CeCHzgYNdx8HgsmzLXFGvqg1f8y/fq71F4+tMBPbEBHhFbZ89l+eX7AfGIB test@amikey
</publicKey><createTime>2026-11-29T17:17:15.000Z</createTime><keyName>old-key</keyName><keyFingerprint>7b:6f:2a:b3:c8:3d:13:1e:0f:e7:77:81:96:4e:b4:fa</keyFingerprint></item></keySet><requestId>request-id</requestId></DescribeKeyPairsResponse>
"""#)

    /// moto `DescribeKeyPairs` → HTTP 400.
    static let describeKeyPairsNotFound = responseFixture(
        status: 400, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "EtHLGouPH2aXHC3T1V2pTsbnRERQhaMlInCLnkMn28kkk2Vt2dQP")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><Errors><Error><Code>InvalidKeyPair.NotFound</Code><Message>The keypair '{'nope'}' does not exist.</Message></Error></Errors><RequestID>request-id</RequestID></Response>
"""#)

    /// moto `RunInstances` → HTTP 200.
    static let runInstances = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "Eep5sD7uWqjFrfxRYbR2UILNhJSnEHEA8xPGxR9fxKiEI9tIgMA7")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<RunInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><reservationId>r-d374b482115194e75</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item><architecture>x86_64</architecture><blockDeviceMapping><item><deviceName>/dev/sda1</deviceName><ebs><attachTime>2026-11-29T17:17:15.000Z</attachTime><deleteOnTermination>true</deleteOnTermination><status>attached</status><volumeId>vol-8f49ea5508938e45e</volumeId></ebs></item></blockDeviceMapping><clientToken>a9df1da4-bfd1-46f7-b45e-73b01b04c9cb</clientToken><ebsOptimized>false</ebsOptimized><hypervisor>xen</hypervisor><networkInterfaceSet><item><association><ipOwnerId>123456789012</ipOwnerId><publicDnsName>ip-54-214-166-237.ec2.internal</publicDnsName><publicIp>54.214.166.237</publicIp></association><attachment><attachTime>2026-11-29T17:17:15.000Z</attachTime><attachmentId>eni-attach-38d7a78a23bb130f1</attachmentId><deleteOnTermination>false</deleteOnTermination><deviceIndex>0</deviceIndex><status>attached</status><networkCardIndex>0</networkCardIndex></attachment><description>Primary network interface</description><groupSet><item><groupId>sg-b439c6cf7ef869639</groupId><groupName>default</groupName></item></groupSet><ipv6AddressesSet/><macAddress>02:00:00:2e:24:09</macAddress><networkInterfaceId>eni-d56455cbbf0ae7c62</networkInterfaceId><ownerId>123456789012</ownerId><privateDnsName>ip-10-87-92-166.ec2.internal</privateDnsName><privateIpAddress>10.87.92.166</privateIpAddress><privateIpAddressesSet><item><association><ipOwnerId>123456789012</ipOwnerId><publicDnsName>ip-54-214-166-237.ec2.internal</publicDnsName><publicIp>54.214.166.237</publicIp></association><primary>true</primary><privateIpAddress>10.87.92.166</privateIpAddress></item></privateIpAddressesSet><sourceDestCheck>true</sourceDestCheck><status>in-use</status><subnetId>subnet-3c2f856dce569dcfd</subnetId><vpcId>vpc-960cb5db4d5039a3e</vpcId><interfaceType>interface</interfaceType></item></networkInterfaceSet><rootDeviceName>/dev/sda1</rootDeviceName><rootDeviceType>ebs</rootDeviceType><groupSet/><sourceDestCheck>true</sourceDestCheck><sriovNetSupport>simple</sriovNetSupport><stateReason><code/><message/></stateReason><tagSet><item><key>Name</key><value>web &lt;1&gt; &amp; "friends"</value></item></tagSet><virtualizationType>paravirtual</virtualizationType><hibernationOptions/><metadataOptions><state>applied</state><httpTokens>optional</httpTokens><httpPutResponseHopLimit>1</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions><instanceId>i-599671186764f3e7a</instanceId><imageId>ami-12c6146b</imageId><instanceState><code>0</code><name>pending</name></instanceState><privateDnsName>ip-10-87-92-166.ec2.internal</privateDnsName><dnsName>ec2-54-214-166-237.compute-1.amazonaws.com</dnsName><reason/><keyName>old-key</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>t3.micro</instanceType><launchTime>2026-11-29T17:17:15.000Z</launchTime><placement><groupName/><tenancy>default</tenancy><availabilityZone>us-east-1a</availabilityZone></placement><kernelId>None</kernelId><monitoring><state>disabled</state></monitoring><subnetId>subnet-3c2f856dce569dcfd</subnetId><vpcId>vpc-960cb5db4d5039a3e</vpcId><privateIpAddress>10.87.92.166</privateIpAddress><ipAddress>54.214.166.237</ipAddress></item></instancesSet><requestId>request-id</requestId></RunInstancesResponse>
"""#)

    /// moto `DescribeInstances` → HTTP 200.
    static let describeInstances = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "LvUfyAVb2CVxiMbuWQwuXqJTn328Z3lDLqDN9Yt2mMZnurCWfe07")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><reservationSet><item><reservationId>r-d374b482115194e75</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet><item><architecture>x86_64</architecture><blockDeviceMapping><item><deviceName>/dev/sda1</deviceName><ebs><attachTime>2026-11-29T17:17:15.000Z</attachTime><deleteOnTermination>true</deleteOnTermination><status>attached</status><volumeId>vol-8f49ea5508938e45e</volumeId></ebs></item></blockDeviceMapping><clientToken>a9df1da4-bfd1-46f7-b45e-73b01b04c9cb</clientToken><ebsOptimized>false</ebsOptimized><hypervisor>xen</hypervisor><networkInterfaceSet><item><association><ipOwnerId>123456789012</ipOwnerId><publicDnsName>ip-54-214-166-237.ec2.internal</publicDnsName><publicIp>54.214.166.237</publicIp></association><attachment><attachTime>2026-11-29T17:17:15.000Z</attachTime><attachmentId>eni-attach-38d7a78a23bb130f1</attachmentId><deleteOnTermination>false</deleteOnTermination><deviceIndex>0</deviceIndex><status>attached</status><networkCardIndex>0</networkCardIndex></attachment><description>Primary network interface</description><groupSet><item><groupId>sg-b439c6cf7ef869639</groupId><groupName>default</groupName></item></groupSet><ipv6AddressesSet/><macAddress>02:00:00:2e:24:09</macAddress><networkInterfaceId>eni-d56455cbbf0ae7c62</networkInterfaceId><ownerId>123456789012</ownerId><privateDnsName>ip-10-87-92-166.ec2.internal</privateDnsName><privateIpAddress>10.87.92.166</privateIpAddress><privateIpAddressesSet><item><association><ipOwnerId>123456789012</ipOwnerId><publicDnsName>ip-54-214-166-237.ec2.internal</publicDnsName><publicIp>54.214.166.237</publicIp></association><primary>true</primary><privateIpAddress>10.87.92.166</privateIpAddress></item></privateIpAddressesSet><sourceDestCheck>true</sourceDestCheck><status>in-use</status><subnetId>subnet-3c2f856dce569dcfd</subnetId><vpcId>vpc-960cb5db4d5039a3e</vpcId><interfaceType>interface</interfaceType></item></networkInterfaceSet><rootDeviceName>/dev/sda1</rootDeviceName><rootDeviceType>ebs</rootDeviceType><groupSet/><sourceDestCheck>true</sourceDestCheck><sriovNetSupport>simple</sriovNetSupport><stateReason><code/><message/></stateReason><tagSet><item><key>Name</key><value>web &lt;1&gt; &amp; "friends"</value></item></tagSet><virtualizationType>paravirtual</virtualizationType><hibernationOptions/><metadataOptions><state>applied</state><httpTokens>optional</httpTokens><httpPutResponseHopLimit>1</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint><httpProtocolIpv6>disabled</httpProtocolIpv6><instanceMetadataTags>disabled</instanceMetadataTags></metadataOptions><instanceId>i-599671186764f3e7a</instanceId><imageId>ami-12c6146b</imageId><instanceState><code>16</code><name>running</name></instanceState><privateDnsName>ip-10-87-92-166.ec2.internal</privateDnsName><dnsName>ec2-54-214-166-237.compute-1.amazonaws.com</dnsName><reason/><keyName>old-key</keyName><amiLaunchIndex>0</amiLaunchIndex><productCodes/><instanceType>t3.micro</instanceType><launchTime>2026-11-29T17:17:15.000Z</launchTime><placement><groupName/><tenancy>default</tenancy><availabilityZone>us-east-1a</availabilityZone></placement><kernelId>None</kernelId><monitoring><state>disabled</state></monitoring><subnetId>subnet-3c2f856dce569dcfd</subnetId><vpcId>vpc-960cb5db4d5039a3e</vpcId><privateIpAddress>10.87.92.166</privateIpAddress><ipAddress>54.214.166.237</ipAddress></item></instancesSet></item></reservationSet><requestId>request-id</requestId></DescribeInstancesResponse>
"""#)

    /// moto `DescribeInstances` → HTTP 400.
    static let describeInstancesNotFound = responseFixture(
        status: 400, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "AAWI4PTBGdz4D0V1AIRB6Tblr7w4bkcu2KJmsZIp4AOBQCViRjYV")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-0123456789abcdef0' does not exist</Message></Error></Errors><RequestID>request-id</RequestID></Response>
"""#)

    /// moto `CreateImage` → HTTP 200.
    static let createImage = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "l5UBt545tzWJpPF9MHMD9qG5TovZhulG0ZNEWy8PEH4Js70DdBnE")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<CreateImageResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><imageId>ami-9b86ce12e80d3405d</imageId><requestId>request-id</requestId></CreateImageResponse>
"""#)

    /// moto `DescribeImages` → HTTP 200.
    static let describeImages = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "xx1NWtz8srrDEk6OMHo6Avqanl89P9QFWhn5NQBaPTyUhzk7QL1F")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><imagesSet><item><blockDeviceMapping><item><ebs><deleteOnTermination>false</deleteOnTermination><snapshotId>snap-dab8631d049a8118d</snapshotId><volumeSize>15</volumeSize><volumeType>standard</volumeType></ebs><deviceName>/dev/sda1</deviceName></item></blockDeviceMapping><description/><name>amikey-migration</name><rootDeviceName>/dev/sda1</rootDeviceName><rootDeviceType>standard</rootDeviceType><tagSet><item><key>amikey:token</key><value>t-1</value></item></tagSet><virtualizationType>paravirtual</virtualizationType><bootMode>uefi</bootMode><sourceInstanceId>i-599671186764f3e7a</sourceInstanceId><imageId>ami-9b86ce12e80d3405d</imageId><imageState>available</imageState><imageOwnerId>123456789012</imageOwnerId><creationDate>2026-11-29T17:17:15.000Z</creationDate><isPublic>false</isPublic><productCodes/><architecture>x86_64</architecture><imageType>machine</imageType></item></imagesSet><requestId>request-id</requestId></DescribeImagesResponse>
"""#)

    /// moto `ModifyImageAttribute` → HTTP 200.
    static let modifyImageAttribute = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "FLqssZdgb6f7WJy1cbkyrUzfBJKsTOkjA4Bp7aVgfbQtFy6dMa79")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<ModifyImageAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><requestId>request-id</requestId></ModifyImageAttributeResponse>
"""#)

    /// moto `DescribeImageAttribute` → HTTP 200.
    static let describeImageAttributeLaunchPermission = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "xAcwm65aCMBQIyl2s1RJEHqx7QxpKsUMAVBhFpI1ICuWA0go1KNN")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeImageAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><imageId>ami-9b86ce12e80d3405d</imageId><launchPermission><item><userId>222222222222</userId></item></launchPermission><requestId>request-id</requestId></DescribeImageAttributeResponse>
"""#)

    /// moto `DescribeImages` → HTTP 412.
    static let describeImagesDryRun = responseFixture(
        status: 412, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "kh2Fwl2W8BlTnZyVmxq1tv4rppCnlvxFDrgKUCy8g7zXcvG5J6m6")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><Errors><Error><Code>DryRunOperation</Code><Message>Request would have succeeded, but DryRun flag is set.</Message></Error></Errors><RequestID>request-id</RequestID></Response>
"""#)

    /// moto `GetConsoleOutput` → HTTP 200.
    static let getConsoleOutput = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "6hwa5wqKwgHCNBNmt9TbUXvplhT2ai67zdiq0v4EqCYDOMHVQMPC")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<GetConsoleOutputResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><instanceId>i-599671186764f3e7a</instanceId><timestamp>2026-11-29T17:17:15.000Z</timestamp><output>TGludXggdmVyc2lvbiAyLjYuMTYteGVuVSAoYnVpbGRlckBwYXRjaGJhdC5hbWF6b25zYSkgKGdjYyB2ZXJzaW9uIDQuMC4xIDIwMDUwNzI3IChSZWQgSGF0IDQuMC4xLTUpKSAjMSBTTVAgVGh1IE9jdCAyNiAwODo0MToyNiBTQVNUIDIwMDYKQklPUy1wcm92aWRlZCBwaHlzaWNhbCBSQU0gbWFwOgpYZW46IDAwMDAwMDAwMDAwMDAwMDAgLSAwMDAwMDAwMDZhNDAwMDAwICh1c2FibGUpCjk4ME1CIEhJR0hNRU0gYXZhaWxhYmxlLgo3MjdNQiBMT1dNRU0gYXZhaWxhYmxlLgpOWCAoRXhlY3V0ZSBEaXNhYmxlKSBwcm90ZWN0aW9uOiBhY3RpdmUKSVJRIGxvY2t1cCBkZXRlY3Rpb24gZGlzYWJsZWQKQnVpbHQgMSB6b25lbGlzdHMKS2VybmVsIGNvbW1hbmQgbGluZTogcm9vdD0vZGV2L3NkYTEgcm8gNApFbmFibGluZyBmYXN0IEZQVSBzYXZlIGFuZCByZXN0b3JlLi4uIGRvbmUuCg==</output><requestId>request-id</requestId></GetConsoleOutputResponse>
"""#)

    /// moto `StopInstances` → HTTP 200.
    static let stopInstances = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "lhDwbiEGOlyQHqeFlfNlSwO6p7qNL7DkxhrPq8BibwRQDQVl9Clb")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<StopInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><instancesSet><item><instanceId>i-599671186764f3e7a</instanceId><currentState><code>64</code><name>stopping</name></currentState><previousState><code>16</code><name>running</name></previousState></item></instancesSet><requestId>request-id</requestId></StopInstancesResponse>
"""#)

    /// moto `DescribeSnapshots` → HTTP 200.
    static let describeSnapshots = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "eis3Y2j2zwXumfaEMTBxAqPJvJDZsCU6FOml5e8aZJynduDXBKaT")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><snapshotSet><item><tagSet/><snapshotId>snap-dab8631d049a8118d</snapshotId><volumeId>vol-af9caac05b9674fc3</volumeId><status>completed</status><startTime>2026-11-29T17:17:15.000Z</startTime><progress>100%</progress><ownerId>123456789012</ownerId><description>Created by CreateImage(i-599671186764f3e7a) for ami-9b86ce12e80d3405d</description><volumeSize>15</volumeSize><encrypted>false</encrypted></item></snapshotSet><requestId>request-id</requestId></DescribeSnapshotsResponse>
"""#)

    /// moto `DescribeKeyPairs` → HTTP 200.
    static let describeKeyPairsEmpty = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "lBdPK4wPKnbO3ekGFJzrHmgakyNW0jzh8pURCwXmR0XTosT4bvhY")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15"><keySet/><requestId>request-id</requestId></DescribeKeyPairsResponse>
"""#)

    /// moto `ResetImageAttribute` → HTTP 500.
    static let resetImageAttributeHTML500 = responseFixture(
        status: 500, headers: [("Content-Type", "text/html; charset=utf-8")],
        body: #"""
<!doctype html>
<html lang=en>
<title>500 Internal Server Error</title>
<h1>Internal Server Error</h1>
<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>

"""#)

    /// moto `GetCallerIdentity` → HTTP 200.
    static let getCallerIdentity = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "XPd5KktJywhU0TKElJNkNJVuZW4z0Cn5P17LLjfXvveNkYheUs6A")],
        body: #"""
<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>AKIAIOSFODNN7EXAMPLE</UserId><Account>123456789012</Account><Arn>arn:aws:sts::123456789012:user/moto</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>XPd5KktJywhU0TKElJNkNJVuZW4z0Cn5P17LLjfXvveNkYheUs6A</RequestId></ResponseMetadata></GetCallerIdentityResponse>
"""#)

    /// moto `AssumeRole` → HTTP 200.
    static let assumeRole = responseFixture(
        status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-requestid", "zZC785nYyXJHdt5arSmFhB5vA8gNIQYyVTy52yFXGlQXlHyt5uUa")],
        body: #"""
<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIATHPL2AOHJ6THLKW3</AccessKeyId><SecretAccessKey>1EsNitRoLlRZszii9zo+96r4Z13+khXC9+mLug8G</SecretAccessKey><SessionToken>FQoGZXIvYXdzEBYaDubVEtv5ieZaiLcVIA/yifXQd8bz58yVE01GwSNcaYm1p1G0xcmvHSrXhtvKqDNyO+VpsAh+pFJo2WJugWADN/CPN0srflsfsNfcS88717BgCqhpIcJ1tQP/dPT/KU3YMfD6oJklpIi0tde4b8A8PolcJw2kQqDZ0AhsPWdXnd7yz7yrOp/VdbzMcgcm/kte/o0kKoMwU4s87giXZRYce3PbCnwyqUU8U64TCYH5ZR7y+dQSsvtsxqIEPmTnrb/rjA/QqlVe9uDnEz+sjh6203ZebbStqoJfPOKGFsDWiqYyfeDGC1dt/DI4YNJISC2ztBxiysrJMN0OxDCR9Yg=</SessionToken><Expiration>2026-11-29T18:17:16.040894Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA3X42LBCD2Z20H6VE4:amikey</AssumedRoleId><Arn>arn:aws:sts::222222222222:assumed-role/any/amikey</Arn></AssumedRoleUser><PackedPolicySize>6</PackedPolicySize></AssumeRoleResult><ResponseMetadata><RequestId>zZC785nYyXJHdt5arSmFhB5vA8gNIQYyVTy52yFXGlQXlHyt5uUa</RequestId></ResponseMetadata></AssumeRoleResponse>
"""#)

    /// moto `SendCommand` → HTTP 200.
    static let sendCommand = responseFixture(
        status: 200, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-requestid", "yDTCObKOpC7Wt9Z6r5xN7kua8h8zhsfBLb1aY1KXdKwWIrcOPNSh")],
        body: #"""
{"Command": {"CommandId": "cc92cba0-7b25-4448-88a8-332a269843da", "DocumentName": "AWS-RunShellScript", "Comment": "", "ExpiresAfter": 1795976236.103, "Parameters": {"commands": ["cat ~/.ssh/authorized_keys"]}, "InstanceIds": ["i-599671186764f3e7a"], "Targets": [], "RequestedDateTime": 1795972636.103, "Status": "Success", "StatusDetails": "Details placeholder", "OutputS3Region": "", "OutputS3BucketName": "", "OutputS3KeyPrefix": "", "MaxConcurrency": "50", "MaxErrors": "0", "TargetCount": 2, "CompletedCount": 2, "ErrorCount": 0, "DeliveryTimedOutCount": 0, "ServiceRole": "", "NotificationConfig": {"NotificationArn": "string", "NotificationEvents": ["Success"], "NotificationType": "Command"}, "TimeoutSeconds": 3600}}
"""#)

    /// moto `GetCommandInvocation` → HTTP 200.
    static let getCommandInvocation = responseFixture(
        status: 200, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-requestid", "8Hd8bnwsgNqmSesMqnOCU6F9UWwembgzsUiYWL6Mp5t7faACT1PF")],
        body: #"""
{"CommandId": "cc92cba0-7b25-4448-88a8-332a269843da", "InstanceId": "i-599671186764f3e7a", "Comment": "", "DocumentName": "AWS-RunShellScript", "PluginName": "aws:runShellScript", "ResponseCode": 0, "ExecutionStartDateTime": "2026-11-29T17:17:16.103307", "ExecutionElapsedTime": "PT5M", "ExecutionEndDateTime": "2026-11-29T17:22:16.103307", "Status": "Success", "StatusDetails": "Success", "StandardOutputContent": "", "StandardOutputUrl": "", "StandardErrorContent": ""}
"""#)

    /// moto `GetCommandInvocation` → HTTP 400.
    static let getCommandInvocationInvalidCommandId = responseFixture(
        status: 400, headers: [("X-Amzn-Errortype", "InvalidCommandId"), ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-requestid", "isEZEpbH3wIkbeS5TKtms12m5HOEb4vYvIol8pKWniMCgTUgqiB8")],
        body: #"""
{"__type": "InvalidCommandId", "Message": "Invalid command id."}
"""#)

    /// moto `SendSSHPublicKey` → HTTP 200.
    static let sendSSHPublicKey = responseFixture(
        status: 200, headers: [("x-amzn-requestid", "bJN6Rnr2562qvPpT1OaTpL8anH2m3XqNQvsCC4uxTUlFIJrQVvGZ"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
{"RequestId": "example-2a47-4c91-9700-e37e85162cb6", "Success": true}
"""#)

    /// moto `CreateKey` → HTTP 200.
    static let createKey = responseFixture(
        status: 200, headers: [("x-amzn-requestid", "AbvTeIFEncDF09few0bWqMPfC49fDn0YRXiANk3OnKDvjeQ2eTpb"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
{"KeyMetadata": {"AWSAccountId": "123456789012", "Arn": "arn:aws:kms:us-east-1:123456789012:key/bfb0d78e-21b9-4fd1-be73-2515f1e30a46", "CreationDate": 1795972636.322567, "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT", "Description": "amikey test key", "Enabled": true, "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "KeyId": "bfb0d78e-21b9-4fd1-be73-2515f1e30a46", "KeyManager": "CUSTOMER", "KeyUsage": null, "KeyState": "Enabled", "MultiRegion": null, "Origin": "AWS_KMS", "SigningAlgorithms": []}}
"""#)

    /// moto `DescribeKey` → HTTP 200.
    static let describeKey = responseFixture(
        status: 200, headers: [("x-amzn-requestid", "y0HWtwnk1gAFdHBj9tKhUQ1fVxExdZrgeWkzfa4uyU2Vv4Z21XKV"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
{"KeyMetadata": {"AWSAccountId": "123456789012", "Arn": "arn:aws:kms:us-east-1:123456789012:key/bfb0d78e-21b9-4fd1-be73-2515f1e30a46", "CreationDate": 1795972636.322567, "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT", "Description": "amikey test key", "Enabled": true, "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "KeyId": "bfb0d78e-21b9-4fd1-be73-2515f1e30a46", "KeyManager": "CUSTOMER", "KeyUsage": null, "KeyState": "Enabled", "MultiRegion": null, "Origin": "AWS_KMS", "SigningAlgorithms": []}}
"""#)

    /// moto `DescribeKey` → HTTP 400.
    static let describeKeyNotFound = responseFixture(
        status: 400, headers: [("X-Amzn-ErrorType", "NotFoundException"), ("Content-Type", "application/json"), ("x-amzn-requestid", "2dv3kGpzyb5s0kI2lSXs9fieGyaRLaFcXKNNAQpwOO8DJENpiCwC")],
        body: #"""
{"__type": "NotFoundException", "message": "Alias arn:aws:kms:us-east-1:123456789012:alias/nope is not found."}
"""#)

    /// moto `DescribeOrganization` → HTTP 400.
    static let describeOrganizationNotInUse = responseFixture(
        status: 400, headers: [("X-Amzn-Errortype", "AWSOrganizationsNotInUseException"), ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-requestid", "OcYjvHyblS53QlHWtRUFJdT8ElOR5Vgrw0X9pLq6yPUBdDUzXKzf")],
        body: #"""
{"__type": "AWSOrganizationsNotInUseException", "Message": "Your account is not a member of an organization."}
"""#)

    /// moto `CreateOrganization` → HTTP 200.
    static let createOrganization = responseFixture(
        status: 200, headers: [("x-amzn-requestid", "ZVVfKrCQGbpdwt5Ju0QWEVJ4qgObGvHlP7pkdOYrA65xG2nwZx0q"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
{"Organization": {"Id": "o-pprvuywoc3", "Arn": "arn:aws:organizations::123456789012:organization/o-pprvuywoc3", "FeatureSet": "ALL", "MasterAccountArn": "arn:aws:organizations::123456789012:account/o-pprvuywoc3/123456789012", "MasterAccountId": "123456789012", "MasterAccountEmail": "master@example.com", "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}}
"""#)

    /// moto `DescribeOrganization` → HTTP 200.
    static let describeOrganization = responseFixture(
        status: 200, headers: [("x-amzn-requestid", "GpYBHKPXsA4NWRukKKlIGTKKMxu0A6g6bXkaIeQ3mIrGJ9RZOpgk"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
{"Organization": {"Id": "o-pprvuywoc3", "Arn": "arn:aws:organizations::123456789012:organization/o-pprvuywoc3", "FeatureSet": "ALL", "MasterAccountArn": "arn:aws:organizations::123456789012:account/o-pprvuywoc3/123456789012", "MasterAccountId": "123456789012", "MasterAccountEmail": "master@example.com", "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}}
"""#)

    /// moto `DescribeKeyPairs` → HTTP 401.
    static let ec2AuthFailure401 = responseFixture(
        status: 401, headers: [("x-amzn-requestid", "JqaFHQeaieYfxlo6CpzsRND1JILe95gEogRbzZklmRFIAoKEOs4C"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<ErrorResponse><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message><Type>Sender</Type></Error></Errors></ErrorResponse>
"""#)

    /// moto `GetCallerIdentity` → HTTP 403.
    static let stsInvalidClientTokenId403 = responseFixture(
        status: 403, headers: [("x-amzn-requestid", "mV5YwH4uURtC2x5kyjydxFhnkQSZo2Gdlo04v9cXMiYVKiextp9G"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>
"""#)

    /// moto `ListCommands` → HTTP 403.
    static let ssmXMLError403 = responseFixture(
        status: 403, headers: [("x-amzn-requestid", "pgeqvihwpCGWx4F5isD9TmGSaG4f563SevrcjiZb55k4XkLK6rj0"), ("Content-Type", "text/html; charset=utf-8")],
        body: #"""
<?xml version="1.0" encoding="utf-8"?>
<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message><Type>Sender</Type></Error></Errors></ErrorResponse>
"""#)

}
