import AMIKeyTestSupport
import AMIKeyWorkflows
import AWSCore
import AWSServices
import EC2Evidence
import Foundation
import SSHKeys
import SSHSession
import Testing

@testable import AMIKeyCLI

extension OneLabSuites {
    /// The seed's fix 2 carried out on the lab: B imports the original public key (K_A's) as `old-key`, relaunches the
    /// seed's instance with it, and a real `ssh -i K_A` logs in to the new instance, its host key pinned from the new
    /// instance's console.
    ///
    /// Isolation: its own region (the demo uses the default one, doctor's lab test eu-west-1), where it builds the
    /// seed's scenario with ``DoctorLabScenario`` and imports `old-key` into account B.
    @Suite("amikey relaunch on the lab's seed instance, through the CLI")
    struct RelaunchLabTests {
        static let region = LabRegion.relaunch

        @Test("import K_A's public key as old-key in B, relaunch the seed instance with it: ssh -i K_A logs in to the new instance")
        func relaunch() async throws {
            let lab = try currentLab()
            let scenario = try await DoctorLabScenario.build(lab, region: Self.region)
            var info = lab.info
            info.region = Self.region
            let b = try await LabAccounts.open(info, access: try #require(lab.context.aws)).b
            let lineA = try String(contentsOfFile: scenario.keyA + ".pub", encoding: .utf8)
            let keyA = try SSHPublicKey(openSSHRepresentation: lineA)

            // Seed fix 2, steps 1-4, with the product's client: only the public line is sent.
            _ = try await b.importKeyPair(.init(keyName: "old-key", publicKeyMaterial: Array(lineA.utf8)))

            // Step 5: the relaunch, through the CLI.
            let recorder = RecordingTransport(TestLab.transport)
            var cli = scenario.cli
            cli.network = { AWSNetwork(transport: recorder, close: {}) }
            let accountB = ["--profile", "lab-b", "--region", Self.region]
            let run = await cli.run(["relaunch", scenario.seedInstance, "--key-pair", "old-key", "--output", "json"] + accountB)
            #expect(run.status == 0, "\(run.allOutput)")
            let json = try run.json()
            #expect(json["status"]?.string == "launched")
            #expect(json["sourceInstanceId"]?.string == scenario.seedInstance)
            #expect(json["imageId"]?.string == scenario.seedImage)
            let newId = try #require(json["instanceId"]?.string)
            #expect(newId != scenario.seedInstance)

            // The new instance: from the shared image, with old-key; the old one still runs with new-key.
            let instances = try await b.send(EC2.describeInstances(.init(instanceIds: [newId, scenario.seedInstance]))).instances
            let replacement = try #require(instances.first { $0.instanceId == newId })
            let old = try #require(instances.first { $0.instanceId == scenario.seedInstance })
            #expect(replacement.keyName == "old-key")
            #expect(replacement.imageId == scenario.seedImage)
            #expect(replacement.state.name == "running")
            #expect(old.keyName == "new-key")
            #expect(old.state.name == "running")

            // DescribeKeyPairs shows the same key as K_A.
            let pairs = try await b.send(EC2.describeKeyPairs(.init(keyNames: ["old-key"], includePublicKey: true)))
            let pair = try #require(pairs.keyPairs.first)
            let described = try SSHPublicKey(openSSHRepresentation: try #require(pair.publicKey))
            #expect(described.openSSHRepresentation() == keyA.openSSHRepresentation())
            #expect(pair.keyFingerprint == keyA.awsImportedFingerprint)

            // A real ssh -i K_A into the NEW instance, its host keys pinned from its own console output.
            let console = ConsoleLog.parse(try await b.send(EC2.getConsoleOutput(.init(instanceId: newId))).text ?? "")
            #expect(!console.hostPublicKeys.isEmpty, "no host keys in \(newId)'s console output")
            let host = try #require(replacement.publicIpAddress)
            let pins = try cli.directory.write(
                "known_hosts-relaunched", KnownHosts.lines(hostPublicKeys: console.hostPublicKeys, host: host, port: nil))
            let login = SSHLogin(sshConfig: lab.info.sshConfig, knownHosts: pins, key: scenario.keyA, user: "ec2-user",
                                 host: host, command: "id -un")
            let runner = try #require(lab.context.processes)
            let inside = try await runner.run(ProcessCommand("ssh", login.arguments, environment: lab.context.environment))
            #expect(inside.status == 0, "\(inside.standardError)")
            #expect(inside.standardOutput == "ec2-user\n")

            // Nothing secret left the machine: no piece of K_A's private key in any request or in the output.
            let pieces = try scenario.secretPieces(scenario.keyA)
            for body in recorder.bodies {
                let decoded = body.removingPercentEncoding ?? body
                #expect(!pieces.contains { decoded.contains($0) || body.contains($0) })
            }
            #expect(!pieces.contains { run.allOutput.contains($0) })
        }
    }
}
