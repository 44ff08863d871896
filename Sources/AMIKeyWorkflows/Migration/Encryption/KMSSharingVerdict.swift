/// Whether account B can use the KMS key behind an image's snapshots, and if not, why; `message` says what to do.
struct KMSSharingVerdict: Sendable, Hashable {
    /// The outcome.
    enum Kind: Sendable, Hashable {
        /// No key: nothing to share.
        case unencrypted
        /// The AWS managed key (`aws/ebs`, `KeyManager` `AWS`), which AWS never lets another account use.
        case awsManagedKey
        /// A customer managed key in a state nobody can use it in (`Disabled`, `PendingDeletion`, …).
        case keyNotUsable(state: String)
        /// GetKeyPolicy's text could not be read as a policy.
        case unreadablePolicy(problem: String)
        /// Account A's key policy and grants allow every action EC2 needs for B.
        case shared
        /// Everything needed is allowed, some of it only under conditions amikey cannot evaluate.
        case sharedIfConditionsHold
        /// Some needed actions are missing or denied.
        case notShared
    }

    /// The outcome.
    var kind: Kind
    /// The key's ARN (its ID when DescribeKey gave no ARN); nil when unencrypted.
    var keyArn: String?
    /// The account that owns the key (A); nil when unencrypted.
    var keyAccount: String?
    /// The account that will use the image (B).
    var targetAccount: String
    /// What B will do with the image.
    var purpose: KMSSharingPurpose
    /// Action by action, for a customer managed key whose policy was read.
    var access: KMSKeyAccess?

    /// Whether migrate must stop here: B certainly cannot use the key (conditions it cannot check only warn).
    var isBlocking: Bool {
        switch kind {
        case .unencrypted, .shared, .sharedIfConditionsHold: false
        case .awsManagedKey, .keyNotUsable, .unreadablePolicy, .notShared: true
        }
    }

    /// A stable code for the JSON output.
    var code: String {
        switch kind {
        case .unencrypted: "kms-unencrypted"
        case .awsManagedKey: "kms-aws-managed-key"
        case .keyNotUsable: "kms-key-not-usable"
        case .unreadablePolicy: "kms-key-policy-unreadable"
        case .shared: "kms-key-shared"
        case .sharedIfConditionsHold: "kms-key-shared-if-conditions-hold"
        case .notShared: "kms-key-not-shared"
        }
    }
}
