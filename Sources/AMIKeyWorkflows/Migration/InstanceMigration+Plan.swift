extension InstanceMigration {
    /// The steps, each marked done (from the journal) or planned; nothing is sent that changes anything.
    func plan() -> MigrationReport.Item {
        let directory = request.journalDirectory.map(context.resolve) ?? context.fileSystem.join(context.homeDirectory, ".amikey/migrate")
        let file = MigrationJournal.file(directory: directory, sourceAccount: accounts.source, region: region, instanceId: instanceId, context: context)
        let journal = try? MigrationJournal.read(file, context: context)
        let phase = journal?.phase
        func state(_ done: MigrationJournal.Phase) -> WorkflowStep.State {
            guard let phase else { return .planned }
            return phase >= done ? .resumed : .planned
        }
        let key = journal?.keyName.map { "key pair \($0)" } ?? "the launch key pair"
        let steps = [
            WorkflowStep(id: "describe", summary: "read \(instanceId), the public key of \(key) and the console's key table in \(accounts.source)", state: state(.described)),
            WorkflowStep(id: "create-image", summary: "CreateImage of \(instanceId)\(request.noReboot ? " without reboot" : " (it reboots)"), tagged \(Self.originTag)=\(instanceId); wait until available", state: state(.imageAvailable)),
        ] + (request.sourceKMSKey.map { key in [
            WorkflowStep(id: "reencrypt", summary: "if the image's snapshots are encrypted with another key, copy it in \(accounts.source) re-encrypted with \(key) and share the copy", state: state(.encryptionChecked)),
        ] } ?? []) + [
            WorkflowStep(id: "encryption", summary: "check the image's snapshots: unencrypted goes on; for a KMS key, A's key policy and grants must let \(accounts.target) use it (else the statements to add are printed)", state: state(.encryptionChecked)),
            WorkflowStep(id: "share", summary: "share the image with \(accounts.target) (launch permission)", state: state(.shared)),
            WorkflowStep(id: "import-key", summary: "import the public key of \(key) into \(accounts.target) in \(targetRegion) under the same name (never overwriting)", state: state(.keyImported)),
        ] + (request.copies ? [
            WorkflowStep(id: "copy-image", summary: "\(accounts.target) copies the shared image into \(targetRegion)\(request.targetKMSKey.map { ", encrypted with \($0)" } ?? "") (create-volume permission on the snapshots granted first); wait until available", state: state(.copied)),
        ] : []) + [
            WorkflowStep(id: "launch", summary: "RunInstances in \(accounts.target) with that key pair, \(request.instanceType ?? "the source's instance type"), \(request.subnetId ?? "the default subnet"), tags copied, a client token; wait until running", state: state(.running)),
            WorkflowStep(id: "verify", summary: "check the new instance's console table lists the key\(request.probe ? ", and an SSH probe" : "")", state: state(.verified)),
        ]
        var item = journal.map { self.item($0, steps: steps, status: "planned") }
            ?? MigrationReport.Item(instanceId: instanceId, status: "planned", steps: steps)
        item.status = "planned"
        return item
    }
}
