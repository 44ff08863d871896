import AWSCore
import AWSServices
import Foundation

/// The user-data method as a journaled state machine: save → stop → set the repair user data → start (cloud-init adds
/// the key) → confirm → stop → restore the original user data byte for byte → start. The journal is written before
/// the first change and after every step, and every step is safe to repeat, so running the same command again after
/// any interruption finishes the repair and puts the original user data back.
struct UserDataRepair {
    let request: RepairRequest
    let context: WorkflowContext
    let progress: @Sendable (RepairProgress) -> Void

    /// Runs (or resumes) the repair.
    func run(_ start: RepairTarget) async throws -> RepairReport {
        var target = start
        let directory = request.journalDirectory.map(context.resolve) ?? context.fileSystem.join(context.homeDirectory, ".amikey/repair")
        let file = RepairJournal.file(directory: directory, instanceId: target.instance.instanceId, region: target.region, context: context)
        let path = file.path
        var steps: [WorkflowStep] = []
        var notes: [String] = []
        func step(_ id: String, _ summary: String, _ state: WorkflowStep.State) {
            let step = WorkflowStep(id: id, summary: summary, state: state)
            steps.append(step)
            progress(.step(step))
        }

        var journal: RepairJournal
        if let found = try RepairJournal.read(file, context: context) {
            guard found.publicKey == target.key.openSSHRepresentation(), found.user == target.user else {
                throw AWSFailure(
                    code: "repair-unfinished",
                    message: "an earlier repair of \(found.instanceId) (user \(found.user), key \(found.publicKey.prefix(40))…) is unfinished "
                        + "(journal \(path)); finish it first by running that repair again with the same key and --user \(found.user)")
            }
            journal = found
            step("journal", "resuming the repair recorded in \(path) after \(journal.phase.rawValue)", .resumed)
        } else {
            if let present = try await alreadyPresent(target) { return present }
            let attribute = try await target.aws.send(
                EC2.describeInstanceAttribute(.init(instanceId: target.instance.instanceId, attribute: "userData")))
            if RepairUserData.isRepairUserData(attribute.userData) {
                throw AWSFailure(
                    code: "journal-missing",
                    message: "\(target.instance.instanceId)'s user data is amikey's repair user data, but there is no journal "
                        + "at \(path) (was the repair started on another machine or with --journal-dir?); run the repair "
                        + "again where its journal is. The original user data is only in that journal")
            }
            let state = target.instance.state.name
            guard state == "running" || state == "stopped" else {
                throw AWSFailure(
                    code: "instance-not-ready",
                    message: "\(target.instance.instanceId) is \(state); repair works on a running or stopped instance: wait until it is one, then run the same command again")
            }
            journal = RepairJournal(
                instanceId: target.instance.instanceId, region: target.region, user: target.user,
                publicKey: target.key.openSSHRepresentation(),
                originalUserData: attribute.userData.map { Data($0).base64EncodedString() },
                wasRunning: state == "running", phase: .saved)
            try record(&journal, .saved, file)
            let size = attribute.userData?.count ?? 0
            step("save", "saved the original user data (\(size) bytes) and state (\(state)) in \(path)", .done)
        }

        let id = target.instance.instanceId
        if journal.phase < .stopped {
            try await stop(target)
            try record(&journal, .stopped, file)
            step("stop", "stopped \(id)", .done)
        }
        if journal.phase < .userDataSet {
            let bytes = RepairUserData.bytes(user: target.user, key: target.key)
            _ = try await target.aws.send(EC2.modifyInstanceAttribute(.init(instanceId: id, userData: bytes)))
            try record(&journal, .userDataSet, file)
            step("set-user-data", "set user data that adds the key for \(target.user) on the next boot ([users-groups, always])", .done)
        }
        if journal.phase < .started {
            try await startInstance(target)
            try record(&journal, .started, file)
            step("start", "started \(id): cloud-init adds the key", .done)
        }
        if journal.phase < .confirmed {
            let check = RepairCheck(target: target, request: request, context: context)
            target = try await check.refreshed()
            let checked = RepairCheck(target: target, request: request, context: context)
            var confirmation = await checked.probe()
            if confirmation == nil { confirmation = try await checked.consoleTable(progress: progress) }
            journal.confirmation = confirmation
            try record(&journal, .confirmed, file)
            step("confirm", confirmation ?? "could not confirm the key from outside (no SSH answer, no console table yet)", .done)
        }
        if journal.confirmation == nil {
            notes.append("The key could not be confirmed from outside; try it: ssh -i KEY \(target.user)@ADDRESS. amikey doctor \(id) reads the console again.")
        }
        if journal.phase < .stoppedAgain {
            try await stop(target)
            try record(&journal, .stoppedAgain, file)
            step("stop-again", "stopped \(id) to put the original user data back", .done)
        }
        if journal.phase < .restored {
            try await restore(journal, target: target)
            try record(&journal, .restored, file)
            step("restore", "restored the original user data (\(journal.originalBytes?.count ?? 0) bytes), checked byte for byte", .done)
        }
        if journal.wasRunning {
            try await startInstance(target)
            step("start-again", "started \(id) again, as it was found", .done)
        } else {
            step("start-again", "left \(id) stopped, as it was found", .skipped)
        }
        KillHook.killIfAsked(after: "finished", context)
        file.remove(context: context)
        target = (try? await RepairCheck(target: target, request: request, context: context).refreshed()) ?? target
        if journal.wasRunning, start.address != nil, target.address != start.address {
            notes.append("The public address changed with the stop and start (no Elastic IP): log in to \(target.address ?? "the new address").")
        }
        return target.report(.userData, .installed, confirmation: journal.confirmation, steps: steps, notes: notes)
    }

