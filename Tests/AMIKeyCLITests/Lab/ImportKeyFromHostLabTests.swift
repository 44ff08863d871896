import AMIKeyTestSupport
import AMIKeyWorkflows
import AWSCore
import AWSServices
import EC2Evidence
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyCLI

extension OneLabSuites {
    /// The seed's step 1 on the lab: B's instance from A's shared image lets K_A in, so `import-key --from-host` logs in
    /// with K_A through the lab's ssh_config (its HostKeyAlias is the public IP), the host key pinned from the
    /// instance's console output, and imports what its `authorized_keys` holds into account B.
    ///
    /// Isolation: its own region, where it builds the seed's scenario with ``DoctorLabScenario``.
    @Suite("amikey import-key --from-host on the lab's seed instance")
    struct ImportKeyFromHostLabTests {
        static let region = LabRegion.importFromHost

        @Test("K_A's public key is read from the seed instance and imported into B; nothing of K_A's private key is sent")
        func seedStepOne() async throws {
            let lab = try currentLab()
            let scenario = try await DoctorLabScenario.build(lab, region: Self.region)
            var info = lab.info
            info.region = Self.region
            let b = try await LabAccounts.open(info, access: try #require(lab.context.aws)).b
            let instance = try #require(try await b.send(EC2.describeInstances(.init(instanceIds: [scenario.seedInstance])))
                .reservations.flatMap(\.instances).first)
            let host = try #require(instance.publicIpAddress)
            let output = try await b.send(EC2.getConsoleOutput(.init(instanceId: scenario.seedInstance))).text ?? ""
            _ = try scenario.cli.directory.write("console.txt", output)
            let keyA = try SSHPublicKey(openSSHRepresentation: try String(contentsOfFile: scenario.keyA + ".pub", encoding: .utf8))

            let recorder = RecordingTransport(TestLab.transport)
            var cli = scenario.cli
            cli.network = { AWSNetwork(transport: recorder, close: {}) }
            let source = ["--from-host", "ec2-user@\(host)", "-i", scenario.keyA, "--ssh-config", lab.info.sshConfig,
                          "--profile", "lab-b", "--region", Self.region, "--output", "json"]
            let run = await cli.run(["import-key", "--name", "original", "--console-output", "console.txt", "--all"] + source)
            #expect(run.status == 0, "\(run.allOutput)")
            let items = try run.json().array
            let item = try #require(items.first { $0["sha256"]?.string == keyA.sha256Fingerprint }, "\(run.stdout)")
            #expect(item["status"]?.string == "imported")
            #expect(item["source"]?.string?.hasPrefix("host:ec2-user@\(host):") == true)

            // The same key through --host-key (the Ed25519 fingerprint the console prints) is already there.
            let fingerprint = try #require(ConsoleLog.parse(output).hostKeys.first { $0.type == "ED25519" }?.fingerprint)
            let line = try #require(item["source"]?.string?.split(separator: ":").last.map(String.init))
            let name = try #require(item["keyName"]?.string)
            let again = await cli.run(["import-key", "--name", name, "--host-key", fingerprint, "--line", line] + source)
            #expect(again.status == 0, "\(again.allOutput)")
            #expect(try again.json()[0]?["status"]?.string == "already-present")

            let pairs = try await b.send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
            let described = try SSHPublicKey(openSSHRepresentation: try #require(pairs.keyPairs.first?.publicKey))
            #expect(described.wireRepresentation == keyA.wireRepresentation)
            let secrets = try scenario.secretPieces(scenario.keyA)
            #expect(!secrets.isEmpty && !recorder.bodies.isEmpty)
            for body in recorder.bodies {
                #expect(!body.contains("PRIVATE"))
                for piece in secrets { #expect(!body.contains(piece)) }
            }
        }
    }
}
