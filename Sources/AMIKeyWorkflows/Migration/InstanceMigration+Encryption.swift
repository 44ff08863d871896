import AWSCore
import AWSServices

extension InstanceMigration {
    /// Step 3: whether B can use the image's snapshots. Unencrypted ones go on; for each KMS key, A's key policy and
    /// grants are read and judged (``KMSSharingCheck``); a blocking verdict stops the migration here with the exact
    /// statements to add, and the journal keeps the image, so the same command continues once they are added.
    /// - Returns: one line per key, for the report.
    func checkEncryption(snapshotIds: [String]) async throws -> [String] {
        guard !snapshotIds.isEmpty else { return ["the image has no EBS snapshots"] }
        let snapshots = try await source.send(EC2.describeSnapshots(.init(snapshotIds: snapshotIds))).snapshots
        let keys = Array(Set(snapshots.filter { $0.encrypted == true }.compactMap(\.kmsKeyId))).sorted()
        guard !keys.isEmpty else { return ["the snapshots are not encrypted: nothing to share but the image"] }
        var lines: [String] = []
        for keyId in keys {
            let verdict = try await kmsVerdict(keyId)
            if verdict.isBlocking { throw AWSFailure(code: verdict.code, message: verdict.message) }
            lines.append(verdict.message)
        }
        return lines
    }

    /// Whether any snapshot is encrypted with a key other than `key` (the case `--source-kms-key` re-encrypts).
    func encrypted(_ snapshotIds: [String], otherThan key: String) async throws -> Bool {
        guard !snapshotIds.isEmpty else { return false }
        let snapshots = try await source.send(EC2.describeSnapshots(.init(snapshotIds: snapshotIds))).snapshots
        // Compared by key id, the last part of an ARN (`arn:aws:kms:…:key/ID`), so an ARN and a bare id match.
        let wanted = key.split(separator: "/").last.map(String.init) ?? key
        return snapshots.contains { $0.encrypted == true && $0.kmsKeyId?.split(separator: "/").last.map(String.init) != wanted }
    }

    /// A's copy of its own image, encrypted with `key` (CopyImage with a client token, found again by it), waited for.
    func reencrypt(_ imageId: String, key: String, token: String) async throws -> EC2.Image {
        let output = try await source.send(EC2.copyImage(.init(
            sourceImageId: imageId, sourceRegion: region, name: "amikey-migrate-\(instanceId)-reencrypted-\(token.suffix(8))",
            clientToken: token, description: "amikey migrate: \(imageId) re-encrypted for account \(accounts.target)",
            encrypted: true, kmsKeyId: key,
            tagSpecifications: [.init(resourceType: "image", tags: [.init(key: Self.originTag, value: instanceId)])])))
        let observation = try await source.wait(EC2.Waiters.imageAvailable, polling: EC2.describeImages(.init(imageIds: [output.imageId]))) {
            progress(.waiting(instanceId, $0))
        }
        guard let image = observation.response?.images.first(where: { $0.imageId == output.imageId }) else {
            throw AWSFailure(code: "no-image", message: "\(output.imageId) is available but DescribeImages does not show it")
        }
        return image
    }

    /// Reads one key as A sees it (DescribeKey, its default policy, every grant) and judges it for B.
    func kmsVerdict(_ keyId: String) async throws -> KMSSharingVerdict {
        let metadata = try await source.send(KMS.describeKey(.init(keyId: keyId))).keyMetadata
        // An AWS managed key's policy cannot be changed; the verdict does not need it.
        var policy: String?
        var grants: [KMS.GrantListEntry] = []
        if metadata.keyManager != "AWS" {
            policy = try? await source.send(KMS.getKeyPolicy(.init(keyId: keyId, policyName: "default"))).policy
            var marker: String?
            repeat {
                let page = try await source.send(KMS.listGrants(.init(keyId: keyId, marker: marker)))
                grants += page.grants
                marker = page.truncated == true ? page.nextMarker : nil
            } while marker != nil
        }
        return KMSSharingCheck.evaluate(
            keyMetadata: metadata, keyPolicy: policy, grants: grants, targetAccount: accounts.target,
            purpose: request.copies ? .copy : .launch)
    }
}
