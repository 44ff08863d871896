/// Which statements reach account B for an action: principal, action and condition matching, per the IAM policy
/// evaluation rules (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
extension KMSKeyPolicy {
    /// How much of account B a statement's principal covers.
    enum Reach: Sendable, Hashable {
        /// `"*"`: everyone, B included (usually narrowed by a condition).
        case everyone
        /// B's account ID or `arn:…:iam::B:root`: any principal in B whose IAM policies allow it.
        case account
        /// One role or user in B: only that principal.
        case principal(String)
    }

    /// What a statement's conditions say about a request EC2 makes for account B.
    enum ConditionOutcome: Sendable, Hashable {
        /// No conditions, or all of them hold.
        case holds
        /// A condition certainly fails: the statement does not apply.
        case fails
        /// Conditions amikey cannot evaluate from here, shown as text.
        case unknown([String])
    }

    /// The grant operations whose requests carry `kms:GrantIsForAWSResource`
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource).
    static let grantActions: Set<String> = ["kms:creategrant", "kms:listgrants", "kms:revokegrant"]

    /// How far `principal` (one `Principal` value) reaches into `account`; nil when it is another account.
    static func reach(of principal: String, into account: String) -> Reach? {
        if principal == "*" { return .everyone }
        if principal == account { return .account }
        // arn:partition:service:region:account:resource
        let parts = principal.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", ["iam", "sts"].contains(parts[2]), parts[4] == account else {
            return nil
        }
        return parts[2] == "iam" && parts[5] == "root" ? .account : .principal(principal)
    }

    /// Matches an action against a pattern with `*` and `?`, ignoring case as IAM does.
    static func action(_ action: String, matches pattern: String) -> Bool {
        let text = Array(action.lowercased()), glob = Array(pattern.lowercased())
        var t = 0, g = 0, starG = -1, starT = 0
        while t < text.count {
            if g < glob.count, glob[g] == "?" || glob[g] == text[t] {
                t += 1
                g += 1
            } else if g < glob.count, glob[g] == "*" {
                starG = g
                starT = t
                g += 1
            } else if starG >= 0 {
                g = starG + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }
}

extension KMSKeyPolicy.Statement {
    /// How far this statement reaches into `account`; nil when it does not name B at all.
    func reach(into account: String) -> KMSKeyPolicy.Reach? {
        if let principals {
            let reaches = principals.compactMap { KMSKeyPolicy.reach(of: $0, into: account) }
            if reaches.contains(.everyone) { return .everyone }
            if reaches.contains(.account) { return .account }
            return reaches.first
        }
        // NotPrincipal: everyone except those listed; B is left out only when its account (or everyone) is listed.
        let excluded = (notPrincipals ?? []).compactMap { KMSKeyPolicy.reach(of: $0, into: account) }
        return excluded.contains(.everyone) || excluded.contains(.account) ? nil : .account
    }

    /// Whether the statement's `Action` (or `NotAction`) covers `action`.
    func covers(_ action: String) -> Bool {
        if let actions { return actions.contains { KMSKeyPolicy.action(action, matches: $0) } }
        return !(notActions ?? []).contains { KMSKeyPolicy.action(action, matches: $0) }
    }

    /// The conditions for a request EC2 makes for B: `Bool kms:GrantIsForAWSResource` is true on EC2's own
    /// CreateGrant/ListGrants/RevokeGrant and absent (so a `Bool` test fails) on every other action; anything
    /// else depends on the request and is reported, not guessed.
    func conditionOutcome(for action: String) -> KMSKeyPolicy.ConditionOutcome {
        var unknown: [String] = []
        for condition in conditions {
            guard condition.key.lowercased() == "kms:grantisforawsresource", condition.operator == "Bool",
                condition.values.count == 1, let wanted = Bool(condition.values[0].lowercased())
            else {
                unknown.append(condition.description)
                continue
            }
            let present = KMSKeyPolicy.grantActions.contains(action.lowercased())
            if !present || !wanted { return .fails }
        }
        return unknown.isEmpty ? .holds : .unknown(unknown)
    }
}
