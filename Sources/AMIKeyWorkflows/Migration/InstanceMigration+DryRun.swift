import AWSCore
import AWSServices

extension InstanceMigration {
    /// `--dry-run`: reads the source as step 1 does, then asks AWS (DryRun=true) whether each call on resources that
    /// already exist is permitted; calls on resources the migration has yet to create (the image, B's copy) cannot be
    /// asked that way and are listed as such. Nothing is created or changed.
    func dryRun() async -> MigrationReport.Item {
        var steps: [WorkflowStep] = []
        var denied: [String] = []
        func answer(_ id: String, _ call: String, _ outcome: () async throws -> DryRunOutcome) async {
            do {
                switch try await outcome() {
                case .permitted:
                    steps.append(.init(id: id, summary: "\(call): permitted (DryRun)", state: .planned))
                case .denied(let error):
                    denied.append(call)
                    steps.append(.init(id: id, summary: "\(call): not permitted — \(error.code): \(error.message ?? "")", state: .planned))
                }
            } catch {
                denied.append(call)
                steps.append(.init(id: id, summary: "\(call): could not be asked — \(AWSFailure(error).message)", state: .planned))
            }
        }
        let journal: MigrationJournal
        do {
            journal = try await describe()
            steps.append(.init(id: "describe", summary: "read \(instanceId): key pair \(journal.keyName ?? "none"), instance type \(journal.instanceType ?? "?")", state: .done))
        } catch {
            return MigrationReport.Item(instanceId: instanceId, status: "failed", steps: steps, failure: error as? AWSFailure ?? AWSFailure(error))
        }
        await answer("create-image", "CreateImage of \(instanceId) in \(accounts.source)") {
            try await source.dryRun(EC2.createImage(.init(instanceId: instanceId, name: "amikey-dry-run-\(instanceId)", dryRun: true)))
        }
        steps.append(.init(id: "share", summary: "ModifyImageAttribute (share with \(accounts.target)): cannot be asked before the image exists", state: .skipped))
        if let keyName = journal.keyName, let publicKey = journal.publicKey {
            await answer("import-key", "ImportKeyPair \(keyName) in \(accounts.target) (\(targetRegion))") {
                try await target.dryRun(EC2.importKeyPair(.init(keyName: keyName, publicKeyMaterial: Array(publicKey.utf8), dryRun: true)))
            }
        }
        if request.copies {
            steps.append(.init(id: "copy-image", summary: "CopyImage in \(accounts.target): cannot be asked before the shared image exists", state: .skipped))
        }
        steps.append(.init(id: "launch", summary: "RunInstances in \(accounts.target): cannot be asked before the image is shared with it", state: .skipped))
        var item = MigrationReport.Item(instanceId: instanceId, status: "dry-run", steps: steps)
        item.keyName = journal.keyName
        if !denied.isEmpty {
            item.failure = AWSFailure(
                code: "dry-run-denied",
                message: "not permitted: \(denied.joined(separator: "; ")); grant these to the profiles' principals before migrating")
        }
        return item
    }
}