    /// Nothing to do when the console table already lists the key for the user (a stop costs downtime).
    private func alreadyPresent(_ target: RepairTarget) async throws -> RepairReport? {
        guard target.consoleListsKey else { return nil }
        return target.report(
            .userData, .alreadyPresent, confirmation: "the console's cloud-init table for \(target.user) already lists the key",
            steps: [.init(id: "check", summary: "the key is already installed; the instance was not stopped", state: .skipped)])
    }

    private func record(_ journal: inout RepairJournal, _ phase: RepairJournal.Phase, _ file: JournalFile) throws(AWSFailure) {
        journal.phase = phase
        try file.write(journal, context: context)
        KillHook.killIfAsked(after: phase.rawValue, context)
    }

    private func stop(_ target: RepairTarget) async throws {
        let id = target.instance.instanceId
        _ = try await target.aws.send(EC2.stopInstances(.init(instanceIds: [id])))
        try await target.aws.wait(EC2.Waiters.instanceStopped, polling: EC2.describeInstances(.init(instanceIds: [id]))) {
            progress(.waiting($0))
        }
    }

    private func startInstance(_ target: RepairTarget) async throws {
        let id = target.instance.instanceId
        _ = try await target.aws.send(EC2.startInstances(.init(instanceIds: [id])))
        try await target.aws.wait(EC2.Waiters.instanceRunning, polling: EC2.describeInstances(.init(instanceIds: [id]))) {
            progress(.waiting($0))
        }
    }

    /// Writes the original user data back and reads it again: the repair is only done when the bytes are the same.
    private func restore(_ journal: RepairJournal, target: RepairTarget) async throws {
        let id = target.instance.instanceId
        let original = journal.originalBytes ?? []
        _ = try await target.aws.send(EC2.modifyInstanceAttribute(.init(instanceId: id, userData: original)))
        let now = try await target.aws.send(EC2.describeInstanceAttribute(.init(instanceId: id, attribute: "userData")))
        guard (now.userData ?? []) == original else {
            throw AWSFailure(
                code: "restore-mismatch",
                message: "\(id)'s user data differs from the original after restoring it; the original is kept in the "
                    + "journal; run the same command again to retry")
        }
    }
}
