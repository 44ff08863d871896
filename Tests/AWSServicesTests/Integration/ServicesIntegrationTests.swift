import AWSCore
import AWSTestSupport
import Foundation
import Testing

@testable import AWSServices

/// STS, SSM, EC2 Instance Connect, KMS and Organizations through `AWSServiceClient` on moto.
///
/// moto runs nothing for SSM (every command is `Success` with empty output) and accepts any SendSSHPublicKey
/// (moto-fidelity.md §8), so these show the wire plumbing and the decoded shapes, not the services' effects.
@Suite("STS, SSM, EC2 Instance Connect, KMS, Organizations through AWSServiceClient on moto")
struct ServicesIntegrationTests {
    @Test("STS GetCallerIdentity names moto's default account")
    func callerIdentity() async throws {
        let moto = try await MotoServer.shared()
        let identity = try await MotoServiceClients.client(moto, region: "us-east-2").send(STS.getCallerIdentity())
        #expect(identity.account == MotoServer.defaultAccount)
        #expect(identity.arn.hasPrefix("arn:aws:"))
    }

    @Test("SSM SendCommand then GetCommandInvocation; an unknown command id is InvalidCommandId")
    func ssmCommand() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "us-east-2")
        let instanceId = try #require(
            try await aws.send(EC2.runInstances(.init(imageId: "ami-12c6146b"))).instances.first?.instanceId)
        let sent = try await aws.send(
            try SSM.sendCommand(
                .init(
                    instanceIds: [instanceId], documentName: "AWS-RunShellScript",
                    parameters: ["commands": ["cat ~ec2-user/.ssh/authorized_keys"]])))
        #expect(!sent.command.commandId.isEmpty)
        let invocation = try await aws.send(
            try SSM.getCommandInvocation(.init(commandId: sent.command.commandId, instanceId: instanceId)))
        #expect(invocation.instanceId == instanceId)
        #expect(invocation.status == "Success")

        let unknown = await #expect(throws: AWSServiceError.self) {
            try await aws.send(
                try SSM.getCommandInvocation(
                    .init(commandId: "0b1e2c3d-4f50-6172-8394-a5b6c7d8e9f0", instanceId: instanceId)))
        }
        #expect(unknown?.code == "InvalidCommandId")
    }

    @Test("EC2 Instance Connect SendSSHPublicKey succeeds")
    func instanceConnect() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "us-east-2")
        let output = try await aws.send(
            try EC2InstanceConnect.sendSSHPublicKey(
                .init(
                    instanceId: "i-0123456789abcdef0", instanceOSUser: "ec2-user",
                    sshPublicKey: try TestKeys.freshPublicKey())))
        #expect(output.success)
    }

    @Test("KMS DescribeKey, GetKeyPolicy, CreateGrant (named, so retries converge on AWS), ListGrants; unknown alias")
    func kms() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "us-east-2")
        let keyId = try await MotoServiceClients.createKey(aws)

        let key = try await aws.send(try KMS.describeKey(.init(keyId: keyId)))
        #expect(key.keyMetadata.keyId == keyId)
        #expect(key.keyMetadata.awsAccountId == MotoServer.defaultAccount)
        let policy = try await aws.send(try KMS.getKeyPolicy(.init(keyId: keyId, policyName: "default")))
        #expect(policy.policy.contains("\"Version\""))

        let grant = KMS.CreateGrantInput(
            keyId: keyId, granteePrincipal: "arn:aws:iam::222222222222:root", operations: ["Decrypt", "CreateGrant"])
        #expect(grant.name?.hasPrefix("amikey-") == true)
        #expect(try KMS.createGrant(grant).idempotency == .clientToken)
        let created = try await aws.send(try KMS.createGrant(grant))
        let grants = try await aws.send(try KMS.listGrants(.init(keyId: keyId)))
        #expect(grants.grants.map(\.grantId) == [created.grantId])
        #expect(grants.grants.first?.name == grant.name)

        let missing = await #expect(throws: AWSServiceError.self) {
            try await aws.send(try KMS.describeKey(.init(keyId: "alias/amikey-missing")))
        }
        #expect(missing?.code == "NotFoundException")
    }

    @Test("Organizations ListAccounts, page by page, lists the management account")
    func organizationAccounts() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "us-east-1")
        try await MotoServiceClients.ensureOrganization(aws)
        var accounts: [Organizations.Account] = []
        for try await account in aws.accounts(.init(maxResults: 1)) { accounts.append(account) }
        #expect(accounts.contains { $0.id == MotoServer.defaultAccount })
    }
}
