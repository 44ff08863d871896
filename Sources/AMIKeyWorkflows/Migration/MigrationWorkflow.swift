import AWSCore
import AWSServices

/// `amikey migrate`: the seed's procedure done right from the start. For each instance in account A: record its key
/// pair's public key and the keys its console table lists, CreateImage, share the image with B, import the key pair's
/// public key into B under the same name, launch in B with it, and check the new instance from outside — each step
/// journaled so a re-run after any crash resumes, and nothing is created twice.
///
/// Instances move concurrently (at most `request.concurrency` at once); one failing does not stop the others. The
/// report lists what was created in each account. With another `--target-region`, `--copy-image` or a target KMS key,
/// B copies the shared image (after A grants create-volume permission on its snapshots) and launches from its copy.
///
/// ```swift
/// let report = try await MigrationWorkflow().run(
///     MigrationRequest(sourceProfile: "account-a", targetProfile: "account-b", instanceIds: ["i-0123456789abcdef0"]),
///     context: context) { print($0) }
/// for item in report.items { print(item.instanceId, item.status, item.targetInstanceId ?? "-") }
/// ```
public struct MigrationWorkflow: Sendable {
    /// Creates the workflow.
    public init() {}

    /// Plans, or carries out, the migrations.
    ///
    /// - Throws: ``AWSFailure`` (exit 3) when the accounts cannot be reached or are in different regions; a failure of
    ///   one instance is in its report item instead.
    public func run(
        _ request: MigrationRequest, context: WorkflowContext,
        progress: @escaping @Sendable (MigrationProgress) -> Void = { _ in }
    ) async throws(AWSFailure) -> MigrationReport {
        let a = try await AWSSession.open(context, profile: request.sourceProfile)
        var targetContext = context
        if let region = request.targetRegion { targetContext.aws?.overrides.region = region }
        let b = try await AWSSession.open(targetContext, profile: request.targetProfile)
        guard a.region.value == b.region.value || request.targetRegion != nil else {
            throw AWSFailure(
                code: "regions-differ",
                message: "profile \(request.sourceProfile) uses \(a.region.value) and \(request.targetProfile) uses \(b.region.value); "
                    + "give both one region with --region, or say where to launch with --target-region (B then copies the image there)")
        }
        let accounts: (source: String, target: String)
        do {
            async let sourceIdentity = a.services.send(STS.getCallerIdentity())
            async let targetIdentity = b.services.send(STS.getCallerIdentity())
            accounts = (try await sourceIdentity.account, try await targetIdentity.account)
        } catch {
            throw AWSFailure(error)
        }
        guard accounts.source != accounts.target else {
            throw AWSFailure(code: "same-account", message: "profiles \(request.sourceProfile) and \(request.targetProfile) are both account \(accounts.source); migrate moves instances to another account")
        }
        let region = a.region.value
        func migration(_ id: String) -> InstanceMigration {
            InstanceMigration(request: request, instanceId: id, source: a.services, target: b.services, accounts: accounts,
                              region: region, targetRegion: b.region.value, context: context, progress: progress)
        }
        var items: [String: MigrationReport.Item] = [:]
        await withTaskGroup(of: (String, MigrationReport.Item).self) { group in
            var pending = request.instanceIds.makeIterator()
            func next() {
                guard let id = pending.next() else { return }
                group.addTask {
                    let migration = migration(id)
                    if request.planOnly { return (id, migration.plan()) }
                    if request.dryRun { return (id, await migration.dryRun()) }
                    do {
                        return (id, try await migration.run())
                    } catch {
                        let failure = error as? AWSFailure ?? AWSFailure(error)
                        return (id, MigrationReport.Item(instanceId: id, status: "failed", failure: failure))
                    }
                }
            }
            for _ in 0..<request.concurrency { next() }
            for await (id, item) in group {
                items[id] = item
                next()
            }
        }
        return MigrationReport(
            sourceAccount: accounts.source, targetAccount: accounts.target, region: region, targetRegion: b.region.value,
            items: request.instanceIds.compactMap { items[$0] })
    }
}
