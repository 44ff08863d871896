import AMIKeyWorkflows
import AWSCore
import AWSServices
import Foundation
import SSHKeys
import SSHSession
import Synchronization
import Testing

@testable import AMIKeyCLI

extension OneLabSuites {
    /// The seed's story at the SSH level: `LabDemo` with amikey's own AWS client, then the real `ssh` again from here.
    /// Its fixed accounts A and B and key pair names are used by no other suite on this lab.
    @Suite("amikey lab demo: the seed's story")
    struct LabSeedStoryTests {
        static let order = [
            "accounts", "generate-keys", "register-image", "import-key-a", "launch-a", "create-image", "share-image",
            "see-shared-image", "import-key-b", "launch-b", "console", "ssh-new-key", "doctor", "ssh-original-key",
            "fix2-import-key", "fix2-relaunch", "fix2-ssh", "repair", "repair-ssh", "migrate", "migrate-ssh", "next",
        ]

        @Test("K_B (B's new key pair) is refused, K_A (the image's original key) is accepted, also on the instance fix 2 relaunched; repair lets K_B in, keeping K_A; migrate moves A's instance to B with old-key and K_A logs in; a re-run on the same lab works")
        func story() async throws {
            let lab = try currentLab()
            let narrated = NarrationLog()
            let recorder = RecordingTransport(lab.context.aws?.transport ?? TestLab.transport)
            var context = lab.context
            context.aws?.transport = recorder
            let report = try await LabDemo(directory: lab.directory).run(context) { narrated.append($0.id) }
            #expect(report.steps.map(\.id) == Self.order)
            #expect(narrated.ids == Self.order)

            let keyA = try Self.publicKey(lab, "K_A")
            let keyB = try Self.publicKey(lab, "K_B")
            let target = try #require(report.step("launch-b"))
            let host = try #require(target.resource("publicIp"))
            let instanceId = try #require(target.resource("instanceId"))
            #expect(report.step("see-shared-image")?.resource("ownerId") == lab.info.accounts.a.accountId)
            #expect(report.step("create-image")?.resource("imageId") == report.step("share-image")?.resource("imageId"))

            // The console's table names K_A only: the image carried A's authorized_keys and cloud-init added nothing.
            let table = try #require(report.step("console")?.lines)
            #expect(table.contains { $0.contains(keyA.cloudInitFingerprint()) })
            #expect(!table.contains { $0.contains(keyB.cloudInitFingerprint()) })

            // ssh's own words, one line (its CRLF is one line ending, not a blank line after it).
            #expect(report.step("ssh-new-key")?.lines == ["ec2-user@127.0.0.1: Permission denied (publickey)."])
            let accepted = try #require(report.step("ssh-original-key")?.lines)
            #expect(accepted.contains { $0.hasPrefix(keyA.openSSHRepresentation()) })
            #expect(!accepted.contains { $0.contains(keyB.openSSHRepresentation()) })
            #expect(report.step("ssh-original-key")?.summary.hasPrefix("Fix 1: ssh -i K_A") == true)

            // The same, from outside the workflow: ssh with the pinned host keys, each key offered alone.
            let pins = try #require(report.step("console")?.resource("knownHosts"))
            let runner = try #require(lab.context.processes)
            func login(_ key: String, host: String, pins: String) async throws -> ProcessResult {
                let login = SSHLogin(sshConfig: lab.info.sshConfig, knownHosts: pins, key: "\(lab.directory.demoDirectory)/\(key)",
                                     user: "ec2-user", host: host, command: "id -un")
                return try await runner.run(ProcessCommand("ssh", login.arguments, environment: lab.context.environment))
            }
            // The refused instance was repaired (fix 3): at its new address both keys get in.
            let repaired = try #require(report.step("repair-ssh"))
            #expect(repaired.resource("instanceId") == instanceId)
            #expect(repaired.resource("status") == "0")
            #expect(report.step("repair")?.resource("status") == "installed")
            #expect(repaired.lines.contains { $0.hasPrefix(keyA.openSSHRepresentation()) })
            #expect(repaired.lines.contains { $0.hasPrefix(keyB.openSSHRepresentation()) })
            let repairedHost = try #require(try await lab.accounts().b.send(EC2.describeInstances(.init(instanceIds: [instanceId]))).instances.first?.publicIpAddress)
            #expect(repairedHost != host, "a stop and start gives a new public IP")
            let repairedPins = "\(lab.directory.demoDirectory)/known_hosts-\(instanceId)"
            for key in ["K_B", "K_A"] {
                let inside = try await login(key, host: repairedHost, pins: repairedPins)
                #expect(inside.status == 0, "\(key) on the repaired instance: \(inside.standardError)")
                #expect(inside.standardOutput == "ec2-user\n")
            }
            // Into fix 2's replacement, with its own pins: K_A gets in, K_B still does not (it was not repaired).
            let newHost = try #require(report.step("fix2-relaunch")?.resource("publicIp"))
            let newPins = try #require(report.step("fix2-ssh")?.resource("knownHosts"))
            #expect(newPins != pins)
            let refusedThere = try await login("K_B", host: newHost, pins: newPins)
            #expect(SSHLogin.isPublicKeyRefusal(status: refusedThere.status, standardError: refusedThere.standardError))
            let insideThere = try await login("K_A", host: newHost, pins: newPins)
            #expect(insideThere.status == 0, "\(insideThere.standardError)")
            #expect(insideThere.standardOutput == "ec2-user\n")
            // With a pin that does not match, ssh refuses the host: keys are never accepted blindly.
            let wrongPins = "\(lab.directory.demoDirectory)/known_hosts-wrong"
            try "\(newHost) \(keyA.openSSHRepresentation())\n".write(toFile: wrongPins, atomically: true, encoding: .utf8)
            let unpinnedLogin = SSHLogin(sshConfig: lab.info.sshConfig, knownHosts: wrongPins,
                key: "\(lab.directory.demoDirectory)/K_A", user: "ec2-user", host: newHost, command: "true")
            let unpinned = try await runner.run(ProcessCommand("ssh", unpinnedLogin.arguments, environment: lab.context.environment))
            #expect(unpinned.status == 255)
            #expect(unpinned.standardError.contains("Host key verification failed"))

            // Fix 2: B's old-key is K_A's public key, the same key as A's old-key; the replacement is another instance,
            // launched with it from the same image, and ssh -i K_A logged in there (status 0, K_A in authorized_keys).
            let imported = try #require(report.step("fix2-import-key"))
            #expect(imported.resource("status") == "imported")
            #expect(imported.resource("keyFingerprint") == keyA.awsImportedFingerprint)
            #expect(imported.resource("sha256") == keyA.sha256Fingerprint)
            let accounts = try await lab.accounts()
            for client in [accounts.a, accounts.b] {
                let pair = try #require(try await client.send(EC2.describeKeyPairs(.init(keyNames: ["old-key"], includePublicKey: true))).keyPairs.first)
                #expect(pair.keyFingerprint == keyA.awsImportedFingerprint)
                #expect(try SSHPublicKey(openSSHRepresentation: try #require(pair.publicKey)).sha256Fingerprint == keyA.sha256Fingerprint)
            }
            let relaunched = try #require(report.step("fix2-relaunch"))
            let newId = try #require(relaunched.resource("instanceId"))
            #expect(relaunched.resource("sourceInstanceId") == instanceId)
            #expect(newId != instanceId)
            #expect(relaunched.resource("imageId") == report.step("share-image")?.resource("imageId"))
            let replacement = try #require(try await accounts.b.send(EC2.describeInstances(.init(instanceIds: [newId]))).instances.first)
            #expect(replacement.keyName == "old-key")
            #expect(replacement.state.name == "running")
            let fixed = try #require(report.step("fix2-ssh"))
            #expect(fixed.resource("instanceId") == newId)
            #expect(fixed.resource("status") == "0")
            #expect(fixed.lines.contains { $0.hasPrefix(keyA.openSSHRepresentation()) })
            #expect(!fixed.lines.contains { $0.contains(keyB.openSSHRepresentation()) })
            #expect(report.step("next")?.summary.contains(newId) == true)

            // Migrate: A's source instance moved to B as a new instance launched with key pair old-key, which is K_A's
            // key (already there from fix 2, the same key, so not imported again); ssh -i K_A logs in there.
            let sourceId = try #require(report.step("launch-a")?.resource("instanceId"))
            let migrate = try #require(report.step("migrate"))
            let migratedId = try #require(migrate.resource("instanceId"))
            #expect(migrate.resource("sourceInstanceId") == sourceId)
            #expect(migrate.resource("status") == "migrated")
            #expect(migrate.resource("keyName") == "old-key")
            #expect(migrate.resource("keyPairImported") == "false")
            #expect(migrate.resource("sha256") == keyA.sha256Fingerprint)
            #expect(migrate.resource("imageId") != report.step("create-image")?.resource("imageId"))
            #expect(migrate.resource("verification")?.contains("console table lists old-key") == true)
            #expect(migrate.resource("verification")?.contains("accepts the key") == true)
            #expect(migrate.lines.first?.hasPrefix("$ amikey migrate \(sourceId) --source-profile lab-a --target-profile lab-b --probe") == true)
            #expect(![instanceId, newId].contains(migratedId))
            let moved = try #require(try await accounts.b.send(EC2.describeInstances(.init(instanceIds: [migratedId]))).instances.first)
            #expect(moved.keyName == "old-key")
            #expect(moved.state.name == "running")
            #expect(moved.imageId == migrate.resource("imageId"))
            #expect(moved.tags.contains { $0.key == "amikey:migrated-from" && $0.value == sourceId })
            let migratedLogin = try #require(report.step("migrate-ssh"))
            #expect(migratedLogin.resource("instanceId") == migratedId)
            #expect(migratedLogin.resource("status") == "0")
            #expect(migratedLogin.lines.contains { $0.hasPrefix(keyA.openSSHRepresentation()) })
            let movedHost = try #require(moved.publicIpAddress)
            let movedPins = try #require(migratedLogin.resource("knownHosts"))
            let insideMoved = try await login("K_A", host: movedHost, pins: movedPins)
            #expect(insideMoved.status == 0, "ssh -i K_A into the migrated instance: \(insideMoved.standardError)")
            #expect(insideMoved.standardOutput == "ec2-user\n")
            #expect(report.step("next")?.summary.contains(migratedId) == true)

            // Only public keys went to AWS: ImportKeyPair carried the .pub lines, and no request held any piece of a
            // private key file (its base64 body cut into 16-character pieces, so no encoding or wrapping hides one).
            let bodies = recorder.bodies
            let imports = bodies.filter { $0.contains("Action=ImportKeyPair") }
            // A's old-key, B's new-key, fix 2's import-key of K_A into B, and migrate's import of the source's old-key
            // into B (found there with the same key).
            #expect(imports.count == 4)
            for (name, key) in [("K_A", keyA), ("K_B", keyB)] {
                #expect(imports.contains { $0.contains("PublicKeyMaterial=") && $0.contains(Self.percentEncoded(Array(key.openSSHRepresentation(comment: name).utf8))) })
                let secret = try String(contentsOfFile: "\(lab.directory.demoDirectory)/\(name)", encoding: .utf8)
                    .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
                let pieces = stride(from: 0, to: secret.count - 16, by: 16).map { String(Array(secret)[$0..<($0 + 16)]) }
                #expect(pieces.count > 10)
                for body in bodies {
                    let decoded = body.removingPercentEncoding ?? body
                    #expect(!pieces.contains { decoded.contains($0) || body.contains($0) })
                    #expect(!decoded.contains("PRIVATE KEY"))
                }
            }

            for file in ["K_A", "K_B", "K_A.pub", "K_B.pub", "known_hosts-\(instanceId)", "known_hosts-\(newId)", "known_hosts-\(migratedId)"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: "\(lab.directory.demoDirectory)/\(file)")
                #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file)")
            }

