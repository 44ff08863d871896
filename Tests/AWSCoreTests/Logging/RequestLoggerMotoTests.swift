import AWSTestSupport
import AWSCore
import AWSSigV4
import Foundation
import Testing

@Suite("RequestLogger against moto")
struct RequestLoggerMotoTests {
    @Test("the most verbose log of real calls holds no secret key, session token, Authorization value or private key")
    func noSecretsInDebugLog() async throws {
        let moto = try await MotoServer.shared()
        let capture = LogCapture()
        let recording = RecordingTransport(moto.transport)
        let logger = RequestLogger(capture.logger())
        let first = AWSClient(
            transport: recording, credentialProvider: StaticCredentialProvider(MotoServer.credentials), logger: logger)
        let region = "sa-east-1"
        let name = "amikey-\(UUID().uuidString.prefix(8))"

        _ = try await MotoCalls.account(first, moto: moto)
        let assumed = try await MotoCalls.assumeRole(first, moto: moto, roleARN: "arn:aws:iam::222222222222:role/any")
        let second = AWSClient(transport: recording, credentialProvider: StaticCredentialProvider(assumed), logger: logger)
        _ = try await MotoCalls.account(second, moto: moto)
        let privateKey = try await MotoCalls.createKeyPair(second, moto: moto, region: region, name: name)
        await #expect(throws: AWSServiceError.self) {
            try await MotoCalls.importKeyPair(
                second, moto: moto, region: region, name: name, publicKey: try TestKeys.freshPublicKey())
        }

        let keyLines = privateKey.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("-----") && $0.count >= 16 }
        let authorizations = recording.requests.compactMap { $0.headers["Authorization"] }
        let signatures = authorizations.compactMap { $0.split(separator: "Signature=").last.map(String.init) }
        let secrets = [MotoServer.credentials.secretAccessKey, assumed.secretAccessKey, assumed.sessionToken ?? "<none>"]
            + authorizations + signatures + keyLines
        // The secrets really crossed the wire, so a leak would show.
        let wire = recording.responses.map { String(decoding: $0.body, as: UTF8.self) }.joined()
        #expect(wire.contains(assumed.secretAccessKey) && keyLines.allSatisfy(wire.contains))
        #expect(authorizations.count == recording.requests.count && authorizations.count == 5)

        let lines = capture.captured
        #expect(lines.count == 10, "a request and a response line per attempt")
        #expect(lines.contains { $0.contains("<SecretAccessKey><REDACTED></SecretAccessKey>") })
        #expect(lines.contains { $0.contains("<keyMaterial><REDACTED></keyMaterial>") })
        #expect(lines.contains { $0.contains("Authorization: <REDACTED>") })
        #expect(lines.contains { $0.contains("InvalidKeyPair.Duplicate") })
        let leaks = secrets.filter { secret in lines.contains { $0.contains(secret) } }
        #expect(leaks.isEmpty, "\(leaks.count) secrets leaked into the debug log")
        #expect(!lines.contains { $0.contains("PRIVATE KEY-----\n") })
    }
}
