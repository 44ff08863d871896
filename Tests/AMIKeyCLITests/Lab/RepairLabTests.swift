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
    /// `amikey repair` carried out on the lab's seed instances (launched in B with new-key from A's image, so only
    /// K_A logs in): after each method K_B, the launch key, gets in through the real sshd, and K_A still does.
    ///
    /// Isolation: each test has its own region, where it builds the seed's scenario with ``DoctorLabScenario``.
    @Suite("amikey repair on the lab's seed instances, through the CLI")
    struct RepairLabTests {
        static func accountB(_ region: String) -> [String] { ["--profile", "lab-b", "--region", region] }

        @Test("user-data, ssm and instance-connect each install K_B and keep K_A; user data restored byte for byte; no private key sent",
              arguments: [("user-data", LabRegion.repairUserData), ("ssm", LabRegion.repairSSM), ("instance-connect", LabRegion.repairInstanceConnect)])
        func repair(_ method: String, _ region: String) async throws {
            let lab = try currentLab()
            let scenario = try await RepairLabScenario.build(lab, region: region)
            // The user data a real instance might have: a script and bytes that are not UTF-8.
            let original = Array("#!/bin/bash\necho 'original user data of the \(method) test'\n".utf8) + [0xFF, 0x00, 0x0A]
            let instance = try await scenario.launchSeedInstance(userData: original)
            let before = try await scenario.login(scenario.doctor.keyB, instance)
            #expect(before.status == 255, "K_B must be refused before the repair: \(before.standardError)")

            let recorder = RecordingTransport(TestLab.transport)
            var cli = scenario.doctor.cli
            cli.network = { AWSNetwork(transport: recorder, close: {}) }
            // The private key file is given on purpose: only its public half may leave.
            let run = await cli.run(["repair", instance, "--key", scenario.doctor.keyB, "--method", method,
                                     "--ssh-config", lab.info.sshConfig, "--journal-dir", scenario.journals,
                                     "--output", "json"] + Self.accountB(region))
            #expect(run.status == 0, "\(run.allOutput)")
            let json = try run.json()
            #expect(json["status"]?.string == "installed")
            #expect(json["user"]?.string == "ec2-user")
            #expect(json["method"]?.string == method)
            #expect(json["confirmation"]?.string?.isEmpty == false)
            #expect(run.stderr.contains("done: "), "progress for every step")

            let after = try await scenario.login(scenario.doctor.keyB, instance, command: "cat ~/.ssh/authorized_keys")
            #expect(after.status == 0, "K_B after the repair: \(after.standardError)")
            let keyA = try scenario.publicLine(scenario.doctor.keyA)
            let keyB = try scenario.publicLine(scenario.doctor.keyB)
            #expect(after.standardOutput.contains(keyA), "K_A is kept")
            #expect(after.standardOutput.components(separatedBy: keyB).count == 2, "K_B once")
            #expect(try await scenario.login(scenario.doctor.keyA, instance).status == 0, "K_A still logs in")

            let userData = try await scenario.b.send(EC2.describeInstanceAttribute(.init(instanceId: instance, attribute: "userData")))
            #expect(userData.userData == original, "the original user data, byte for byte")
            let state = try await scenario.b.send(EC2.describeInstances(.init(instanceIds: [instance]))).instances.first?.state.name
            #expect(state == "running")
            #expect(try FileManager.default.contentsOfDirectory(atPath: scenario.journals).filter { $0.contains(instance) }.isEmpty)

            let pieces = try scenario.doctor.secretPieces(scenario.doctor.keyB)
            #expect(pieces.count > 5)
            for body in recorder.bodies {
                let decoded = body.removingPercentEncoding ?? body
                #expect(!pieces.contains { decoded.contains($0) || body.contains($0) }, "K_B's private key in a request")
                #expect(!decoded.contains("PRIVATE KEY"))
            }
            #expect(!pieces.contains { run.allOutput.contains($0) })

            // Again: nothing to do, and nothing is duplicated.
            let again = await cli.run(["repair", instance, "--key-pair", "new-key", "--method", method,
                                       "--ssh-config", lab.info.sshConfig, "--journal-dir", scenario.journals,
                                       "--output", "json"] + Self.accountB(region))
            #expect(again.status == 0, "\(again.allOutput)")
            #expect(try again.json()["status"]?.string == "already-present")
            let twice = try await scenario.login(scenario.doctor.keyB, instance, command: "cat ~/.ssh/authorized_keys")
            #expect(twice.standardOutput == after.standardOutput)
        }

        @Test("--plan lists the steps and changes nothing; a stopped instance is refused by ssm and instance-connect")
        func plan() async throws {
            let lab = try currentLab()
            let region = LabRegion.repairPlan
            let scenario = try await RepairLabScenario.build(lab, region: region)
            let instance = try await scenario.launchSeedInstance(userData: nil)
            let run = await scenario.doctor.cli.run(["repair", instance, "--key-pair", "new-key", "--method", "user-data",
                                                     "--plan"] + Self.accountB(region))
            #expect(run.status == 0, "\(run.allOutput)")
            #expect(run.stdout.contains("[plan] stop \(instance)"))
            #expect(run.stdout.contains("Plan only: nothing was changed"))
            let state = try await scenario.b.send(EC2.describeInstances(.init(instanceIds: [instance]))).instances.first?.state.name
            #expect(state == "running")
            #expect(try await scenario.login(scenario.doctor.keyB, instance).status == 255)

            // A stopped instance: SSM and Instance Connect cannot reach it, and say what to use instead.
            _ = try await scenario.b.send(EC2.stopInstances(.init(instanceIds: [instance])))
            try await scenario.b.wait(EC2.Waiters.instanceStopped, polling: EC2.describeInstances(.init(instanceIds: [instance])))
            for (method, message) in [
                ("ssm", "Systems Manager cannot run commands on \(instance)"),
                ("instance-connect", "\(instance) is stopped and has no address to log in to; start it, or use --method user-data"),
            ] {
                let refused = await scenario.doctor.cli.run(["repair", instance, "--key-pair", "new-key", "--method", method] + Self.accountB(region))
                #expect(refused.status == 3)
                #expect(refused.stderr.contains(message), "\(method): \(refused.stderr)")
            }
            #expect(try await scenario.b.send(EC2.describeInstances(.init(instanceIds: [instance]))).instances.first?.state.name == "stopped")
        }
    }
}

