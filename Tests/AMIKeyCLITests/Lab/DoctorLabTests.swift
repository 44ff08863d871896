import AMIKeyTestSupport
import AMIKeyWorkflows
import AWSCore
import AWSServices
import EC2Evidence
import Foundation
import SSHSession
import Testing

@testable import AMIKeyCLI

extension OneLabSuites {
    /// `amikey doctor` through the CLI against the lab's real sshd instances: the seed's instance (an image made from
    /// account A's instance, shared with B, launched by B with its own key pair) and a healthy one (B launches an image
    /// whose cloud-init installs the launch key).
    ///
    /// Isolation: DescribeKeyPairs lists every key pair of an account and region, and the demo suite uses accounts A
    /// and B in the lab's default region, so this suite builds its scenario in ``region`` (the lab keeps instances,
    /// sshd and console output per account and region), for its own AWS clients and for every `amikey doctor` run.
    /// One test with phases: the scenario (three instances, each with its own sshd) is built once.
    @Suite("amikey doctor on the lab's instances, through the CLI")
    struct DoctorLabTests {
        /// Not the lab's default region, where the demo imports key pairs of the same names.
        static let region = LabRegion.doctor

        @Test("seed: launch-key-not-installed naming K_A and old-key; healthy: ok, wrong user; --probe confirms with sshd; no secret leaves")
        func doctor() async throws {
            let lab = try currentLab()
            let scenario = try await DoctorLabScenario.build(lab, region: Self.region)
            let recorder = RecordingTransport(TestLab.transport)
            var cli = scenario.cli
            cli.network = { AWSNetwork(transport: recorder, close: {}) }
            let seedAccounts = ["--profile", "lab-b", "--source-profile", "lab-a", "--region", Self.region]
            let bothKeys = ["--key", scenario.keyA, "--key", scenario.keyB]
            var runs: [CLIRun] = []

            // 1. The seed's instance: console evidence only.
            let seed = await cli.run(["doctor", scenario.seedInstance] + seedAccounts + bothKeys + ["--output", "json"])
            runs.append(seed)
            #expect(seed.status == 1, "\(seed.allOutput)")
            let seedJSON = try seed.json()
            #expect(seedJSON["verdict"]?.string == "launch-key-not-installed")
            let keyA = try #require(Self.accepted(seedJSON, file: scenario.keyA), "\(seed.stdout)")
            #expect(keyA["user"]?.string == "ec2-user")
            #expect(keyA["seenBy"]?.array.compactMap(\.string) == ["console"])
            #expect(Self.matchesKeyPair(keyA, name: "old-key", account: scenario.accountA), "\(seed.stdout)")
            #expect(Self.fileMatch(keyA, scenario.keyA)?["privateKey"]?.bool == true)
            // The launch key pair is nowhere among the accepted keys, and the finding says so.
            #expect(Self.accepted(seedJSON, file: scenario.keyB) == nil)
            #expect(!seedJSON["acceptedKeys"]!.array.contains { Self.matchesKeyPair($0, name: "new-key", account: scenario.accountB) })
            let finding = try #require(seedJSON["findings"]?[0])
            #expect(finding["code"]?.string == "launch-key-not-installed")
            let evidence = finding["evidence"]?.array.compactMap(\.string) ?? []
            #expect(evidence.contains("The launch key new-key is not among them"), "\(evidence)")
            #expect(evidence.contains { $0.contains(scenario.seedImage) && $0.contains("account \(scenario.accountA)") }, "\(evidence)")
            #expect(evidence.contains { $0.contains(scenario.sourceInstance) }, "\(evidence)")
            #expect(seedJSON["image"]?["ownerId"]?.string == scenario.accountA)
            #expect(seedJSON["image"]?["sourceInstanceId"]?.string == scenario.sourceInstance)
            #expect(seedJSON["instance"]?["keyName"]?.string == "new-key")
            #expect(seedJSON["callerAccount"]?.string == scenario.accountB)

            // The same as text: the verdict and the key file, and nothing secret.
            let seedText = await cli.run(["doctor", scenario.seedInstance] + seedAccounts + bothKeys)
            runs.append(seedText)
            #expect(seedText.status == 1, "\(seedText.allOutput)")
            #expect(seedText.stdout.contains("launch-key-not-installed"))
            #expect(seedText.stdout.contains(scenario.keyA))

            // 2. The healthy instance: cloud-init installed new-key, K_B logs in.
            let healthy = await cli.run(["doctor", scenario.healthyInstance, "--profile", "lab-b", "--region", Self.region,
                                         "--key", scenario.keyB, "--output", "json"])
            runs.append(healthy)
            #expect(healthy.status == 0, "\(healthy.allOutput)")
            let healthyJSON = try healthy.json()
            #expect(healthyJSON["verdict"]?.string == "ok")
            let keyB = try #require(Self.accepted(healthyJSON, file: scenario.keyB), "\(healthy.stdout)")
            #expect(Self.matchesKeyPair(keyB, name: "new-key", account: scenario.accountB))

            // 3. The healthy instance, but the user tried is not the one the keys are installed for.
            let ubuntu = await cli.run(["doctor", scenario.healthyInstance, "--profile", "lab-b", "--region", Self.region,
                                        "--key", scenario.keyB, "--user", "ubuntu", "--output", "json"])
            runs.append(ubuntu)
            #expect(ubuntu.status == 1, "\(ubuntu.allOutput)")
            #expect(try ubuntu.json()["verdict"]?.string == "wrong-login-user", "\(ubuntu.stdout)")

            // 4a. --probe: sshd itself accepts K_A (public key only, host key pinned from the console) and refuses K_B.
            let probed = await cli.run(["doctor", scenario.seedInstance] + seedAccounts + bothKeys
                + ["--probe", "--ssh-config", lab.info.sshConfig, "--output", "json"])
            runs.append(probed)
            #expect(probed.status == 1, "\(probed.allOutput)")
            let probedJSON = try probed.json()
            #expect(probedJSON["verdict"]?.string == "launch-key-not-installed")
            let probedA = try #require(Self.accepted(probedJSON, file: scenario.keyA), "\(probed.stdout)")
            #expect(Set(probedA["seenBy"]?.array.compactMap(\.string) ?? []) == ["console", "probe"], "\(probed.stdout)")
            #expect(Self.accepted(probedJSON, file: scenario.keyB) == nil)
            #expect(probedJSON["findings"]?[0]?["evidence"]?.array.compactMap(\.string)
                .contains("sshd, asked with the public key only, refused new-key for ec2-user") == true, "\(probed.stdout)")

