/// One instance's migration as recorded on disk: every id amikey creates is written here before or right after the
/// call that creates it, so a re-run after any crash finds the image, key pair and instance it already made instead
/// of making them again. Kept after the migration finishes, so a re-run reports it rather than migrating twice.
struct MigrationJournal: Codable, Sendable, Hashable {
    /// The last finished step.
    enum Phase: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
        /// The source's facts and keys are recorded.
        case described
        /// CreateImage is about to be sent with ``MigrationJournal/imageRequestTag`` (the image is found by it).
        case imageRequested = "image-requested"
        /// The image is available.
        case imageAvailable = "image-available"
        /// Account B can use the image's snapshots (unencrypted, or their KMS keys are shared with it).
        case encryptionChecked = "encryption-checked"
        /// The image is shared with the target account.
        case shared
        /// The key pair is in the target account.
        case keyImported = "key-imported"
        /// CopyImage is about to be sent in B with ``MigrationJournal/copyToken``.
        case copyRequested = "copy-requested"
        /// B's copy is available (or no copy is made).
        case copied
        /// RunInstances is about to be sent with ``MigrationJournal/clientToken``.
        case launchRequested = "launch-requested"
        /// The target instance runs.
        case running
        /// The target instance was checked from outside.
        case verified

        static func < (lhs: Phase, rhs: Phase) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// A key the source's console table lists (it travels inside the image).
    struct BakedKey: Codable, Sendable, Hashable {
        /// The user whose `authorized_keys` holds it.
        var user: String
        /// The table's hash (`sha256`, `md5`).
        var hash: String?
        /// Its fingerprint in that hash.
        var fingerprint: String
        /// Its comment.
        var comment: String?
    }

    /// The journal format's version.
    var version = 1
    /// The source instance.
    var instanceId: String
    /// The source's region.
    var region: String
    /// The region the target instance runs in (the source's unless B copies the image elsewhere).
    var targetRegion: String
    /// Account A.
    var sourceAccount: String
    /// Account B.
    var targetAccount: String
    /// The last finished step.
    var phase: Phase
    /// The source's launch key pair name; nil when it was launched without one.
    var keyName: String?
    /// That key pair's public key (OpenSSH line).
    var publicKey: String?
    /// The source's instance type.
    var instanceType: String?
    /// The source's tags (not `aws:` ones).
    var tags: [String: String]
    /// The login user (the console table's), when known.
    var loginUser: String?
    /// The keys the image carries, from the source's console table.
    var bakedKeys: [BakedKey]
    /// The source's live `authorized_keys` (`type SHA256:… comment` per key), when it was read over SSH; else nil.
    var liveKeys: [String]?
    /// The CreateImage request tag.
    var imageRequestTag: String?
    /// The image made in A.
    var imageId: String?
    /// Its snapshots.
    var snapshotIds: [String] = []
    /// CopyImage's client token in A, for the copy re-encrypted with `--source-kms-key`.
    var reencryptToken: String?
    /// A's re-encrypted copy (the image shared instead of the first one).
    var reencryptedImageId: String?
    /// What the encryption check found, one line per KMS key.
    var encryption: [String]?
    /// CopyImage's client token in B.
    var copyToken: String?
    /// B's copy of the image.
    var copiedImageId: String?
    /// Whether amikey imported the key pair in B (false: it was already there with the same key).
    var keyPairImported: Bool?
    /// RunInstances' client token.
    var clientToken: String?
    /// The instance launched in B.
    var targetInstanceId: String?
    /// Its public DNS name or IP when it started running.
    var targetAddress: String?
    /// How the target was checked.
    var verification: String?

    /// The journal's file for a source instance.
    static func file(directory: String, sourceAccount: String, region: String, instanceId: String, context: WorkflowContext) -> JournalFile {
        JournalFile(path: context.fileSystem.join(directory, "migrate-\(sourceAccount)-\(region)-\(instanceId).json"),
                    purpose: "the migration journal")
    }

    /// Reads a journal; nil when there is none.
    static func read(_ file: JournalFile, context: WorkflowContext) throws(AWSFailure) -> MigrationJournal? {
        try file.read(context: context, keep: "it lists what was already created (image, key pair, instance); keep the "
                      + "file, or delete it only after checking both accounts for resources tagged amikey:migrated-from")
    }
}
