import AWSCore
import AWSServices
import EC2Evidence
import Foundation
import SSHSession

/// `amikey lab demo`: the seed's story on a running lab with amikey's own AWS client and the real `ssh`.
///
/// Account A registers a base image, imports K_A as key pair `old-key` and launches an instance; it creates the
/// seed's image from it (cloud-init's ssh module off) and shares it with account B. B imports K_B as `new-key`
/// and launches from the shared image. `ssh -i K_B` is refused ("Permission denied (publickey)"); `amikey doctor`
/// finds why (`launch-key-not-installed`: only K_A, A's `old-key`, is in `authorized_keys`). Then the fixes, each
/// ending in a real login: fix 1, `ssh -i K_A` gets in; fix 2, `amikey import-key` puts K_A's public key in B as
/// `old-key`, `amikey relaunch` replaces the refused instance with one launched with it, and `ssh -i K_A` gets in there;
/// fix 3, `amikey repair` installs K_B into the refused instance itself and `ssh -i K_B` gets in, K_A kept. Then the
/// move done right from the start: `amikey migrate` takes A's source instance to B — image shared, the source key
/// pair's public key in B under its name `old-key`, a new instance launched with it — and `ssh -i K_A` logs in there.
///
/// ## Usage
/// ```swift
/// let report = try await LabDemo(directory: LabDirectory(path: dir)).run(context) { step in print(step.summary) }
/// report.step("ssh-original-key")?.lines        // hostname and authorized_keys, read over SSH with K_A
/// report.step("doctor")?.resource("verdict")     // launch-key-not-installed
/// report.step("fix2-relaunch")?.resource("instanceId")   // the replacement, launched with key pair old-key
/// report.step("repair-ssh")?.resource("status")          // "0": K_B logs in to the repaired instance
/// report.step("migrate")?.resource("instanceId")         // A's source instance, migrated to B with key pair old-key
/// report.step("migrate-ssh")?.resource("status")         // "0": K_A logs in to the migrated instance
/// ```
public struct LabDemo: Sendable {
    /// The running lab's directory.
    public var directory: LabDirectory
    /// The login user of the lab's images.
    public var loginUser = "ec2-user"

    /// A demo for the lab in `directory`.
    public init(directory: LabDirectory) {
        self.directory = directory
    }

    /// Runs every step, calling `progress` as each one ends.
    ///
    /// - Throws: ``LabFailure``: `not-running`; `demo-failed` naming the step and what to do; `story-not-reproduced`
    ///   when ssh did not refuse K_B or did not accept K_A (on the refused instance, its replacement or the migrated one).
    public func run(_ context: WorkflowContext, progress: @escaping @Sendable (LabDemoStep) -> Void = { _ in }) async throws(LabFailure)
        -> LabDemoReport
    {
        guard let processes = context.processes, let access = context.aws else {
            throw LabFailure(code: "no-runner", message: "this command cannot start programs or reach the network here")
        }
        let info = try directory.info(context.fileSystem)
        var steps: [LabDemoStep] = []
        func record(_ step: LabDemoStep) {
            steps.append(step)
            progress(step)
        }
        var story = Story(demo: self, info: info, context: context, processes: processes, record: record)
        do {
            try await story.tell(access)
        } catch let failure as LabFailure {
            throw failure
        } catch let failure as DoctorFailure {
            throw LabFailure(code: "demo-failed", message: "\(story.current) failed: \(failure.description)")
        } catch {
            let failure = AWSFailure(error)
            throw LabFailure(
                code: "demo-failed",
                message: "\(story.current) failed: \(failure.message); \"amikey lab status --dir \(directory.path)\" "
                    + "shows the lab, and its log is \(directory.logFile)")
        }
        return LabDemoReport(steps: steps)
    }
}

