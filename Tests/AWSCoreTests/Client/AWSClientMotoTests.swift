import AWSTestSupport
import AWSCore
import Foundation
import Testing

/// Real calls against the stock moto server (one per test process; tests isolate by region and unique names).
@Suite("AWSClient against moto")
struct AWSClientMotoTests {
    @Test("STS GetCallerIdentity (Query protocol) reports moto's default account")
    func callerIdentity() async throws {
        let moto = try await MotoServer.shared()
        #expect(try await MotoCalls.account(moto.client(), moto: moto) == MotoServer.defaultAccount)
    }

    @Test("EC2 DescribeKeyPairs and ImportKeyPair; a second import is InvalidKeyPair.Duplicate with every detail kept")
    func keyPairs() async throws {
        let moto = try await MotoServer.shared()
        let client = moto.client()
        let region = "ap-southeast-2"
        let name = "amikey-\(UUID().uuidString.prefix(8))"
        let publicKey = try TestKeys.freshPublicKey()

        #expect(try await !MotoCalls.keyPairNames(client, moto: moto, region: region).contains(name))
        let fingerprint = try await MotoCalls.importKeyPair(
            client, moto: moto, region: region, name: name, publicKey: publicKey)
        #expect(fingerprint?.isEmpty == false)
        #expect(try await MotoCalls.keyPairNames(client, moto: moto, region: region).contains(name))

        let error = await #expect(throws: AWSServiceError.self) {
            try await MotoCalls.importKeyPair(client, moto: moto, region: region, name: name, publicKey: publicKey)
        }
        #expect(error?.service == "EC2")
        #expect(error?.code == "InvalidKeyPair.Duplicate")
        #expect(error?.statusCode == 400)
        #expect(error?.message.contains(name) == true)
        #expect(error?.requestID?.isEmpty == false)
    }

    @Test("STS AssumeRole into another account, then GetCallerIdentity with those credentials")
    func secondAccount() async throws {
        let moto = try await MotoServer.shared()
        let recording = RecordingTransport(moto.transport)
        let assumed = try await MotoCalls.assumeRole(
            moto.client(), moto: moto, roleARN: "arn:aws:iam::222222222222:role/any")
        let second = AWSClient(transport: recording, credentialProvider: StaticCredentialProvider(assumed))

        #expect(try await MotoCalls.account(second, moto: moto) == "222222222222")
        let sent = try #require(recording.requests.first)
        #expect(sent.headers["X-Amz-Security-Token"] == assumed.sessionToken)
        #expect(sent.headers["Authorization"]?.contains("Credential=\(assumed.accessKeyID)/") == true)
    }
}