            // 4b. --probe alone: the console says nothing, sshd's answers still show the launch key is not installed.
            // The host key comes from the user's own known_hosts (here: an ssh_config naming a pinned file), as
            // doctor only pins from the console when the console has host keys.
            let emptyConsole = try cli.directory.write("empty-console.txt", "")
            let probeOnly = await cli.run(["doctor", scenario.seedInstance] + seedAccounts + bothKeys
                + ["--console-output", emptyConsole, "--probe", "--ssh-config", scenario.pinnedSSHConfig, "--output", "json"])
            runs.append(probeOnly)
            #expect(probeOnly.status == 1, "\(probeOnly.allOutput)")
            let probeOnlyJSON = try probeOnly.json()
            #expect(probeOnlyJSON["verdict"]?.string == "launch-key-not-installed", "\(probeOnly.stdout)")
            let probeOnlyA = try #require(Self.accepted(probeOnlyJSON, file: scenario.keyA), "\(probeOnly.stdout)")
            #expect(probeOnlyA["seenBy"]?.array.compactMap(\.string) == ["probe"])
            #expect(Self.matchesKeyPair(probeOnlyA, name: "old-key", account: scenario.accountA))
            #expect(Self.accepted(probeOnlyJSON, file: scenario.keyB) == nil)

            // 4c. --probe on the healthy instance: sshd accepts K_B.
            let healthyProbe = await cli.run(["doctor", scenario.healthyInstance, "--profile", "lab-b", "--region", Self.region,
                                              "--key", scenario.keyB, "--probe", "--ssh-config", lab.info.sshConfig, "--output", "json"])
            runs.append(healthyProbe)
            #expect(healthyProbe.status == 0, "\(healthyProbe.allOutput)")
            let healthyProbeJSON = try healthyProbe.json()
            #expect(healthyProbeJSON["verdict"]?.string == "ok")
            let probedB = try #require(Self.accepted(healthyProbeJSON, file: scenario.keyB), "\(healthyProbe.stdout)")
            #expect(probedB["seenBy"]?.array.compactMap(\.string).contains("probe") == true, "\(healthyProbe.stdout)")

