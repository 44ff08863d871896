import AWSCore
import AWSServices
import EC2Evidence
import Foundation
import SSHKeys
import SSHSession

extension InstanceMigration {
    /// Step 1: the source instance, its launch key pair's public key and the keys its console table lists (the
    /// image carries that `authorized_keys`, so those keys travel with it).
    func describe() async throws -> MigrationJournal {
        async let described = source.send(EC2.describeInstances(.init(instanceIds: [instanceId])))
        async let consoleOutput = source.send(EC2.getConsoleOutput(.init(instanceId: instanceId)))
        guard let instance = try await described.instances.first(where: { $0.instanceId == instanceId }) else {
            throw AWSFailure(code: "InvalidInstanceID.NotFound", message: "no instance \(instanceId) in \(accounts.source) in \(region)")
        }
        var publicKey: String?
        if let keyName = instance.keyName {
            let pairs = try await source.send(EC2.describeKeyPairs(.init(keyNames: [keyName], includePublicKey: true)))
            publicKey = pairs.keyPairs.first { $0.keyName == keyName }?.publicKey
            if publicKey == nil {
                throw AWSFailure(code: "no-public-key", message: "EC2 returned no public key for \(instanceId)'s key pair \(keyName) in \(accounts.source)")
            }
        }
        let console = (try? await consoleOutput)?.text.map { ConsoleLog.parse($0) }
        let tables = console?.authorizedKeys ?? []
        // The latest table of each user: an earlier boot's table may list keys removed since.
        var users: [String] = []
        var latest: [String: AuthorizedKeysTable] = [:]
        for table in tables {
            if latest[table.user] == nil { users.append(table.user) }
            latest[table.user] = table
        }
        let baked = users.compactMap { latest[$0] }.flatMap { table in
            table.rows.map { MigrationJournal.BakedKey(user: table.user, hash: table.hash, fingerprint: $0.fingerprint, comment: $0.comment) }
        }
        var journal = MigrationJournal(
            instanceId: instanceId, region: region, targetRegion: targetRegion, sourceAccount: accounts.source,
            targetAccount: accounts.target, phase: .described,
            keyName: instance.keyName, publicKey: publicKey, instanceType: instance.instanceType,
            tags: Dictionary(instance.tags.filter { !$0.key.hasPrefix("aws:") }.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }),
            loginUser: tables.last { $0.user != "root" }?.user, bakedKeys: baked)
        if let keyFile = request.sourceKey, let user = journal.loginUser,
           let host = [instance.publicDnsName, instance.publicIpAddress].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            journal.liveKeys = try await liveKeys(user: user, host: host, identityFile: keyFile, hostKeys: console?.hostPublicKeys ?? [])
        }
        return journal
    }

    /// The source's live `authorized_keys` over OpenSSH with `--source-key`, host keys pinned from its console (with
    /// none there ssh checks the user's known_hosts, strictly); only public key lines come back.
    func liveKeys(user: String, host: String, identityFile: String, hostKeys: [String]) async throws -> [String] {
        guard let processes = context.processes else { return [] }
        let scratch = try ScratchDirectory(prefix: "amikey-migrate", context: context)
        defer { scratch.remove() }
        let pins = hostKeys.isEmpty ? nil : try scratch.write("known_hosts", KnownHosts.lines(hostPublicKeys: hostKeys, host: host, port: nil))
        let remote = SSHRemoteCommand(user: user, host: host, identityFile: context.resolve(identityFile), knownHostsFile: pins,
                                      sshConfig: request.sshConfig.map(context.resolve), command: SSHRemoteCommand.readAuthorizedKeys)
        let run = try await processes.run(ProcessCommand("ssh", remote.arguments, environment: context.environment))
        guard run.status == 0 else {
            let reason = run.standardError.split(whereSeparator: \.isNewline).last.map(String.init) ?? "status \(run.status)"
            throw AWSFailure(code: "source-unreadable", message: "cannot read \(user)@\(host)'s authorized_keys with --source-key \(identityFile): \(reason); nothing was created")
        }
        let file = try KeyFile(contents: run.stdout, options: .publicOnly)
        return file.entries.map { "\($0.publicKey.shortTypeName) \($0.publicKey.sha256Fingerprint) \($0.comment ?? "-")" }
    }

    /// Step 2: CreateImage tagged with the request tag (a re-run finds the image by it), then waits for its snapshots
    /// (with their progress) and until it is available.
    func createImage(_ requestTag: String) async throws -> EC2.Image {
        var imageId = try await source.image(taggedWith: requestTag)?.imageId
        if imageId == nil {
            let input = EC2.CreateImageInput(
                instanceId: instanceId, name: "amikey-migrate-\(instanceId)-\(requestTag.prefix(8))",
                description: "amikey migrate: \(instanceId) for account \(accounts.target)", noReboot: request.noReboot ? true : nil,
                tagSpecifications: [.init(resourceType: "image", tags: [
                    .init(key: EC2.requestTagKey, value: requestTag), .init(key: Self.originTag, value: instanceId),
                ])])
            imageId = try await source.createImage(input).imageId
        }
        guard let imageId else { throw AWSFailure(code: "no-image", message: "CreateImage answered without an image id") }
        // A pending image already names its snapshots: waiting on them first shows their percentages, the long part.
        let pending = try await source.send(EC2.describeImages(.init(imageIds: [imageId]))).images.first
        let snapshots = pending?.blockDeviceMappings.compactMap { $0.ebs?.snapshotId } ?? []
        if pending?.state != "available", !snapshots.isEmpty {
            try await source.wait(EC2.Waiters.snapshotCompleted, polling: EC2.describeSnapshots(.init(snapshotIds: snapshots))) {
                progress(.waiting(instanceId, $0))
            }
        }
        let observation = try await source.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [imageId]))) {
            progress(.waiting(instanceId, $0))
        }
        guard let image = observation.response?.images.first(where: { $0.imageId == imageId }) else {
            throw AWSFailure(code: "no-image", message: "\(imageId) is available but DescribeImages does not show it")
        }
        return image
    }

    /// Step 6: B copies the shared image into the target region (B owns the copy; with `--target-kms-key` it is
    /// encrypted with that key), found again by its client token; then waits until it is available.
    func copyImage(_ imageId: String, token: String) async throws -> EC2.Image {
        let output = try await target.send(EC2.copyImage(.init(
            sourceImageId: imageId, sourceRegion: region, name: "amikey-migrate-\(instanceId)-\(token.suffix(8))", clientToken: token,
            description: "amikey migrate: \(instanceId) from account \(accounts.source)",
            encrypted: request.targetKMSKey == nil ? nil : true, kmsKeyId: request.targetKMSKey,
            tagSpecifications: [.init(resourceType: "image", tags: [.init(key: Self.originTag, value: instanceId)])])))
        let observation = try await target.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [output.imageId]))) {
            progress(.waiting(instanceId, $0))
        }
        guard let image = observation.response?.images.first(where: { $0.imageId == output.imageId }) else {
            throw AWSFailure(code: "no-image", message: "\(output.imageId) is available but DescribeImages does not show it")
        }
        return image
    }

    /// Step 5: the source key pair's public key into B under the same name; true when this migration imported it
    /// (now, or in a run that crashed before recording it), false when it was already there with the same key; a
    /// different key under that name is an error showing both.
    func importKey(_ keyName: String, _ publicKey: String) async throws -> Bool {
        do {
            let outcome = try await target.importKeyPair(.init(
                keyName: keyName, publicKeyMaterial: Array(publicKey.utf8),
                tagSpecifications: [.init(resourceType: "key-pair", tags: [.init(key: Self.originTag, value: instanceId)])]))
            switch outcome {
            case .imported: return true
            // Already there: made by this migration before a crash (it carries this instance's origin tag), or not.
            case .alreadyPresent(let info): return info.tags.contains { $0.key == Self.originTag && $0.value == instanceId }
            }
        } catch let conflict as KeyPairConflictError {
            let existing = conflict.existing.publicKey.flatMap { try? SSHPublicKey(openSSHRepresentation: $0) }?.sha256Fingerprint
            let wanted = (try? SSHPublicKey(openSSHRepresentation: publicKey))?.sha256Fingerprint ?? "?"
            throw AWSFailure(
                code: "key-pair-conflict",
                message: "account \(accounts.target) already has a key pair \(keyName) with another key (\(existing ?? conflict.existing.keyFingerprint ?? "?")); "
                    + "the source's is \(wanted). Nothing was overwritten: rename or delete B's key pair if it is not needed, "
                    + "then run the same command again")
        }
    }

    /// Step 7: RunInstances in B with the client token (a repeat returns the same instance), tags copied, then waits
    /// until it runs.
    func launch(imageId: String, journal: MigrationJournal) async throws -> EC2.Instance {
        let token = journal.clientToken ?? ""
        var tags = journal.tags.sorted { $0.key < $1.key }.map { EC2.Tag(key: $0.key, value: $0.value) }
        tags.append(.init(key: Self.originTag, value: instanceId))
        let reservation = try await target.send(EC2.runInstances(.init(
            imageId: imageId, clientToken: token, instanceType: request.instanceType ?? journal.instanceType, keyName: journal.keyName,
            securityGroupIds: request.securityGroupIds, subnetId: request.subnetId,
            tagSpecifications: [.init(resourceType: "instance", tags: tags)])))
        guard let launched = reservation.instances.first else {
            throw AWSFailure(code: "no-instance", message: "RunInstances answered without an instance")
        }
        let observation = try await target.wait(
            EC2.Waiters.instanceRunning, polling: EC2.describeInstances(.init(instanceIds: [launched.instanceId]))
        ) { progress(.waiting(instanceId, $0)) }
        return observation.response?.instances.first { $0.instanceId == launched.instanceId } ?? launched
    }

    /// Step 8: the new instance's console table lists the imported key (cloud-init printed what it installed), and
    /// with `--probe` sshd itself accepts it.
    func verify(_ journal: MigrationJournal) async throws -> String? {
        guard let id = journal.targetInstanceId, let line = journal.publicKey, let key = try? SSHPublicKey(openSSHRepresentation: line) else {
            return journal.keyName == nil ? "no launch key to check; the image's own keys travel inside it" : nil
        }
        let text = try await target.send(EC2.getConsoleOutput(.init(instanceId: id))).text ?? ""
        let tables = ConsoleLog.parse(text).authorizedKeys
        var found: [String] = []
        if let table = tables.last(where: { $0.lists(key) }) {
            found.append("\(id)'s console table lists \(journal.keyName ?? "the key") for \(table.user)")
        }
        if request.probe, let user = journal.loginUser ?? tables.last?.user {
            let described = try await target.send(EC2.describeInstances(.init(instanceIds: [id]))).instances.first
            if let host = described.flatMap({ [$0.publicDnsName, $0.publicIpAddress].compactMap { $0 }.first { !$0.isEmpty } }),
               let answer = await SSHKeyCheck(context: context, sshConfig: request.sshConfig)
                .accepts(key, user: user, host: host, hostKeys: ConsoleLog.parse(text).hostPublicKeys) {
                found.append(answer)
            }
        }
        return found.isEmpty ? nil : found.joined(separator: "; ")
    }
}
