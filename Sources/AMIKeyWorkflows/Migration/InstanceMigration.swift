import AWSCore
import AWSServices
import EC2Evidence
import Foundation
import SSHKeys

/// One instance's migration as a journaled state machine: describe the source and its keys → CreateImage (found
/// again by its request tag) → share it with B → import the source key pair's public key into B under the same name
/// → RunInstances in B (found again by its client token) → check from outside. Each step is recorded before and
/// after the call that creates something, and each is safe to repeat, so a re-run after any crash finishes the
/// migration with exactly one image, one key pair and one instance.
struct InstanceMigration {
    let request: MigrationRequest
    let instanceId: String
    let source: AWSServiceClient
    let target: AWSServiceClient
    let accounts: (source: String, target: String)
    /// The source's region.
    let region: String
    /// The target's region (B's client is there).
    let targetRegion: String
    let context: WorkflowContext
    let progress: @Sendable (MigrationProgress) -> Void

    /// The tag put on everything amikey creates, naming the source instance: how a person (or a re-run without a
    /// journal) finds it.
    static let originTag = "amikey:migrated-from"

    func run() async throws -> MigrationReport.Item {
        let directory = request.journalDirectory.map(context.resolve) ?? context.fileSystem.join(context.homeDirectory, ".amikey/migrate")
        let file = MigrationJournal.file(directory: directory, sourceAccount: accounts.source, region: region, instanceId: instanceId, context: context)
        var steps: [WorkflowStep] = []
        func step(_ id: String, _ summary: String, _ state: WorkflowStep.State) {
            let step = WorkflowStep(id: id, summary: summary, state: state)
            steps.append(step)
            progress(.step(instanceId, step))
        }
        var journal: MigrationJournal
        if let found = try MigrationJournal.read(file, context: context) {
            guard found.targetAccount == accounts.target else {
                throw AWSFailure(
                    code: "migration-elsewhere",
                    message: "\(instanceId) was migrated to account \(found.targetAccount) (journal \(file.path)), not \(accounts.target)")
            }
            journal = found
            if journal.phase == .verified {
                step("journal", "already migrated to \(journal.targetInstanceId ?? "?") in \(journal.targetAccount) (journal \(file.path))", .resumed)
                return item(journal, steps: steps, status: "already-migrated")
            }
            step("journal", "resuming the migration recorded in \(file.path) after \(journal.phase.rawValue)", .resumed)
        } else {
            try await refuseUnjournaledDuplicate(file)
            journal = try await describe()
            try file.write(journal, context: context)
            let baked = journal.bakedKeys.isEmpty ? "no console table" : "\(Self.keys(journal.bakedKeys.count)) in the console table"
            let live = journal.liveKeys.map { ", \(Self.keys($0.count)) in its live authorized_keys" } ?? ""
            step("describe", "read \(instanceId): key pair \(journal.keyName ?? "none"), \(baked)\(live)", .done)
        }
        func record(_ phase: MigrationJournal.Phase) throws(AWSFailure) {
            journal.phase = phase
            try file.write(journal, context: context)
            KillHook.killIfAsked(after: phase.rawValue, context)
        }
        KillHook.killIfAsked(after: MigrationJournal.Phase.described.rawValue, context)

        if journal.phase < .imageAvailable {
            if journal.imageRequestTag == nil {
                journal.imageRequestTag = UUID().uuidString.lowercased()
                try record(.imageRequested)
            }
            let image = try await createImage(journal.imageRequestTag ?? "")
            journal.imageId = image.imageId
            journal.snapshotIds = image.blockDeviceMappings.compactMap { $0.ebs?.snapshotId }
            try record(.imageAvailable)
            step("create-image", "created \(image.imageId) from \(instanceId) in \(accounts.source)\(request.noReboot ? " (no reboot)" : ""); it is available", .done)
        }
        guard let createdImageId = journal.imageId else { throw AWSFailure(code: "journal-damaged", message: "\(file.path) has no image id after CreateImage") }
        if journal.phase < .encryptionChecked {
            if let key = request.sourceKMSKey, journal.reencryptedImageId == nil,
               try await encrypted(journal.snapshotIds, otherThan: key) {
                if journal.reencryptToken == nil {
                    journal.reencryptToken = "amikey-migrate-" + UUID().uuidString.lowercased()
                    try file.write(journal, context: context)
                }
                let copy = try await reencrypt(createdImageId, key: key, token: journal.reencryptToken ?? "")
                journal.reencryptedImageId = copy.imageId
                journal.snapshotIds = copy.blockDeviceMappings.compactMap { $0.ebs?.snapshotId }
                try file.write(journal, context: context)
                step("reencrypt", "copied \(createdImageId) to \(copy.imageId) in \(accounts.source), encrypted with \(key): the copy is the one shared", .done)
            }
            journal.encryption = try await checkEncryption(snapshotIds: journal.snapshotIds)
            try record(.encryptionChecked)
            step("encryption", journal.encryption?.joined(separator: " ") ?? "", .done)
        }
        // The image B uses: A's re-encrypted copy when there is one.
        let imageId = journal.reencryptedImageId ?? createdImageId
        if journal.phase < .shared {
            _ = try await source.send(EC2.modifyImageAttribute(.init(imageId: imageId, add: [.account(accounts.target)])))
            // CopyImage by B needs read access to the snapshots too (CopyingAMIs.html, cross-account copy).
            if request.copies {
                for snapshot in journal.snapshotIds {
                    _ = try await source.send(EC2.modifySnapshotAttribute(.init(snapshotId: snapshot, addUserIds: [accounts.target])))
                }
            }
            try record(.shared)
            let volumes = request.copies && !journal.snapshotIds.isEmpty ? " and create-volume permission on \(journal.snapshotIds.joined(separator: ", "))" : ""
            step("share", "shared \(imageId) with account \(accounts.target) (launch permission\(volumes))", .done)
        }
        if journal.phase < .keyImported {
            if let keyName = journal.keyName, let publicKey = journal.publicKey {
                journal.keyPairImported = try await importKey(keyName, publicKey)
                step("import-key", journal.keyPairImported == true
                     ? "imported the source key pair's public key into \(accounts.target) as \(keyName)"
                     : "key pair \(keyName) is already in \(accounts.target) with the same key", .done)
            } else {
                step("import-key", "\(instanceId) has no launch key pair: nothing to import; the image's own keys travel inside it", .skipped)
            }
            try record(.keyImported)
        }
        if journal.phase < .copied {
            if request.copies {
                if journal.copyToken == nil {
                    journal.copyToken = "amikey-migrate-" + UUID().uuidString.lowercased()
                    try record(.copyRequested)
                }
                let copy = try await copyImage(imageId, token: journal.copyToken ?? "")
                journal.copiedImageId = copy.imageId
                let encryption = request.targetKMSKey.map { ", encrypted with \($0)" } ?? ""
                step("copy-image", "\(accounts.target) copied \(imageId) to \(copy.imageId) in \(targetRegion)\(encryption); it is available", .done)
            }
            try record(.copied)
        }
        let launchImage = journal.copiedImageId ?? imageId
        if journal.phase < .running {
            if journal.clientToken == nil {
                journal.clientToken = "amikey-migrate-" + UUID().uuidString.lowercased()
                try record(.launchRequested)
            }
            let launched = try await launch(imageId: launchImage, journal: journal)
            journal.targetInstanceId = launched.instanceId
            journal.targetAddress = [launched.publicDnsName, launched.publicIpAddress].compactMap { $0 }.first { !$0.isEmpty }
            try record(.running)
            step("launch", "launched \(launched.instanceId) in \(accounts.target) (\(targetRegion)) from \(launchImage) with key pair \(journal.keyName ?? "none"); it is running", .done)
        }
        if journal.phase < .verified {
            journal.verification = try await verify(journal)
            try record(.verified)
            step("verify", journal.verification ?? "could not check the new instance from outside", .done)
        }
        return item(journal, steps: steps, status: "migrated")
    }