            // 4d. The public DNS name does not resolve where the user is: the probe asks the public IP next, and the
            // pasteable commands name the address that answered.
            let seedAddresses = try #require(scenario.seedAddresses)
            let unresolvable = try cli.directory.write("ssh_config-unresolvable", """
                Host \(seedAddresses.dns)
                    HostName unresolvable.invalid
                Host *
                Include \(lab.info.sshConfig)

                """)
            let fallback = await cli.run(["doctor", scenario.seedInstance] + seedAccounts + bothKeys
                + ["--probe", "--ssh-config", unresolvable, "--output", "json"])
            runs.append(fallback)
            let fallbackJSON = try fallback.json()
            #expect(fallbackJSON["verdict"]?.string == "launch-key-not-installed", "\(fallback.stdout)")
            let fallbackA = try #require(Self.accepted(fallbackJSON, file: scenario.keyA), "\(fallback.stdout)")
            #expect(fallbackA["seenBy"]?.array.compactMap(\.string).contains("probe") == true, "\(fallback.stdout)")
            let commands = fallbackJSON["findings"]?[0]?["remedies"]?[0]?["commands"]?.array.compactMap(\.string) ?? []
            #expect(commands.first == "ssh -i \(scenario.keyA) ec2-user@\(seedAddresses.ip)", "\(commands)")

            // 5. No private key material in any AWS request or anything doctor printed.
            let bodies = recorder.bodies
            #expect(bodies.count >= runs.count * 4)
            #expect(!bodies.contains { $0.contains("Action=ImportKeyPair") })
            for (name, pieces) in try [("K_A", scenario.secretPieces(scenario.keyA)), ("K_B", scenario.secretPieces(scenario.keyB))] {
                #expect(pieces.count > 5, "\(name)")
                for body in bodies {
                    let decoded = body.removingPercentEncoding ?? body
                    #expect(!pieces.contains { decoded.contains($0) || body.contains($0) }, "\(name) in a request")
                    #expect(!decoded.contains("PRIVATE KEY"))
                }
                for run in runs {
                    #expect(!pieces.contains { run.allOutput.contains($0) }, "\(name) printed")
                    #expect(!run.allOutput.contains("PRIVATE KEY"))
                }
            }
        }

        /// The accepted key that is the key file at `path`.
        static func accepted(_ json: JSON, file path: String) -> JSON? {
            json["acceptedKeys"]?.array.first { fileMatch($0, path) != nil }
        }

        /// The `file` match of an accepted key for the key file at `path`.
        static func fileMatch(_ accepted: JSON, _ path: String) -> JSON? {
            accepted["matches"]?.array.first { $0["kind"]?.string == "file" && $0["source"]?.string == path }
        }

        /// Whether an accepted key is the key pair `name` of `account`.
        static func matchesKeyPair(_ accepted: JSON, name: String, account: String) -> Bool {
            accepted["matches"]?.array.contains {
                $0["kind"]?.string == "key-pair" && $0["name"]?.string == name && $0["account"]?.string == account
            } ?? false
        }
    }
}

/// The seed's story and a healthy launch, made with amikey's own AWS clients in one region of the lab, and K_A / K_B
/// made by ssh-keygen in the CLI's directory.
struct DoctorLabScenario {
    /// The CLI the doctor runs with: lab.json's AWS files, no AWS_* variables of the test runner.
    var cli: CLI
    let keyA: String
    let keyB: String
    let accountA: String
    let accountB: String
    /// A's instance the seed's image was made from.
    let sourceInstance: String
    let seedImage: String
    /// B's instance from the seed's image, launched with new-key.
    let seedInstance: String
    /// B's instance from the base image (cloud-init installs the launch key), launched with new-key.
    let healthyInstance: String
    /// The lab's ssh_config with a known_hosts file holding the seed instance's host keys (from its console).
    let pinnedSSHConfig: String
    /// The seed instance's public DNS name and IP.
    let seedAddresses: (dns: String, ip: String)?

