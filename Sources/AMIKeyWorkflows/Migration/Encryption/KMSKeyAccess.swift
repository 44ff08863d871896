/// What account B may do with a customer managed key in account A, action by action, and what to add.
struct KMSKeyAccess: Sendable, Hashable {
    /// Where one needed action stands for account B.
    enum Status: Sendable, Hashable {
        /// Allowed by this source (`key policy statement "…"`, `grant …`).
        case allowed(by: String)
        /// Allowed by this source only if these conditions hold; amikey cannot evaluate them.
        case conditional(by: String, conditions: [String])
        /// Denied by this Deny statement; adding Allow statements does not override it.
        case denied(by: String)
        /// Nothing in the key policy or grants allows it.
        case missing
    }

    /// One needed action and its status.
    struct Action: Sendable, Hashable {
        /// The action, `kms:Decrypt`.
        var name: String
        /// Where it stands.
        var status: Status
    }

    /// The key's ARN.
    var keyArn: String
    /// The account that owns the key (A).
    var keyAccount: String
    /// The account that will use the image (B).
    var targetAccount: String
    /// What B will do with the image.
    var purpose: KMSSharingPurpose
    /// Every needed action in `KMSSharingCheck.neededActions` order.
    var actions: [Action]

    /// Actions nothing allows.
    var missing: [String] { actions.filter { $0.status == .missing }.map(\.name) }

    /// Actions an unconditional Deny takes away, with the statement.
    var denied: [(action: String, statement: String)] {
        actions.compactMap { if case .denied(let by) = $0.status { (action: $0.name, statement: by) } else { nil } }
    }

    /// Actions allowed only under conditions amikey cannot evaluate.
    var conditional: [(action: String, source: String, conditions: [String])] {
        actions.compactMap {
            if case .conditional(let by, let conditions) = $0.status { (action: $0.name, source: by, conditions: conditions) }
            else { nil }
        }
    }

    /// The key policy statements to add in account A for the missing actions (a JSON array), nil when none are missing.
    var keyPolicyStatementsToAdd: String? { keyPolicyStatements(covering: Set(missing)) }

    /// The documented key policy statements (a JSON array) that allow `missing`; nil when it is empty.
    func keyPolicyStatements(covering missing: Set<String>) -> String? {
        let partition = KMSSharingStatements.partition(of: keyArn)
        var statements: [KMSSharingStatements.Statement] = []
        if !missing.isDisjoint(with: KMSSharingCheck.neededForUse) {
            statements.append(KMSSharingStatements.useOfTheKey(partition: partition, account: targetAccount))
        }
        if !missing.isDisjoint(with: KMSSharingCheck.neededForAttachment) {
            statements.append(KMSSharingStatements.attachmentOfPersistentResources(partition: partition, account: targetAccount))
        }
        return statements.isEmpty ? nil : KMSSharingStatements.json(statements)
    }

    /// The IAM policy B's principal must hold on the key (a JSON policy document); amikey cannot read it.
    var targetIAMPolicy: String { KMSSharingStatements.json(KMSSharingStatements.targetIAMPolicy(keyArn: keyArn, keyAccount: keyAccount)) }
}