    /// The report line for this instance.
    func item(_ journal: MigrationJournal, steps: [WorkflowStep], status: String) -> MigrationReport.Item {
        var item = MigrationReport.Item(instanceId: instanceId, status: status, steps: steps)
        item.imageId = journal.imageId
        item.reencryptedImageId = journal.reencryptedImageId
        item.snapshotIds = journal.snapshotIds
        item.copiedImageId = journal.copiedImageId
        item.targetRegion = journal.targetRegion
        item.keyName = journal.keyName
        item.keyPairImported = journal.keyPairImported
        item.targetInstanceId = journal.targetInstanceId
        item.targetAddress = journal.targetAddress
        item.verification = journal.verification
        item.liveKeys = journal.liveKeys
        item.bakedKeys = journal.bakedKeys.map { "\($0.user) \($0.fingerprint) \($0.comment ?? "-")" }
        return item
    }

    /// "1 key", "3 keys".
    static func keys(_ count: Int) -> String { count == 1 ? "1 key" : "\(count) keys" }

    /// Without a journal, an instance in B tagged as migrated from this one means the journal was lost (another
    /// machine, another --journal-dir): migrating again would make a duplicate, so say where things are instead.
    private func refuseUnjournaledDuplicate(_ file: JournalFile) async throws {
        let tag = EC2.Filter(name: "tag:\(Self.originTag)", values: [instanceId])
        let existing = try await target.send(EC2.describeInstances(.init(filters: [tag]))).instances
            .filter { $0.state.name != "terminated" && $0.state.name != "shutting-down" }
        guard let first = existing.first else { return }
        throw AWSFailure(
            code: "already-migrated",
            message: "\(instanceId) was already migrated: \(first.instanceId) in \(accounts.target) is tagged \(Self.originTag)=\(instanceId), "
                + "but there is no journal at \(file.path) (another machine or --journal-dir?). Nothing was created; run "
                + "migrate where its journal is, or terminate \(first.instanceId) first to migrate again")
    }
}