/// The demo's steps, sharing the accounts, keys and ids they make.
private struct Story {
    let demo: LabDemo
    let info: LabInfo
    let context: WorkflowContext
    /// Host keys pinned from console output, and the real `ssh`.
    let ssh: LabDemoSSH
    let record: (LabDemoStep) -> Void
    /// What is being done now, for a failure message.
    var current = "opening the accounts"

    init(demo: LabDemo, info: LabInfo, context: WorkflowContext, processes: any ProcessRunner, record: @escaping (LabDemoStep) -> Void) {
        self.demo = demo
        self.info = info
        self.context = context
        self.ssh = LabDemoSSH(info: info, directory: demo.directory, loginUser: demo.loginUser, context: context, processes: processes)
        self.record = record
    }

    mutating func tell(_ access: AWSAccess) async throws {
        let accounts = try await LabAccounts.open(info, access: access)
        let (a, b) = (accounts.a, accounts.b)
        let roleArn = info.accounts.b.roleArn ?? ""
        record(.init(id: "accounts", account: nil,
                     summary: "Account A is \(accounts.accountA); account B is \(accounts.accountB), reached by AssumeRole into \(roleArn)",
                     resources: [("accountA", accounts.accountA), ("accountB", accounts.accountB), ("endpoint", info.endpoint)]))

        current = "writing the demo keys"
        let keysDirectory = demo.directory.demoDirectory
        do { try context.fileSystem.createDirectory(keysDirectory, mode: 0o700) } catch {
            throw LabFailure(code: "demo-failed", message: "cannot create \(keysDirectory): \(error)")
        }
        let keyA = try LabDemoKeys.load("K_A", in: keysDirectory, context.fileSystem)
        let keyB = try LabDemoKeys.load("K_B", in: keysDirectory, context.fileSystem)
        let made = keyA.generated || keyB.generated ? "Generated" : "Reusing"
        record(.init(id: "generate-keys", account: nil,
                     summary: "\(made) K_A \(keyA.publicKey.sha256Fingerprint) and K_B \(keyB.publicKey.sha256Fingerprint) (Ed25519) in \(keysDirectory)",
                     resources: [("K_A", keyA.privateKeyPath), ("K_B", keyB.privateKeyPath)]))

        let run = String(UUID().uuidString.prefix(8)).lowercased()
        current = "RegisterImage in account A"
        let base = try await a.send(EC2.registerImage(.init(
            name: "amikey-lab-base-\(run)", description: "a base image whose cloud-init installs the launch key",
            tagSpecifications: [.init(resourceType: "image", tags: [
                .init(key: "amikey-lab:login-user", value: demo.loginUser), .init(key: "amikey-lab:cloud-init-ssh", value: "true"),
            ])]))).imageId
        try await a.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [base])))
        record(.init(id: "register-image", account: "A",
                     summary: "A registered base image \(base) (cloud-init installs the launch key pair's key)",
                     resources: [("imageId", base)]))

        current = "ImportKeyPair old-key in account A"
        let oldKey = try await a.importKeyPair(.init(keyName: "old-key", publicKeyMaterial: Array(keyA.publicLine.utf8)))
        record(.init(id: "import-key-a", account: "A",
                     summary: "A imported K_A's public key as key pair old-key (\(oldKey.keyFingerprint ?? "no fingerprint"))",
                     resources: [("keyName", "old-key")] + (oldKey.keyPairId.map { [("keyPairId", $0)] } ?? [])))

        current = "RunInstances in account A"
        let source = try await launch(a, image: base, keyName: "old-key")
        record(.init(id: "launch-a", account: "A",
                     summary: "A launched \(source.instanceId) from \(base) with key pair old-key; running at \(source.publicIpAddress ?? "?")",
                     resources: [("instanceId", source.instanceId), ("publicIp", source.publicIpAddress ?? "")]))

        current = "CreateImage in account A"
        let seedImage = try await a.createImage(.init(
            instanceId: source.instanceId, name: "amikey-lab-seed-\(run)",
            description: "the seed's image: cloud-init does not install the launch key",
            tagSpecifications: [.init(resourceType: "image", tags: [.init(key: "amikey-lab:cloud-init-ssh", value: "false")])])).imageId
        try await a.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [seedImage])))
        record(.init(id: "create-image", account: "A",
                     summary: "A created \(seedImage) from \(source.instanceId), tagged amikey-lab:cloud-init-ssh=false (the seed's image); it is available",
                     resources: [("imageId", seedImage)]))

        current = "ModifyImageAttribute in account A"
        _ = try await a.send(EC2.modifyImageAttribute(.init(imageId: seedImage, add: [.account(accounts.accountB)])))
        record(.init(id: "share-image", account: "A",
                     summary: "A shared \(seedImage) with account \(accounts.accountB) (launch permission)",
                     resources: [("imageId", seedImage), ("sharedWith", accounts.accountB)]))

        current = "DescribeImages in account B"
        let shared = try await b.send(EC2.describeImages(.init(imageIds: [seedImage]))).images.first
        record(.init(id: "see-shared-image", account: "B",
                     summary: "B sees \(seedImage), owned by \(shared?.ownerId ?? "?")",
                     resources: [("imageId", seedImage), ("ownerId", shared?.ownerId ?? "")]))

        current = "ImportKeyPair new-key in account B"
        let newKey = try await b.importKeyPair(.init(keyName: "new-key", publicKeyMaterial: Array(keyB.publicLine.utf8)))
        record(.init(id: "import-key-b", account: "B",
                     summary: "B imported K_B's public key as key pair new-key (\(newKey.keyFingerprint ?? "no fingerprint"))",
                     resources: [("keyName", "new-key")] + (newKey.keyPairId.map { [("keyPairId", $0)] } ?? [])))

        current = "RunInstances in account B"
        let target = try await launch(b, image: seedImage, keyName: "new-key")
        let host = target.publicIpAddress ?? ""
        record(.init(id: "launch-b", account: "B",
                     summary: "B launched \(target.instanceId) from the shared \(seedImage) with key pair new-key; running at \(host)",
                     resources: [("instanceId", target.instanceId), ("publicIp", host)]))

        current = "GetConsoleOutput in account B"
        let (console, pins) = try await ssh.pinHostKeys(b, instanceId: target.instanceId, host: host)
        record(.init(id: "console", account: "B",
                     summary: "B read \(target.instanceId)'s console output: \(console.hostPublicKeys.count) host keys pinned in \(pins); the keys cloud-init's table says it accepts:",
                     resources: [("instanceId", target.instanceId), ("knownHosts", pins)], lines: Self.tableLines(console)))

        current = "ssh with K_B"
        let refused = try await ssh.login(keyB, host: host, pins: pins, command: "true")
        guard SSHLogin.isPublicKeyRefusal(status: refused.status, standardError: refused.standardError) else {
            throw LabFailure(code: "story-not-reproduced",
                             message: "ssh -i K_B was expected to be refused but ended with status \(refused.status): \(refused.standardError)")
        }
        record(.init(id: "ssh-new-key", account: "B",
                     summary: "ssh -i K_B \(demo.loginUser)@\(host) (B's new key pair new-key): refused",
                     resources: [("key", keyB.privateKeyPath)], lines: LabDemoSSH.lines(refused.standardError)))

        current = "amikey doctor"
        let doctor = LabDemoDoctor(info: info, directory: demo.directory)
        let keyFiles = [keyA.privateKeyPath, keyB.privateKeyPath]
        let diagnosis = try await doctor.run(instanceId: target.instanceId, keys: keyFiles, context: context)
        guard diagnosis.verdict == .launchKeyNotInstalled else {
            throw LabFailure(code: "story-not-reproduced",
                             message: "amikey doctor was expected to find launch-key-not-installed but found \(diagnosis.verdict.rawValue)")
        }
        record(doctor.step(diagnosis, instanceId: target.instanceId, keys: keyFiles))

        current = "ssh with K_A"
        let accepted = try await ssh.login(keyA, host: host, pins: pins, command: "hostname && cat ~/.ssh/authorized_keys")
        guard accepted.status == 0 else {
            throw LabFailure(code: "story-not-reproduced",
                             message: "ssh -i K_A was expected to log in but ended with status \(accepted.status): \(accepted.standardError)")
        }
        record(.init(id: "ssh-original-key", account: "B",
                     summary: "Fix 1: ssh -i K_A \(demo.loginUser)@\(host) (A's original key): logged in; hostname and ~/.ssh/authorized_keys:",
                     resources: [("key", keyA.privateKeyPath)], lines: LabDemoSSH.lines(accepted.standardOutput)))

        let fix2 = LabDemoFix2(ssh: ssh)
        current = "amikey import-key in account B"
        record(try await fix2.importKey(keyA, a: a, b: b, context: context))
        current = "amikey relaunch in account B"
        let relaunched = try await fix2.relaunch(target.instanceId, b: b, context: context)
        record(relaunched.step)
        current = "ssh with K_A into the relaunched instance"
        record(try await fix2.login(keyA, into: relaunched.instance, b: b))

        let fix3 = LabDemoRepair(ssh: ssh)
        current = "amikey repair in account B"
        record(try await fix3.repair(target.instanceId, keyB: keyB, context: context))
        current = "ssh with K_B into the repaired instance"
        record(try await fix3.login(keyB, keyA: keyA, into: target.instanceId, b: b))

        let migration = LabDemoMigrate(ssh: ssh)
        current = "amikey migrate from account A to account B"
        let migrated = try await migration.migrate(source.instanceId, keyA: keyA, b: b, context: context)
        record(migrated.step)
        current = "ssh with K_A into the migrated instance"
        record(try await migration.login(keyA, into: migrated.instance, b: b))

        record(.init(id: "next", account: nil,
                     summary: "The image carried A's authorized_keys, so B's key pair new-key was never installed. Fix 1 logged in with K_A; "
                        + "fix 2 imported K_A's public key into B as old-key and relaunched \(target.instanceId) as \(relaunched.instance.instanceId) with it; "
                        + "fix 3 installed K_B into \(target.instanceId) itself, keeping K_A. Done right from the start, amikey migrate moved "
                        + "\(source.instanceId) from A to B as \(migrated.instance.instanceId), launched with old-key — the source's key pair, K_A — "
                        + "and ssh -i K_A logged in there"))
    }

    /// One line per authorized key cloud-init listed: user, type, fingerprint, comment.
    static func tableLines(_ console: ConsoleEvidence) -> [String] {
        console.authorizedKeys.flatMap { table in
            table.rows.isEmpty
                ? ["\(table.user): no authorized keys"]
                : table.rows.map { "\(table.user) (\(table.file ?? "?"), \(table.hash ?? "?")): \($0.type) \($0.fingerprint) \($0.comment ?? "-")" }
        }
    }

    /// RunInstances, then waits until the instance runs and returns it as DescribeInstances shows it.
    private func launch(_ aws: AWSServiceClient, image: String, keyName: String) async throws -> EC2.Instance {
        let reservation = try await aws.send(EC2.runInstances(.init(imageId: image, instanceType: "t3.micro", keyName: keyName)))
        guard let id = reservation.instances.first?.instanceId else {
            throw LabFailure(code: "demo-failed", message: "RunInstances from \(image) returned no instance")
        }
        let describe = EC2.describeInstances(.init(instanceIds: [id]))
        try await aws.wait(EC2.Waiters.instanceRunning, polling: describe)
        guard let instance = try await aws.send(describe).reservations.flatMap(\.instances).first, instance.publicIpAddress != nil else {
            throw LabFailure(code: "demo-failed", message: "\(id) is running but has no public IP to ssh to")
        }
        return instance
    }
}
