import AWSCore
import Foundation
import Testing

@testable import AWSServices

/// One operation built from the Swift equivalent of a botocore fixture's parameters.
struct RequestCase: Sendable, CustomTestStringConvertible {
    let name: String
    let service: AWSServiceID
    let action: String
    let idempotency: OperationRetryTraits.Idempotency
    let request: AWSHTTPRequest

    init<Output>(_ name: String, _ operation: AWSOperation<Output>) {
        self.name = name
        service = operation.service
        action = operation.action
        idempotency = operation.idempotency
        request = operation.request
    }

    var testDescription: String { name }
    var bodyText: String { String(decoding: request.body, as: UTF8.self) }

    static let publicKey = Array(
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc1C2ha/UF2ZQ2ZGzwcqqpyLrE+HBr9GXGx9pYcqiQS user@host\n".utf8)

    static func tagSpecifications(_ resourceType: String) -> [EC2.TagSpecification] {
        [
            .init(
                resourceType: resourceType,
                tags: [.init(key: "Owner", value: "TeamA"), .init(key: "amikey:run", value: "r 1/2")])
        ]
    }

    static let role = "arn:aws:iam::222222222222:role/any"

    static func all() throws -> [RequestCase] {
        [
            RequestCase("sts.getCallerIdentity", STS.getCallerIdentity()),
            RequestCase("sts.assumeRole.minimal", STS.assumeRole(.init(roleArn: role, roleSessionName: "amikey"))),
            RequestCase(
                "sts.assumeRole.full",
                STS.assumeRole(
                    .init(
                        roleArn: role, roleSessionName: "amikey-1", policy: #"{"Version":"2012-10-17"}"#,
                        durationSeconds: 3600,
                        tags: [.init(key: "project", value: "amikey"), .init(key: "who", value: "a b")],
                        externalId: "ext=1", serialNumber: "arn:aws:iam::111111111111:mfa/me", tokenCode: "123456",
                        sourceIdentity: "me"))),
            RequestCase(
                "ec2.describeKeyPairs.names",
                EC2.describeKeyPairs(.init(keyNames: ["old-key", "new key"], includePublicKey: true))),
            RequestCase(
                "ec2.describeKeyPairs.all",
                EC2.describeKeyPairs(
                    .init(
                        keyPairIds: ["key-0123456789abcdef0"], includePublicKey: false, dryRun: true,
                        filters: [
                            .init(name: "key-name", values: ["a", "b*"]), .init(name: "tag:Owner", values: ["TeamA"]),
                        ]))),
            RequestCase("ec2.describeKeyPairs.empty", EC2.describeKeyPairs(.init())),
            RequestCase(
                "ec2.importKeyPair",
                EC2.importKeyPair(
                    .init(
                        keyName: "old-key", publicKeyMaterial: publicKey,
                        tagSpecifications: tagSpecifications("key-pair"),
                        dryRun: false))),
            RequestCase(
                "ec2.importKeyPair.plain", EC2.importKeyPair(.init(keyName: "k", publicKeyMaterial: publicKey))),
            RequestCase(
                "ec2.describeInstances.ids", EC2.describeInstances(.init(instanceIds: ["i-0123456789abcdef0", "i-1"]))),
            RequestCase(
                "ec2.describeInstances.page",
                EC2.describeInstances(
                    .init(
                        filters: [.init(name: "instance-state-name", values: ["running", "stopped"])],
                        nextToken: "tok+/=",
                        maxResults: 5, dryRun: false))),
            RequestCase(
                "ec2.describeImages",
                EC2.describeImages(
                    .init(
                        imageIds: ["ami-1", "ami-2"], owners: ["111111111111", "amazon"], executableUsers: ["self"],
                        filters: [.init(name: "name", values: ["al2023-*"])], includeDeprecated: true, maxResults: 100,
                        nextToken: "n", dryRun: true))),
            RequestCase(
                "ec2.getConsoleOutput", EC2.getConsoleOutput(.init(instanceId: "i-0123456789abcdef0", latest: true))),
            RequestCase(
                "ec2.describeImageAttribute", EC2.describeImageAttribute(.init(imageId: "ami-1", dryRun: false))),
            RequestCase(
                "ec2.modifyImageAttribute.add",
                EC2.modifyImageAttribute(.init(imageId: "ami-1", add: [.account("222222222222"), .init(group: "all")]))),
            RequestCase(
                "ec2.modifyImageAttribute.remove",
                EC2.modifyImageAttribute(
                    .init(
                        imageId: "ami-1",
                        remove: [
                            .account("222222222222"),
                            .init(organizationArn: "arn:aws:organizations::111111111111:organization/o-abc"),
                        ], dryRun: true))),
            RequestCase(
                "ec2.createImage",
                EC2.createImage(
                    .init(
                        instanceId: "i-1", name: "amikey copy (1)", description: "from i-1", noReboot: true,
                        tagSpecifications: tagSpecifications("image"), dryRun: false))),
            RequestCase(
                "ec2.registerImage",
                EC2.registerImage(
                    .init(
                        name: "amikey base (1)", imageLocation: "bucket/image.manifest.xml", description: "lab base",
                        architecture: "x86_64", rootDeviceName: "/dev/xvda", virtualizationType: "hvm",
                        bootMode: "uefi", enaSupport: true, tagSpecifications: tagSpecifications("image"),
                        dryRun: false))),
            RequestCase("ec2.registerImage.minimal", EC2.registerImage(.init(name: "base"))),
            RequestCase(
                "ec2.createKeyPair",
                EC2.createKeyPair(
                    .init(
                        keyName: "made key", keyType: "rsa", keyFormat: "pem",
                        tagSpecifications: tagSpecifications("key-pair"), dryRun: false))),
            RequestCase(
                "ec2.runInstances",
                EC2.runInstances(
                    .init(
                        imageId: "ami-1", clientToken: "5f0c5f2e-2b1e-4d52-9a7e-1d2c3b4a5f60", instanceType: "t3.micro",
                        keyName: "old-key", securityGroupIds: ["sg-1", "sg-2"], subnetId: "subnet-1",
                        userData: Array("#cloud-config\nssh_authorized_keys:\n  - ssh-ed25519 AAAA x\n".utf8),
                        tagSpecifications: tagSpecifications("instance"), iamInstanceProfileName: "ssm-role",
                        dryRun: false))),
            RequestCase("ec2.runInstances.minimal", EC2.runInstances(.init(imageId: "ami-1", clientToken: "tok-1"))),
            RequestCase(
                "ec2.runInstances.relaunch",
                EC2.runInstances(
                    .init(
                        imageId: "ami-1", clientToken: "relaunch-tok-1", instanceType: "t3.micro", keyName: "old-key",
                        securityGroupIds: ["sg-1"], subnetId: "subnet-1",
                        userData: [0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x23, 0x21, 0x0d, 0x0a, 0x00],
                        tagSpecifications: tagSpecifications("instance"),
                        iamInstanceProfileArn: "arn:aws:iam::222222222222:instance-profile/web",
                        metadataOptions: .init(
                            httpTokens: "required", httpPutResponseHopLimit: 2, httpEndpoint: "enabled",
                            httpProtocolIpv6: "disabled", instanceMetadataTags: "enabled")))),
            RequestCase(
                "ec2.runInstances.metadataTokensOnly",
                EC2.runInstances(
                    .init(imageId: "ami-1", clientToken: "tok-2", metadataOptions: .init(httpTokens: "optional")))),
            RequestCase(
                "ec2.stopInstances",
                EC2.stopInstances(.init(instanceIds: ["i-1", "i-2"], hibernate: false, force: true, dryRun: true))),
            RequestCase("ec2.startInstances", EC2.startInstances(.init(instanceIds: ["i-1"], dryRun: false))),
            RequestCase(
                "ec2.describeSnapshots",
                EC2.describeSnapshots(
                    .init(
                        snapshotIds: ["snap-1"], ownerIds: ["self"], restorableByUserIds: ["222222222222"],
                        filters: [.init(name: "status", values: ["completed"])], maxResults: 50, nextToken: "t",
                        dryRun: false))),
            RequestCase(
                "ec2.modifySnapshotAttribute.add",
                EC2.modifySnapshotAttribute(
                    .init(snapshotId: "snap-1", addUserIds: ["222222222222", "333333333333"], dryRun: false))),
            RequestCase(
                "ec2.modifySnapshotAttribute.remove",
                EC2.modifySnapshotAttribute(.init(snapshotId: "snap-1", removeUserIds: ["222222222222"]))),
            RequestCase(
                "ec2.copyImage",
                EC2.copyImage(
                    .init(
                        sourceImageId: "ami-1", sourceRegion: "us-east-1", name: "copied", clientToken: "copy-tok-1",
                        description: "d", encrypted: true,
                        kmsKeyId: "arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        copyImageTags: false, tagSpecifications: tagSpecifications("image"), dryRun: true))),
            RequestCase(
                "ec2.modifyInstanceAttribute.userData",
                EC2.modifyInstanceAttribute(
                    .init(instanceId: "i-1", userData: Array("#!/bin/sh\necho hi > /tmp/x\n".utf8), dryRun: false))),
            RequestCase(
                "ec2.modifyInstanceAttribute.value",
                EC2.modifyInstanceAttribute(.init(instanceId: "i-1", attribute: "instanceType", value: "t3.small"))),
            RequestCase(
                "ec2.describeInstanceAttribute",
                EC2.describeInstanceAttribute(.init(instanceId: "i-1", attribute: "userData", dryRun: true))),
            RequestCase(
                "ssm.sendCommand",
                try SSM.sendCommand(
                    .init(
                        instanceIds: ["i-1"], documentName: "AWS-RunShellScript",
                        parameters: ["commands": ["install -d -m 700 ~ec2-user/.ssh", #"echo "a/b" >> f"#]],
                        comment: "amikey repair", timeoutSeconds: 60))),
            RequestCase(
                "ssm.getCommandInvocation",
                try SSM.getCommandInvocation(
                    .init(
                        commandId: "0b1e2c3d-4f50-6172-8394-a5b6c7d8e9f0", instanceId: "i-1",
                        pluginName: "aws:runShellScript"))),
            RequestCase(
                "ec2InstanceConnect.sendSSHPublicKey",
                try EC2InstanceConnect.sendSSHPublicKey(
                    .init(
                        instanceId: "i-0123456789abcdef0", instanceOSUser: "ec2-user",
                        sshPublicKey: String(decoding: publicKey.dropLast(), as: UTF8.self),
                        availabilityZone: "us-east-1a"))),
            RequestCase("kms.describeKey", try KMS.describeKey(.init(keyId: "alias/aws/ebs"))),
            RequestCase(
                "kms.getKeyPolicy",
                try KMS.getKeyPolicy(.init(keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", policyName: "default"))),
            RequestCase(
                "kms.listGrants",
                try KMS.listGrants(
                    .init(keyId: "k", limit: 10, marker: "m", granteePrincipal: "arn:aws:iam::222222222222:root"))),
            RequestCase("organizations.describeOrganization", try Organizations.describeOrganization()),
            RequestCase(
                "ec2.createTags",
                EC2.createTags(
                    .init(
                        resources: ["ami-1", "snap-1"],
                        tags: [.init(key: "amikey:run", value: "r1"), .init(key: "empty", value: "")],
                        dryRun: false))),
            RequestCase(
                "ec2.describeRegions",
                EC2.describeRegions(
                    .init(
                        regionNames: ["us-east-1", "eu-west-1"], allRegions: true,
                        filters: [.init(name: "opt-in-status", values: ["opted-in"])]))),
            RequestCase(
                "kms.createGrant",
                try KMS.createGrant(
                    .init(
                        keyId: "k", granteePrincipal: "arn:aws:iam::222222222222:root",
                        operations: ["Decrypt", "CreateGrant"],
                        name: "amikey"))),
            RequestCase(
                "ec2.describeSecurityGroups",
                EC2.describeSecurityGroups(
                    .init(
                        groupIds: ["sg-1", "sg-2"], groupNames: ["default"],
                        filters: [.init(name: "ip-permission.from-port", values: ["22"])], nextToken: "n",
                        maxResults: 5, dryRun: false))),
            RequestCase("ec2.describeSecurityGroups.empty", EC2.describeSecurityGroups(.init())),
            RequestCase(
                "ec2.describeSubnets",
                EC2.describeSubnets(
                    .init(
                        subnetIds: ["subnet-1"],
                        filters: [
                            .init(name: "vpc-id", values: ["vpc-1"]), .init(name: "default-for-az", values: ["true"]),
                        ], nextToken: "t+/", maxResults: 10, dryRun: true))),
            RequestCase(
                "organizations.listAccounts", try Organizations.listAccounts(.init(nextToken: "n", maxResults: 20))),
        ]
    }
}
