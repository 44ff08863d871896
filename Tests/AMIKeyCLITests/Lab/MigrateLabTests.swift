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
    /// `amikey migrate` on the lab: the seed's story done right from the start — A's instance moves to B with the key
    /// pair that logs in under its own name — and a migration killed after every journaled step finishes on a re-run
    /// with exactly one image, one key pair and one instance.
    @Suite("amikey migrate on the lab, through the CLI")
    struct MigrateLabTests {
        static func accounts(_ region: String) -> [String] {
            ["--source-profile", "lab-a", "--target-profile", "lab-b", "--region", region]
        }

        @Test("A's instance moves to B: key pair old-key in B is K_A, ssh -i K_A logs in, a re-run changes nothing")
        func migrate() async throws {
            let lab = try currentLab()
            let region = LabRegion.migrate
            let scenario = try await RepairLabScenario.build(lab, region: region)
            let source = scenario.doctor.sourceInstance
            let cli = scenario.doctor.cli
            let run = await cli.run(["migrate", source, "--probe", "--ssh-config", lab.info.sshConfig, "--journal-dir", scenario.journals,
                                     "--source-key", scenario.doctor.keyA, "--output", "json"] + Self.accounts(region))
            #expect(run.status == 0, "\(run.allOutput)")
            let json = try run.json()
            #expect(json["sourceAccount"]?.string == scenario.doctor.accountA)
            #expect(json["targetAccount"]?.string == scenario.doctor.accountB)
            let item = try #require(json["instances"]?.array.first)
            #expect(item["status"]?.string == "migrated")
            #expect(item["keyName"]?.string == "old-key")
            #expect(item["keyPairImported"]?.bool == true)
            #expect(item["verification"]?.string?.contains("console table lists old-key") == true)
            #expect(item["verification"]?.string?.contains("accepts the key") == true)
            #expect(item["steps"]?.array.first { $0["id"]?.string == "encryption" }?["summary"]?.string
                    == "the snapshots are not encrypted: nothing to share but the image")
            let target = try #require(item["targetInstanceId"]?.string)
            let keyA = try SSHPublicKey(openSSHRepresentation: String(contentsOfFile: scenario.doctor.keyA + ".pub", encoding: .utf8))
            #expect(item["bakedKeys"]?.array.first?.string?.contains(keyA.cloudInitFingerprint()) == true)
            #expect(item["liveKeys"]?.array.compactMap(\.string) == ["ED25519 \(keyA.sha256Fingerprint) old-key"], "read over SSH with K_A (cloud-init wrote the key pair name as its comment)")

            // B's key pair has the source's name and is K_A; the new instance was launched with it.
            let pair = try #require(try await scenario.b.send(EC2.describeKeyPairs(.init(keyNames: ["old-key"], includePublicKey: true))).keyPairs.first)
            #expect(try SSHPublicKey(openSSHRepresentation: try #require(pair.publicKey)).sha256Fingerprint == keyA.sha256Fingerprint)
            let launched = try #require(try await scenario.b.send(EC2.describeInstances(.init(instanceIds: [target]))).instances.first)
            #expect(launched.keyName == "old-key")
            #expect(launched.imageId == item["imageId"]?.string)
            #expect(launched.tags.contains { $0.key == "amikey:migrated-from" && $0.value == source })
            let login = try await scenario.login(scenario.doctor.keyA, target)
            #expect(login.status == 0, "ssh -i K_A into the migrated instance: \(login.standardError)")

            // Again: reported, not repeated.
            let again = await cli.run(["migrate", source, "--journal-dir", scenario.journals, "--output", "json"] + Self.accounts(region))
            #expect(again.status == 0, "\(again.allOutput)")
            let second = try #require(try again.json()["instances"]?.array.first)
            #expect(second["status"]?.string == "already-migrated")
            #expect(second["targetInstanceId"]?.string == target)
            #expect(try await Self.migrated(from: source, scenario) == (images: 1, instances: 1))

            // Without its journal (another --journal-dir), the tag on B's instance stops a second migration.
            let elsewhere = await cli.run(["migrate", source, "--journal-dir", cli.directory.path("elsewhere")] + Self.accounts(region))
            #expect(elsewhere.status == 3)
            #expect(elsewhere.stdout.contains("\(source) was already migrated: \(target) in \(scenario.doctor.accountB) is tagged amikey:migrated-from=\(source)"), "\(elsewhere.allOutput)")
            #expect(try await Self.migrated(from: source, scenario) == (images: 1, instances: 1))
        }

        @Test("killed after every step, the re-run finishes: one image, one key pair, one instance, and K_A logs in")
        func resume() async throws {
            let lab = try currentLab()
            let region = LabRegion.migrateResume
            let scenario = try await RepairLabScenario.build(lab, region: region)
            var info = lab.info
            info.region = region
            let a = try await LabAccounts.open(info, access: try #require(lab.context.aws)).a
            let binary = try ExecutableTests.executable()
            let phases = ["described", "image-requested", "image-available", "encryption-checked", "shared", "key-imported", "launch-requested", "running", "verified"]
            for phase in phases {
                let source = try await DoctorLabScenario.launch(a, image: scenario.doctor.seedImage, keyName: "old-key").instanceId
                let arguments = ["migrate", source, "--journal-dir", scenario.journals] + Self.accounts(region)
                var variables = scenario.doctor.cli.variables
                variables["AMIKEY_TEST_KILL_AFTER"] = phase
                let killed = try Oracle.execute(binary, arguments, environment: variables)
                #expect(killed.status == SIGKILL, "killed after \(phase): \(killed.stderr)")

                let resumed = await scenario.doctor.cli.run(arguments + ["--output", "json"])
                #expect(resumed.status == 0, "re-run after a kill after \(phase): \(resumed.allOutput)")
                let item = try #require(try resumed.json()["instances"]?.array.first)
                #expect(item["status"]?.string == (phase == "verified" ? "already-migrated" : "migrated"), "after \(phase)")
                #expect(try await Self.migrated(from: source, scenario) == (images: 1, instances: 1), "after a kill after \(phase)")
                let target = try #require(item["targetInstanceId"]?.string)
                #expect(try await scenario.login(scenario.doctor.keyA, target).status == 0, "K_A after a kill after \(phase)")
            }
            let pairs = try await scenario.b.send(EC2.describeKeyPairs(.init(keyNames: ["old-key"]))).keyPairs
            #expect(pairs.count == 1)
        }

        @Test("--target-region: B copies the shared image into another region, imports old-key there, and ssh -i K_A logs in")
        func copyToAnotherRegion() async throws {
            let lab = try currentLab()
            let (from, to) = (LabRegion.migrateCopySource, LabRegion.migrateCopyTarget)
            let scenario = try await RepairLabScenario.build(lab, region: from)
            let source = scenario.doctor.sourceInstance
            let arguments = ["migrate", source, "--target-region", to, "--journal-dir", scenario.journals] + Self.accounts(from)

            let plan = await scenario.doctor.cli.run(arguments + ["--plan"])
            #expect(plan.status == 0, "\(plan.allOutput)")
            #expect(plan.stdout.contains("copies the shared image into \(to)"), "\(plan.stdout)")

            let run = await scenario.doctor.cli.run(arguments + ["--output", "json"])
            #expect(run.status == 0, "\(run.allOutput)")
            let json = try run.json()
            #expect(json["targetRegion"]?.string == to)
            let item = try #require(json["instances"]?.array.first)
            #expect(item["status"]?.string == "migrated")
            let copy = try #require(item["copiedImageId"]?.string)
            #expect(copy != item["imageId"]?.string)
            let target = try #require(item["targetInstanceId"]?.string)

            var info = lab.info
            info.region = to
            let b = try await LabAccounts.open(info, access: try #require(lab.context.aws)).b
            let copied = try #require(try await b.send(EC2.describeImages(.init(imageIds: [copy]))).images.first)
            #expect(copied.ownerId == scenario.doctor.accountB, "B owns its copy")
            let launched = try #require(try await b.send(EC2.describeInstances(.init(instanceIds: [target]))).instances.first)
            #expect(launched.imageId == copy)
            #expect(launched.keyName == "old-key")
            let keyA = try SSHPublicKey(openSSHRepresentation: String(contentsOfFile: scenario.doctor.keyA + ".pub", encoding: .utf8))
            let pair = try #require(try await b.send(EC2.describeKeyPairs(.init(keyNames: ["old-key"], includePublicKey: true))).keyPairs.first)
            #expect(try SSHPublicKey(openSSHRepresentation: try #require(pair.publicKey)).sha256Fingerprint == keyA.sha256Fingerprint)
            let there = RepairLabScenario(lab: lab, doctor: scenario.doctor, b: b, journals: scenario.journals)
            let login = try await there.login(scenario.doctor.keyA, target)
            #expect(login.status == 0, "ssh -i K_A into the copy's instance in \(to): \(login.standardError)")
        }

        @Test("--dry-run asks AWS whether CreateImage and ImportKeyPair are permitted and creates nothing")
        func dryRun() async throws {
            let lab = try currentLab()
            let region = LabRegion.migrateDryRun
            let scenario = try await RepairLabScenario.build(lab, region: region)
            var info = lab.info
            info.region = region
            let a = try await LabAccounts.open(info, access: try #require(lab.context.aws)).a
            let source = try await DoctorLabScenario.launch(a, image: scenario.doctor.seedImage, keyName: "old-key").instanceId
            let run = await scenario.doctor.cli.run(["migrate", source, "--dry-run", "--journal-dir", scenario.journals] + Self.accounts(region))
            #expect(run.status == 0, "\(run.allOutput)")
            #expect(run.stdout.contains("CreateImage of \(source) in \(scenario.doctor.accountA): permitted (DryRun)"), "\(run.stdout)")
            #expect(run.stdout.contains("ImportKeyPair old-key in \(scenario.doctor.accountB) (\(region)): permitted (DryRun)"))
            #expect(run.stdout.contains("RunInstances in \(scenario.doctor.accountB): cannot be asked before the image is shared with it"))
            #expect(run.stdout.contains("Dry run: nothing was changed."))
            #expect(try await Self.migrated(from: source, scenario) == (images: 0, instances: 0))
            #expect(!FileManager.default.fileExists(atPath: scenario.journals + "/migrate-\(scenario.doctor.accountA)-\(region)-\(source).json"))
        }

        @Test("three instances in one command: each migrated once, one key pair, a failing one does not stop the others")
        func fleet() async throws {
            let lab = try currentLab()
            let region = LabRegion.migrateFleet
            let scenario = try await RepairLabScenario.build(lab, region: region)
            var info = lab.info
            info.region = region
            let a = try await LabAccounts.open(info, access: try #require(lab.context.aws)).a
            var sources: [String] = []
            for _ in 0..<3 {
                sources.append(try await DoctorLabScenario.launch(a, image: scenario.doctor.seedImage, keyName: "old-key").instanceId)
            }
            let missing = "i-00000000000000000"
            let run = await scenario.doctor.cli.run(["migrate"] + sources + [missing, "--journal-dir", scenario.journals, "--output", "json"]
                                                    + Self.accounts(region))
            #expect(run.status == 3, "one instance does not exist: \(run.allOutput)")
            let items = try #require(try run.json()["instances"]?.array)
            #expect(items.compactMap { $0["instanceId"]?.string } == sources + [missing], "in the order given")
            #expect(items.prefix(3).allSatisfy { $0["status"]?.string == "migrated" })
            #expect(items.last?["status"]?.string == "failed")
            #expect(items.last?["error"]?["code"]?.string == "InvalidInstanceID.NotFound")
            #expect(items.prefix(3).filter { $0["keyPairImported"]?.bool == true }.count == 1, "old-key imported once, found by the others")
            for source in sources {
                #expect(try await Self.migrated(from: source, scenario) == (images: 1, instances: 1), "\(source)")
            }
            #expect(try await scenario.b.send(EC2.describeKeyPairs(.init(keyNames: ["old-key"]))).keyPairs.count == 1)
        }

        /// The images in A and the instances in B (not terminated) tagged as migrated from `source`.
        static func migrated(from source: String, _ scenario: RepairLabScenario) async throws -> (images: Int, instances: Int) {
            var info = scenario.lab.info
            info.region = scenario.b.region
            let a = try await LabAccounts.open(info, access: try #require(scenario.lab.context.aws)).a
            let tag = EC2.Filter(name: "tag:amikey:migrated-from", values: [source])
            let images = try await a.send(EC2.describeImages(.init(owners: ["self"], filters: [tag]))).images
            let instances = try await scenario.b.send(EC2.describeInstances(.init(filters: [tag]))).instances
                .filter { $0.state.name != "terminated" }
            return (images.count, instances.count)
        }
    }
}