            // Again on the same lab, through the CLI: the keys and key pairs are reused, new images and instances made.
            var cli = try CLI()
            cli.variables = ProcessInfo.processInfo.environment
            let again = await cli.run("lab", "demo", "--dir", lab.directory.path, "--output", "json")
            #expect(again.status == 0, "\(again.allOutput)")
            let steps = try again.json()["steps"]?.array ?? []
            #expect(steps.compactMap { $0["step"]?.string } == Self.order)
            #expect(steps[1]["summary"]?.string?.hasPrefix("Reusing K_A") == true)
            #expect(steps[9]["resources"]?["instanceId"]?.string != instanceId)
            // Fix 2 again: old-key is already in B with the same key, which is success; another replacement, another login.
            let rerun = Dictionary(uniqueKeysWithValues: steps.compactMap { step in step["step"]?.string.map { ($0, step) } })
            #expect(rerun["fix2-import-key"]?["resources"]?["status"]?.string == "already-present")
            #expect(rerun["fix2-import-key"]?["resources"]?["keyFingerprint"]?.string == keyA.awsImportedFingerprint)
            let againSource = rerun["fix2-relaunch"]?["resources"]?["sourceInstanceId"]?.string
            #expect(againSource == steps[9]["resources"]?["instanceId"]?.string)
            #expect(rerun["fix2-relaunch"]?["resources"]?["instanceId"]?.string.map { $0 != newId && $0 != againSource } == true)
            #expect(rerun["fix2-ssh"]?["resources"]?["status"]?.string == "0")
            #expect(rerun["repair"]?["resources"]?["status"]?.string == "installed")
            #expect(rerun["repair-ssh"]?["resources"]?["status"]?.string == "0")
            // Migrate again: a new source instance, so a new migration; old-key in B is still K_A, not imported again.
            let againMigrate = rerun["migrate"]?["resources"]
            let againSourceA = rerun["launch-a"]?["resources"]?["instanceId"]?.string
            #expect(againSourceA != sourceId)
            #expect(againMigrate?["sourceInstanceId"]?.string == againSourceA)
            #expect(againMigrate?["status"]?.string == "migrated")
            #expect(againMigrate?["keyName"]?.string == "old-key")
            #expect(againMigrate?["keyPairImported"]?.string == "false")
            #expect(againMigrate?["sha256"]?.string == keyA.sha256Fingerprint)
            let againMigrated = try #require(againMigrate?["instanceId"]?.string)
            #expect(againMigrated != migratedId)
            let movedAgain = try #require(try await accounts.b.send(EC2.describeInstances(.init(instanceIds: [againMigrated]))).instances.first)
            #expect(movedAgain.keyName == "old-key")
            #expect(rerun["migrate-ssh"]?["resources"]?["instanceId"]?.string == againMigrated)
            #expect(rerun["migrate-ssh"]?["resources"]?["status"]?.string == "0")
            #expect(steps.first?.keys == ["step", "account", "summary", "resources", "lines"])
            #expect(!again.allOutput.contains("PRIVATE KEY"))
        }

        /// ImportKeyPair's PublicKeyMaterial as it appears in a request body: base64, then form-encoded.
        static func percentEncoded(_ bytes: [UInt8]) -> String {
            Data(bytes).base64EncodedString().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        }

        static func publicKey(_ lab: TestLab, _ name: String) throws -> SSHPublicKey {
            try SSHPublicKey(openSSHRepresentation: String(contentsOfFile: "\(lab.directory.demoDirectory)/\(name).pub", encoding: .utf8))
        }
    }
}

/// The step ids the progress callback saw, in order.
final class NarrationLog: Sendable {
    private let log = Mutex<[String]>([])
    func append(_ id: String) { log.withLock { $0.append(id) } }
    var ids: [String] { log.withLock { $0 } }
}

/// Passes requests on and keeps their bodies, so tests can see exactly what was sent.
final class RecordingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let sent = Mutex<[String]>([])

    init(_ inner: any HTTPTransport) {
        self.inner = inner
    }

    /// Every request body, in order.
    var bodies: [String] { sent.withLock { $0 } }

    func send(_ request: HTTPTransportRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        sent.withLock { $0.append(String(decoding: request.body, as: UTF8.self)) }
        return try await inner.send(request, timeout: timeout)
    }
}
