import AWSCore
import AWSTestSupport
import Foundation
import Testing

@testable import AWSServices

/// ImportKeyPair through `AWSServiceClient.importKeyPair`: imported, already present, conflicting, not found.
@Suite("Key pairs through AWSServiceClient on moto")
struct KeyPairIntegrationTests {
    @Test("a new key is imported; DescribeKeyPairs(IncludePublicKey) returns it")
    func imports() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "ap-northeast-2")
        let name = MotoServiceClients.name("import")
        let publicKey = try TestKeys.freshPublicKey()

        let result = try await aws.importKeyPair(.init(keyName: name, publicKeyMaterial: Array(publicKey.utf8)))
        guard case .imported(let output) = result else {
            Issue.record("expected imported, got \(result)")
            return
        }
        #expect(output.keyName == name)
        #expect(result.keyPairId?.hasPrefix("key-") == true)
        #expect(result.keyFingerprint?.isEmpty == false)
        let described = try await aws.send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
        #expect(described.keyPairs.map(\.keyName) == [name])
        #expect(described.keyPairs.first?.publicKey.map { EC2.PublicKeyIdentity.same($0, publicKey) } == true)
    }

    @Test("importing the same key again is alreadyPresent, even with another comment")
    func sameKeyAgain() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "ap-northeast-2")
        let name = MotoServiceClients.name("again")
        let publicKey = try TestKeys.freshPublicKey()
        let first = try await aws.importKeyPair(.init(keyName: name, publicKeyMaterial: Array(publicKey.utf8)))

        let recommented = publicKey.split(separator: " ").prefix(2).joined(separator: " ") + " other-comment\n"
        let second = try await aws.importKeyPair(.init(keyName: name, publicKeyMaterial: Array(recommented.utf8)))
        guard case .alreadyPresent(let info) = second else {
            Issue.record("expected alreadyPresent, got \(second)")
            return
        }
        #expect(info.keyName == name)
        #expect(second.keyPairId == first.keyPairId)
    }

    @Test("a different key under the same name is a conflict carrying both keys; the existing pair is unchanged")
    func differentKeyConflicts() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "ap-northeast-2")
        let name = MotoServiceClients.name("conflict")
        let original = try TestKeys.freshPublicKey()
        let other = try TestKeys.freshPublicKey()
        _ = try await aws.importKeyPair(.init(keyName: name, publicKeyMaterial: Array(original.utf8)))

        let conflict = await #expect(throws: KeyPairConflictError.self) {
            try await aws.importKeyPair(.init(keyName: name, publicKeyMaterial: Array(other.utf8)))
        }
        #expect(conflict?.keyName == name)
        #expect(conflict?.requestedPublicKey == other)
        #expect(conflict?.existing.publicKey.map { EC2.PublicKeyIdentity.same($0, original) } == true)
        #expect(conflict?.existing.keyFingerprint?.isEmpty == false)
        #expect(conflict?.duplicate?.code == "InvalidKeyPair.Duplicate")
        let kept = try await aws.keyPair(named: name)
        #expect(kept?.publicKey.map { EC2.PublicKeyIdentity.same($0, original) } == true)
    }

    @Test("a raw duplicate import is InvalidKeyPair.Duplicate; an unknown name is InvalidKeyPair.NotFound")
    func errorPaths() async throws {
        let moto = try await MotoServer.shared()
        let aws = MotoServiceClients.client(moto, region: "ap-northeast-2")
        let name = MotoServiceClients.name("dup")
        let input = EC2.ImportKeyPairInput(
            keyName: name, publicKeyMaterial: Array(try TestKeys.freshPublicKey().utf8))
        _ = try await aws.send(EC2.importKeyPair(input))
        let duplicate = await #expect(throws: AWSServiceError.self) { try await aws.send(EC2.importKeyPair(input)) }
        #expect(duplicate?.code == "InvalidKeyPair.Duplicate")
        #expect(duplicate?.statusCode == 400)
        #expect(duplicate?.requestID?.isEmpty == false)

        let missing = await #expect(throws: AWSServiceError.self) {
            try await aws.send(EC2.describeKeyPairs(.init(keyNames: [MotoServiceClients.name("missing")])))
        }
        #expect(missing?.code == "InvalidKeyPair.NotFound")
        #expect(try await aws.keyPair(named: MotoServiceClients.name("missing")) == nil)
    }
}
