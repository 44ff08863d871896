import AMIKeyTestSupport
import AMIKeyWorkflows
import AWSServices
import Foundation
import Testing

@testable import AMIKeyCLI

extension OneLabSuites {
    /// The user-data method's journal against a real `kill -9`: the built `amikey` binary is killed right after each
    /// step it records (the `AMIKEY_TEST_KILL_AFTER` hook sends SIGKILL to itself, as an outside kill would), then
    /// run again; every time the repair finishes, the key logs in and the original user data is back byte for byte.
    @Suite("amikey repair --method user-data killed after every step, then run again")
    struct RepairJournalLabTests {
        static let region = LabRegion.repairJournal
        static let phases = ["saved", "stopped", "user-data-set", "started", "confirmed", "stopped-again", "restored", "finished"]

        @Test("kill -9 after each step; the re-run finishes; original user data restored; every key kept")
        func killed() async throws {
            let lab = try currentLab()
            let scenario = try await RepairLabScenario.build(lab, region: Self.region)
            let original = Array("#cloud-config\n# the instance's own user data\nruncmd: [[echo, kept]]\n".utf8)
            let instance = try await scenario.launchSeedInstance(userData: original)
            let binary = try ExecutableTests.executable()
            let directory = scenario.doctor.cli.directory
            var environment = scenario.doctor.cli.variables
            environment["HOME"] = directory.path
            func repair(_ key: String, killAfter phase: String? = nil) throws -> Oracle.Outcome {
                var variables = environment
                if let phase { variables["AMIKEY_TEST_KILL_AFTER"] = phase }
                return try Oracle.execute(binary, [
                    "repair", instance, "--key", key + ".pub", "--method", "user-data", "--ssh-config", lab.info.sshConfig,
                    "--journal-dir", scenario.journals, "--profile", "lab-b", "--region", Self.region,
                ], environment: variables)
            }
            let journal = scenario.journals + "/repair-\(Self.region)-\(instance).json"
            var installed: [String] = []
            for (index, phase) in Self.phases.enumerated() {
                let key = directory.path("K_\(index)")
                try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "K_\(index)", "-f", key])

                let killed = try repair(key, killAfter: phase)
                #expect(killed.status == SIGKILL, "killed after \(phase): \(killed.stderr)")
                #expect(FileManager.default.fileExists(atPath: journal), "the journal survives a kill after \(phase)")

                if phase == "stopped" {
                    // Another key while a repair is unfinished: refused, and the journal is left alone.
                    let other = try repair(scenario.doctor.keyB)
                    #expect(other.status == 3)
                    #expect(other.stderr.contains("unfinished"), "\(other.stderr)")
                }

                let resumed = try repair(key)
                #expect(resumed.status == 0, "re-run after a kill after \(phase): \(resumed.stderr)")
                #expect(resumed.stderr.contains("resumed: resuming the repair recorded in \(journal) after \(phase == "finished" ? "restored" : phase)"))
                #expect(!FileManager.default.fileExists(atPath: journal), "the journal is removed once finished")
                let userData = try await scenario.b.send(EC2.describeInstanceAttribute(.init(instanceId: instance, attribute: "userData")))
                #expect(userData.userData == original, "original user data after a kill after \(phase)")
                let login = try await scenario.login(key, instance, command: "cat ~/.ssh/authorized_keys")
                #expect(login.status == 0, "K_\(index) after a kill after \(phase): \(login.standardError) -- \(resumed.stderr)")
                installed.append(try scenario.publicLine(key))
                for line in installed + [try scenario.publicLine(scenario.doctor.keyA)] {
                    #expect(login.standardOutput.contains(line), "every key installed so far is still there (after \(phase))")
                }
            }
        }

        @Test("the instance's user data is amikey's but the journal is gone: refused, with where to look")
        func journalMissing() async throws {
            let lab = try currentLab()
            let scenario = try await RepairLabScenario.build(lab, region: LabRegion.repairJournalMissing)
            let instance = try await scenario.launchSeedInstance(userData: nil)
            var variables = scenario.doctor.cli.variables
            variables["AMIKEY_TEST_KILL_AFTER"] = "user-data-set"
            let arguments = ["repair", instance, "--key-pair", "new-key", "--method", "user-data", "--journal-dir", scenario.journals,
                             "--profile", "lab-b", "--region", LabRegion.repairJournalMissing]
            let killed = try Oracle.execute(try ExecutableTests.executable(), arguments, environment: variables)
            #expect(killed.status == SIGKILL)
            try FileManager.default.removeItem(atPath: scenario.journals + "/repair-\(LabRegion.repairJournalMissing)-\(instance).json")
            let rerun = await scenario.doctor.cli.run(arguments)
            #expect(rerun.status == 3)
            #expect(rerun.stderr.contains("is amikey's repair user data, but there is no journal"), "\(rerun.stderr)")
        }
    }
}