/// A seed scenario plus the helpers the repair tests use: launching more seed instances and logging in with a
/// pinned host key.
struct RepairLabScenario {
    let lab: TestLab
    let doctor: DoctorLabScenario
    /// Account B's client in the scenario's region.
    let b: AWSServiceClient
    /// The journal directory the CLI runs use.
    let journals: String

    /// The seed's scenario in `region` (one per test: key pair names are per region).
    static func build(_ lab: TestLab, region: String) async throws -> RepairLabScenario {
        let doctor = try await DoctorLabScenario.build(lab, region: region)
        var info = lab.info
        info.region = region
        let b = try await LabAccounts.open(info, access: try #require(lab.context.aws)).b
        let journals = doctor.cli.directory.path("journals")
        try FileManager.default.createDirectory(atPath: journals, withIntermediateDirectories: true)
        return RepairLabScenario(lab: lab, doctor: doctor, b: b, journals: journals)
    }

    /// Another instance like the seed's: from A's shared image, launched in B with new-key.
    func launchSeedInstance(userData: [UInt8]?) async throws -> String {
        let reservation = try await b.send(EC2.runInstances(.init(
            imageId: doctor.seedImage, instanceType: "t3.micro", keyName: "new-key", userData: userData)))
        let id = try #require(reservation.instances.first?.instanceId)
        try await b.wait(EC2.Waiters.instanceRunning, polling: EC2.describeInstances(.init(instanceIds: [id])))
        return id
    }

    /// A real `ssh -i key` to the instance's current address, host keys pinned from its console output.
    func login(_ key: String, _ instance: String, command: String = "id -un") async throws -> ProcessResult {
        let described = try await b.send(EC2.describeInstances(.init(instanceIds: [instance]))).instances.first
        let host = try #require(described?.publicIpAddress)
        let console = ConsoleLog.parse(try await b.send(EC2.getConsoleOutput(.init(instanceId: instance))).text ?? "")
        let pins = try doctor.cli.directory.write(
            "known_hosts-\(instance)-\(UUID().uuidString.prefix(6))",
            KnownHosts.lines(hostPublicKeys: console.hostPublicKeys, host: host, port: nil))
        let login = SSHLogin(sshConfig: lab.info.sshConfig, knownHosts: pins, key: key, user: "ec2-user", host: host, command: command)
        let runner = try #require(lab.context.processes)
        return try await runner.run(ProcessCommand("ssh", login.arguments, environment: lab.context.environment))
    }

    /// The OpenSSH public key line (without comment) of a private key file's `.pub`.
    func publicLine(_ privateKey: String) throws -> String {
        try SSHPublicKey(openSSHRepresentation: String(contentsOfFile: privateKey + ".pub", encoding: .utf8)).openSSHRepresentation()
    }
}
