/// The text for each verdict: what is true, why, and the next command to run.
extension KMSSharingVerdict {
    /// The AWS page the key policy statements come from.
    static let sharingDoc = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html"

    /// The message for this verdict, multi-line where it carries JSON to paste.
    var message: String {
        let key = keyArn ?? "", owner = keyAccount ?? "the key's account", target = targetAccount
        switch kind {
        case .unencrypted:
            return "The image's snapshots are not encrypted: account \(target) needs no KMS permissions to "
                + "\(purpose == .copy ? "copy" : "launch") it."
        case .awsManagedKey:
            return "The image's snapshots are encrypted with the AWS managed key \(key) (aws/ebs). AWS never lets "
                + "another account use an AWS managed key, so account \(target) cannot launch or copy this image. "
                + "Re-run amikey migrate with --source-kms-key ARN, naming a customer managed key of account \(owner) "
                + "in the image's region: the image is then copied in \(owner) re-encrypted with that key, and that "
                + "key is checked instead. To create one: aws kms create-key --description \"amikey migrate\" "
                + "(with account \(owner)'s profile)."
        case .keyNotUsable(let state):
            return "The KMS key \(key) that encrypts the image's snapshots is \(Self.describe(state: state)), so no "
                + "account, \(owner) included, can use it. \(Self.remedy(state: state, key: key, owner: owner)) "
                + "Then re-run amikey migrate."
        case .unreadablePolicy(let problem):
            return "amikey could not read the key policy of \(key): \(problem). Look at it with "
                + "aws kms get-key-policy --key-id \(key) --policy-name default --output text (with account \(owner)'s "
                + "profile); account \(target) needs the statements shown in \(Self.sharingDoc)."
        case .shared, .sharedIfConditionsHold, .notShared:
            return access.map(customerManagedMessage) ?? ""
        }
    }

    /// The three verdicts about a customer managed key whose policy was read.
    private func customerManagedMessage(_ access: KMSKeyAccess) -> String {
        let key = access.keyArn, owner = access.keyAccount, target = access.targetAccount
        var lines: [String] = []
        switch kind {
        case .shared:
            lines.append("Account \(target) can use the KMS key \(key) that encrypts the image's snapshots; in account \(owner):")
            lines += Self.grouped(access.actions.compactMap {
                if case .allowed(let by) = $0.status { (source: by, action: $0.name) } else { nil }
            })
            if access.actions.contains(where: { if case .allowed(let by) = $0.status { by.contains("(only for ") } else { false } }) {
                lines.append("A statement that names one role or user of account \(target) allows only that principal: "
                    + "run amikey migrate with a --target-profile that signs in as it.")
            }
        case .sharedIfConditionsHold:
            lines.append("Account \(target) can use the KMS key \(key) only if conditions amikey cannot evaluate hold:")
            lines += Self.grouped(access.conditional.map {
                (source: "\($0.source), when " + $0.conditions.joined(separator: " and "), action: $0.action)
            })
            lines.append("Check that they hold for the requests EC2 makes for account \(target). If one does not, add "
                + "these statements to the key policy in account \(owner) (from \(Self.sharingDoc)):")
            lines.append(access.keyPolicyStatements(covering: Set(access.conditional.map(\.action))) ?? "[]")
        default:
            lines.append("Account \(target) cannot use the KMS key \(key) that encrypts the image's snapshots yet, so it "
                + "could not \(purpose == .copy ? "copy" : "launch") the image.")
            if !access.missing.isEmpty {
                lines.append("Neither the key policy nor the grants of the key in account \(owner) allow account \(target): "
                    + access.missing.joined(separator: ", ") + ".")
            }
            for (action, statement) in access.denied {
                lines.append("The \(statement) denies \(action) to account \(target); an Allow cannot override a Deny, "
                    + "so remove or narrow that statement first.")
            }
            if let statements = access.keyPolicyStatementsToAdd {
                let these = statements.contains("\"Allow use of the key\"") && statements.contains("persistent resources")
                    ? "these statements" : "this statement"
                lines.append("Add \(these) to the Statement array of the key policy in account \(owner) "
                    + "(from \(Self.sharingDoc)):")
                lines.append(statements)
                lines.append("With account \(owner)'s profile: aws kms get-key-policy --key-id \(key) --policy-name default "
                    + "--output text > policy.json, add \(these == "this statement" ? "it" : "them"), then aws kms put-key-policy --key-id \(key) "
                    + "--policy-name default --policy file://policy.json")
            }
        }
        lines.append("Both sides are needed: the identity amikey uses in account \(target) (--target-profile) must also "
            + "be allowed these actions on the key by its IAM policies, and amikey cannot read account \(target)'s IAM "
            + "policies to check. If it lacks them, attach this policy to it:")
        lines.append(access.targetIAMPolicy)
        lines.append(purposeNote(owner: owner, target: target))
        if kind == .notShared { lines.append("Then re-run amikey migrate; it resumes where it stopped.") }
        return lines.joined(separator: "\n")
    }

    /// One line per source, listing its actions in the order they came: `  SOURCE: kms:A, kms:B`.
    private static func grouped(_ pairs: [(source: String, action: String)]) -> [String] {
        var sources: [String] = [], actions: [String: [String]] = [:]
        for pair in pairs {
            if actions[pair.source] == nil { sources.append(pair.source) }
            actions[pair.source, default: []].append(pair.action)
        }
        return sources.map { "  \($0): " + actions[$0, default: []].joined(separator: ", ") }
    }

    /// What the purpose adds: a launched instance keeps depending on A's key; a copy also needs the snapshots.
    private func purposeNote(owner: String, target: String) -> String {
        switch purpose {
        case .launch:
            "Instances launched in account \(target) from the shared image keep their volumes encrypted with this key, "
                + "so they stop working if account \(owner) disables or deletes it; --copy-image --target-kms-key ARN "
                + "gives account \(target) its own copy under its own key."
        case .copy:
            "To copy the image, account \(target) also needs createVolumePermission on its snapshots, which amikey "
                + "adds when it shares the image; the copy is re-encrypted with --target-kms-key (or account "
                + "\(target)'s aws/ebs key without it)."
        }
    }

    /// A key state in words (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html).
    static func describe(state: String) -> String {
        switch state {
        case "Disabled": "disabled"
        case "PendingDeletion": "scheduled for deletion"
        case "PendingReplicaDeletion": "a replica scheduled for deletion"
        case "PendingImport": "waiting for its key material to be imported"
        case "Unavailable": "unavailable (its custom key store is disconnected)"
        default: "in state \(state)"
        }
    }

    /// The command that brings a key back to `Enabled`, per state.
    static func remedy(state: String, key: String, owner: String) -> String {
        let profile = "with account \(owner)'s profile"
        switch state {
        case "Disabled":
            return "Enable it (\(profile)): aws kms enable-key --key-id \(key)."
        case "PendingDeletion", "PendingReplicaDeletion":
            return "Cancel the deletion, which leaves the key disabled, and enable it (\(profile)): "
                + "aws kms cancel-key-deletion --key-id \(key) && aws kms enable-key --key-id \(key)."
        case "PendingImport":
            return "Import its key material (\(profile)): aws kms get-parameters-for-import, then aws kms import-key-material."
        case "Unavailable":
            return "Reconnect its custom key store (\(profile)): aws kms connect-custom-key-store."
        default:
            return "Wait until aws kms describe-key --key-id \(key) shows KeyState Enabled (\(profile))."
        }
    }
}
