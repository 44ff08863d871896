import AMIKeyWorkflows
import AWSServices
import Foundation
import SSHKeys
import Synchronization
import Testing

@testable import AMIKeyCLI

/// The seed's story at the SSH level: `LabDemo` with amikey's own AWS client, then the real `ssh` again from here.
@Suite("amikey lab demo: the seed's story", .sharedLab)
struct LabSeedStoryTests {
    static let order = [
        "accounts", "generate-keys", "register-image", "import-key-a", "launch-a", "create-image", "share-image",
        "see-shared-image", "import-key-b", "launch-b", "console", "ssh-new-key", "ssh-original-key", "next",
    ]

    @Test("K_B (B's new key pair) is refused, K_A (the image's original key) is accepted; a re-run on the same lab works")
    func story() async throws {
        let lab = try currentLab()
        let narrated = NarrationLog()
        let report = try await LabDemo(directory: lab.directory).run(lab.context) { narrated.append($0.id) }
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

        // The same, from outside the workflow: ssh with the pinned host keys, each key offered alone.
        let pins = try #require(report.step("console")?.resource("knownHosts"))
        let runner = try #require(lab.context.processes)
        func login(_ key: String) async throws -> ProcessResult {
            let login = SSHLogin(sshConfig: lab.info.sshConfig, knownHosts: pins, key: "\(lab.directory.demoDirectory)/\(key)",
                                 user: "ec2-user", host: host, command: "id -un")
            return try await runner.run(login.command(environment: lab.context.environment))
        }
        #expect(SSHLogin.isPublicKeyRefusal(try await login("K_B")))
        let inside = try await login("K_A")
        #expect(inside.status == 0, "\(inside.standardError)")
        #expect(inside.standardOutput == "ec2-user\n")
        // With a pin that does not match, ssh refuses the host: keys are never accepted blindly.
        let wrongPins = "\(lab.directory.demoDirectory)/known_hosts-wrong"
        try "\(host) \(keyA.openSSHRepresentation())\n".write(toFile: wrongPins, atomically: true, encoding: .utf8)
        let unpinned = try await runner.run(SSHLogin(sshConfig: lab.info.sshConfig, knownHosts: wrongPins,
            key: "\(lab.directory.demoDirectory)/K_A", user: "ec2-user", host: host, command: "true").command(environment: lab.context.environment))
        #expect(unpinned.status == 255)
        #expect(unpinned.standardError.contains("Host key verification failed"))

        for file in ["K_A", "K_B", "K_A.pub", "K_B.pub", "known_hosts-\(instanceId)"] {
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
        #expect(steps.first?.keys == ["step", "account", "summary", "resources", "lines"])
        #expect(!again.allOutput.contains("PRIVATE KEY"))
    }

    static func publicKey(_ lab: TestLab, _ name: String) throws -> SSHPublicKey {
        try SSHPublicKey(openSSHRepresentation: String(contentsOfFile: "\(lab.directory.demoDirectory)/\(name).pub", encoding: .utf8))
    }
}

/// The step ids the progress callback saw, in order.
final class NarrationLog: Sendable {
    private let log = Mutex<[String]>([])
    func append(_ id: String) { log.withLock { $0.append(id) } }
    var ids: [String] { log.withLock { $0 } }
}
