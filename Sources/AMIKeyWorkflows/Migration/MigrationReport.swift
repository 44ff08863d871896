/// What `amikey migrate` did for each instance, and what it created in each account, so nothing is orphaned.
public struct MigrationReport: Sendable {
    /// One source instance's outcome.
    public struct Item: Sendable {
        /// The source instance.
        public var instanceId: String
        /// `migrated`, `already-migrated`, `planned` or `failed`.
        public var status: String
        /// The steps, each with whether it ran now, earlier (journal) or would run.
        public var steps: [WorkflowStep]
        /// The image made in A.
        public var imageId: String?
        /// The snapshots of the image shared with B.
        public var snapshotIds: [String]
        /// A's copy re-encrypted with `--source-kms-key`, shared instead of the first image.
        public var reencryptedImageId: String?
        /// B's own copy of the image, when B copied it.
        public var copiedImageId: String?
        /// The region the target instance runs in.
        public var targetRegion: String?
        /// The key pair in B and whether amikey imported it (false: it was there with the same key).
        public var keyName: String?
        /// Whether this run (or an earlier one) imported the key pair.
        public var keyPairImported: Bool?
        /// The instance in B.
        public var targetInstanceId: String?
        /// Its address.
        public var targetAddress: String?
        /// How it was checked from outside.
        public var verification: String?
        /// The keys that travel inside the image (from the source's console table): `user fingerprint comment`.
        public var bakedKeys: [String]
        /// The source's live `authorized_keys` (`type SHA256:… comment`), when it was read; they travel in the image.
        public var liveKeys: [String]?
        /// Why it failed, when it did.
        public var failure: AWSFailure?

        /// An item with nothing created yet; the ids are filled in as the migration records them.
        public init(instanceId: String, status: String, steps: [WorkflowStep] = [], failure: AWSFailure? = nil) {
            self.instanceId = instanceId
            self.status = status
            self.steps = steps
            self.snapshotIds = []
            self.bakedKeys = []
            self.failure = failure
        }
    }

    /// Account A.
    public var sourceAccount: String
    /// Account B.
    public var targetAccount: String
    /// The source's region.
    public var region: String
    /// The region the target instances run in.
    public var targetRegion: String
    /// Per instance, in the order given.
    public var items: [Item]

    /// 0 when every instance migrated (or was planned), 3 when any failed.
    public var exitCode: Int32 { items.contains { $0.failure != nil } ? 3 : 0 }
}
