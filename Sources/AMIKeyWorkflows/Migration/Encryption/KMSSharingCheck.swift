import AWSServices

/// Decides, from values account A can read, whether account B can use the KMS key behind an image's snapshots.
///
/// Pure: the caller reads the key with DescribeKey, its `default` policy with GetKeyPolicy and its grants with
/// ListGrants (all pages) in account A, then asks once per distinct key:
///
/// ```swift
/// let verdict = KMSSharingCheck.evaluate(
///     keyMetadata: described.keyMetadata, keyPolicy: policy.policy, grants: grants,
///     targetAccount: "222222222222", purpose: .launch)
/// if verdict.isBlocking { throw AWSFailure(code: verdict.code, message: verdict.message) }
/// ```
///
/// A snapshot without a key is `.unencrypted` (`keyMetadata: nil`). Only account A's side is visible: the key
/// policy and grants. B's IAM policies must allow the same actions, which amikey states but cannot check
/// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html).
enum KMSSharingCheck {
    /// The actions EC2 uses on A's key for B: "kms:DescribeKey, kms:CreateGrant, kms:GenerateDataKey*,
    /// kms:ReEncrypt* (and kms:Decrypt)" (aws-wire.md §3.4), with the wildcards spelled out as the actions EBS calls.
    static let neededActions = [
        "kms:DescribeKey", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant",
    ]
    /// The needed actions the documented "Allow use of the key" statement provides.
    static let neededForUse: Set<String> = Set(neededActions).subtracting(neededForAttachment)
    /// The needed actions the documented "Allow attachment of persistent resources" statement provides.
    static let neededForAttachment: Set<String> = ["kms:CreateGrant"]

    /// The verdict for one key; `keyPolicy` is GetKeyPolicy's `Policy` text, `grants` every ListGrants entry.
    static func evaluate(
        keyMetadata: KMS.KeyMetadata?, keyPolicy: String?, grants: [KMS.GrantListEntry], targetAccount: String,
        purpose: KMSSharingPurpose
    ) -> KMSSharingVerdict {
        guard let keyMetadata else {
            return KMSSharingVerdict(
                kind: .unencrypted, keyArn: nil, keyAccount: nil, targetAccount: targetAccount, purpose: purpose)
        }
        let keyArn = keyMetadata.arn ?? keyMetadata.keyId
        let keyAccount = keyMetadata.awsAccountId ?? account(in: keyArn) ?? "the key's account"
        func verdict(_ kind: KMSSharingVerdict.Kind, _ access: KMSKeyAccess? = nil) -> KMSSharingVerdict {
            KMSSharingVerdict(
                kind: kind, keyArn: keyArn, keyAccount: keyAccount, targetAccount: targetAccount, purpose: purpose,
                access: access)
        }
        if keyMetadata.keyManager == "AWS" { return verdict(.awsManagedKey) }
        let state = keyMetadata.keyState ?? (keyMetadata.enabled == false ? "Disabled" : "Enabled")
        if state != "Enabled" { return verdict(.keyNotUsable(state: state)) }
        guard let keyPolicy else { return verdict(.unreadablePolicy(problem: "GetKeyPolicy gave no policy text")) }
        let policy: KMSKeyPolicy
        do {
            policy = try KMSKeyPolicy(json: keyPolicy)
        } catch {
            return verdict(.unreadablePolicy(problem: error.description))
        }
        let access = KMSKeyAccess(
            keyArn: keyArn, keyAccount: keyAccount, targetAccount: targetAccount, purpose: purpose,
            actions: neededActions.map {
                .init(name: $0, status: status(of: $0, policy: policy, grants: grants, account: targetAccount))
            })
        if !access.missing.isEmpty || !access.denied.isEmpty { return verdict(.notShared, access) }
        return verdict(access.conditional.isEmpty ? .shared : .sharedIfConditionsHold, access)
    }

    /// One action for B: an unconditional Deny wins (explicit deny overrides any allow, grants included); then an
    /// Allow that certainly applies, from the key policy or a grant; then one that depends on conditions.
    static func status(
        of action: String, policy: KMSKeyPolicy, grants: [KMS.GrantListEntry], account: String
    ) -> KMSKeyAccess.Status {
        var allowedBy: (source: String, reach: KMSKeyPolicy.Reach)?
        var conditional: (source: String, conditions: [String])?
        var possibleDenies: [(source: String, conditions: [String])] = []
        for statement in policy.statements where statement.covers(action) {
            guard let reach = statement.reach(into: account) else { continue }
            let source = "key policy statement \(statement.name)" + scopeNote(reach)
            switch (statement.isDeny, statement.conditionOutcome(for: action)) {
            case (_, .fails): continue
            case (true, .holds):
                // A Deny on one principal in B leaves B's other principals alone; it is reported, not final.
                if case .principal = reach { possibleDenies.append((source, [])) } else { return .denied(by: source) }
            case (true, .unknown(let conditions)): possibleDenies.append((source, conditions))
            case (false, .holds):
                if allowedBy == nil || isWider(reach, than: allowedBy!.reach) { allowedBy = (source, reach) }
            case (false, .unknown(let conditions)): if conditional == nil { conditional = (source, conditions) }
            }
        }
        if allowedBy == nil, let grant = grants.first(where: { grant(grant: $0, gives: action, to: account) }) {
            let grantee = grant.granteePrincipal ?? account
            allowedBy = ("grant \(grant.grantId ?? grant.name ?? "(no id)") to \(grantee)", .account)
        }
        if let allowedBy {
            guard possibleDenies.isEmpty else {
                let denies = possibleDenies.map { deny in
                    let when = deny.conditions.joined(separator: " and ")
                    return "\(deny.source) does not deny it" + (when.isEmpty ? "" : " (it denies when \(when))")
                }
                return .conditional(by: allowedBy.source, conditions: denies)
            }
            return .allowed(by: allowedBy.source)
        }
        if let conditional { return .conditional(by: conditional.source, conditions: conditional.conditions) }
        return .missing
    }

    /// Whether a grant names a principal in `account` and lists `action` (grant operations have no `kms:` prefix).
    static func grant(grant: KMS.GrantListEntry, gives action: String, to account: String) -> Bool {
        guard let grantee = grant.granteePrincipal, KMSKeyPolicy.reach(of: grantee, into: account) != nil,
            grantee != "*"
        else { return false }
        return (grant.operations ?? []).contains { "kms:\($0)".lowercased() == action.lowercased() }
    }

    /// " (only for ARN)" when a statement reaches one principal of B rather than the whole account.
    private static func scopeNote(_ reach: KMSKeyPolicy.Reach) -> String {
        if case .principal(let arn) = reach { return " (only for \(arn))" }
        return ""
    }

    /// Whole-account or everyone beats a single principal.
    private static func isWider(_ reach: KMSKeyPolicy.Reach, than other: KMSKeyPolicy.Reach) -> Bool {
        if case .principal = other, reach != other { if case .principal = reach { return false } else { return true } }
        return false
    }

    /// The account field of an ARN.
    private static func account(in arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 4 && !parts[4].isEmpty ? String(parts[4]) : nil
    }
}
