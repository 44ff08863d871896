import AWSCore
import AWSTestSupport
import Testing

@testable import AWSServices

/// A second account reached through STS AssumeRole: moto maps the assumed-role credentials to the role's account
/// (moto-fidelity.md §1), and keeps each account's resources apart.
@Suite("A second account through AssumeRole on moto")
struct CrossAccountIntegrationTests {
    @Test("AssumeRole into 222222222222: GetCallerIdentity, key pair isolation, image sharing as far as moto goes")
    func secondAccount() async throws {
        let moto = try await MotoServer.shared()
        let region = "ap-south-1"
        let source = MotoServiceClients.client(moto, region: region)
        #expect(try await source.send(STS.getCallerIdentity()).account == MotoServer.defaultAccount)

        let credentials = try await MotoServiceClients.assumeRole(source, account: "222222222222")
        let target = MotoServiceClients.client(moto, region: region, credentials: credentials)
        let identity = try await target.send(STS.getCallerIdentity())
        #expect(identity.account == "222222222222")
        #expect(identity.arn.hasPrefix("arn:aws:sts::222222222222:assumed-role/amikey-tests/"))

        // A key pair imported in the target account is not visible in the source account.
        let name = MotoServiceClients.name("cross")
        let imported = try await target.importKeyPair(
            .init(keyName: name, publicKeyMaterial: Array(try TestKeys.freshPublicKey().utf8)))
        #expect(imported.keyName == name)
        #expect(try await target.keyPair(named: name) != nil)
        #expect(try await source.keyPair(named: name) == nil)

        // The source shares an image with the target. moto records the launch permission (checked here from the
        // source side) but does not model cross-account visibility: the target's DescribeImages never lists
        // another account's image (moto-fidelity.md §2), so the target side of sharing is not asserted.
        let instanceId = try #require(
            try await source.send(EC2.runInstances(.init(imageId: "ami-12c6146b"))).instances.first?.instanceId)
        let imageId = try await source.createImage(
            .init(instanceId: instanceId, name: MotoServiceClients.name("shared"))
        )
        .imageId
        _ = try await source.send(EC2.modifyImageAttribute(.init(imageId: imageId, add: [.account("222222222222")])))
        let permissions = try await source.send(EC2.describeImageAttribute(.init(imageId: imageId)))
        #expect(permissions.launchPermissions.contains(.account("222222222222")))
        let sharedWithTarget = try await source.send(
            EC2.describeImages(.init(owners: ["self"], executableUsers: ["222222222222"])))
        #expect(sharedWithTarget.images.map(\.imageId).contains(imageId))
    }
}