    static func build(_ lab: TestLab, region: String) async throws -> DoctorLabScenario {
        var cli = try CLI()
        cli.variables = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        cli.variables["AWS_CONFIG_FILE"] = try #require(lab.info.awsConfigFile)
        cli.variables["AWS_SHARED_CREDENTIALS_FILE"] = try #require(lab.info.awsCredentialsFile)
        for name in ["K_A", "K_B"] {
            try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", cli.directory.path(name)])
        }
        let lineA = try String(contentsOfFile: cli.directory.path("K_A.pub"), encoding: .utf8)
        let lineB = try String(contentsOfFile: cli.directory.path("K_B.pub"), encoding: .utf8)

        var info = lab.info
        info.region = region
        let access = try #require(lab.context.aws)
        let accounts = try await LabAccounts.open(info, access: access)
        let (a, b) = (accounts.a, accounts.b)
        let run = String(UUID().uuidString.prefix(8)).lowercased()

        let base = try await a.send(EC2.registerImage(.init(
            name: "doctor-lab-base-\(run)", description: "cloud-init installs the launch key",
            tagSpecifications: [.init(resourceType: "image", tags: [
                .init(key: "amikey-lab:login-user", value: "ec2-user"), .init(key: "amikey-lab:cloud-init-ssh", value: "true"),
            ])]))).imageId
        try await a.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [base])))
        _ = try await a.importKeyPair(.init(keyName: "old-key", publicKeyMaterial: Array(lineA.utf8)))
        let source = try await launch(a, image: base, keyName: "old-key")
        let seedImage = try await a.createImage(.init(
            instanceId: source.instanceId, name: "doctor-lab-seed-\(run)", description: "the seed's image",
            tagSpecifications: [.init(resourceType: "image", tags: [.init(key: "amikey-lab:cloud-init-ssh", value: "false")])])).imageId
        try await a.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [seedImage])))
        for image in [seedImage, base] {
            _ = try await a.send(EC2.modifyImageAttribute(.init(imageId: image, add: [.account(accounts.accountB)])))
        }

        _ = try await b.importKeyPair(.init(keyName: "new-key", publicKeyMaterial: Array(lineB.utf8)))
        let seed = try await launch(b, image: seedImage, keyName: "new-key")
        let healthy = try await launch(b, image: base, keyName: "new-key")

        // What a user who once connected has: the host keys in a known_hosts file their ssh_config names.
        let console = ConsoleLog.parse(try await b.send(EC2.getConsoleOutput(.init(instanceId: seed.instanceId))).text ?? "")
        #expect(!console.hostPublicKeys.isEmpty, "no host keys in \(seed.instanceId)'s console output in \(region)")
        // Both names: the probe asks the public DNS name when there is one, a user may have connected to the IP.
        let names = [seed.publicDnsName, seed.publicIpAddress].compactMap { $0 }.filter { !$0.isEmpty }
        #expect(!names.isEmpty)
        let pins = try cli.directory.write("known_hosts", names.map {
            KnownHosts.lines(hostPublicKeys: console.hostPublicKeys, host: $0, port: nil)
        }.joined())
        let config = try cli.directory.write("ssh_config", "UserKnownHostsFile \(pins)\nInclude \(lab.info.sshConfig)\n")

        return DoctorLabScenario(
            cli: cli, keyA: cli.directory.path("K_A"), keyB: cli.directory.path("K_B"), accountA: accounts.accountA,
            accountB: accounts.accountB, sourceInstance: source.instanceId, seedImage: seedImage, seedInstance: seed.instanceId,
            healthyInstance: healthy.instanceId, pinnedSSHConfig: config,
            seedAddresses: seed.publicDnsName.flatMap { dns in seed.publicIpAddress.map { (dns, $0) } })
    }

    /// RunInstances, then waits until the instance runs, with a public IP.
    static func launch(_ aws: AWSServiceClient, image: String, keyName: String) async throws -> EC2.Instance {
        let reservation = try await aws.send(EC2.runInstances(.init(imageId: image, instanceType: "t3.micro", keyName: keyName)))
        let id = try #require(reservation.instances.first?.instanceId)
        let describe = EC2.describeInstances(.init(instanceIds: [id]))
        try await aws.wait(EC2.Waiters.instanceRunning, polling: describe)
        let instance = try #require(try await aws.send(describe).reservations.flatMap(\.instances).first)
        #expect(instance.publicIpAddress != nil)
        return instance
    }

    /// 16-character pieces of the private key file's base64 body, except those that also occur in its public line
    /// (the OpenSSH private key format repeats the public key), so any printing or sending of the secret shows.
    func secretPieces(_ path: String) throws -> [String] {
        let body = Array(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined())
        let publicLine = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        return stride(from: 0, to: body.count - 16, by: 16).map { String(body[$0..<($0 + 16)]) }.filter { !publicLine.contains($0) }
    }
}
