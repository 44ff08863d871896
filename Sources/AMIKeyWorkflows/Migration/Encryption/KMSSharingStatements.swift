import Foundation

/// The policy statements AWS documents for letting another account use a KMS key, as pasteable JSON.
///
/// Key policy in account A: the two statements of the example in
/// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html ("Allow use of the key",
/// "Allow attachment of persistent resources" with `kms:GrantIsForAWSResource`), the same pair as
/// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html.
/// IAM policy in account B: the actions the user of a shared key needs, on the key's ARN (aws-wire.md §3.4);
/// "Neither the key policy nor the IAM policy alone is sufficient" (same KMS page).
enum KMSSharingStatements {
    /// One policy statement in IAM's grammar; the keys sort into a stable order when printed.
    struct Statement: Encodable, Sendable, Hashable {
        /// `Sid`.
        var sid: String
        /// `Effect`.
        var effect = "Allow"
        /// `Principal`, key policies only.
        var principal: [String: [String]]?
        /// `Action`.
        var action: [String]
        /// `Resource`: `*` in a key policy (the key itself), the key ARN in an IAM policy.
        var resource: String
        /// `Condition`, `{"Bool": {"kms:GrantIsForAWSResource": true}}` on the attachment statement.
        var condition: [String: [String: Bool]]?

        /// The policy grammar's names.
        enum CodingKeys: String, CodingKey {
            case sid = "Sid", effect = "Effect", principal = "Principal", action = "Action", resource = "Resource"
            case condition = "Condition"
        }
    }

    /// A whole IAM policy document.
    struct Document: Encodable, Sendable, Hashable {
        /// `Version`.
        var version = "2012-10-17"
        /// `Statement`.
        var statement: [Statement]

        /// The policy grammar's names.
        enum CodingKeys: String, CodingKey { case version = "Version", statement = "Statement" }
    }

    /// The key policy statement "Allow use of the key" for `account`'s root.
    static func useOfTheKey(partition: String, account: String) -> Statement {
        Statement(
            sid: "Allow use of the key", principal: ["AWS": [root(partition: partition, account: account)]],
            action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            resource: "*")
    }

    /// The key policy statement "Allow attachment of persistent resources" for `account`'s root.
    static func attachmentOfPersistentResources(partition: String, account: String) -> Statement {
        Statement(
            sid: "Allow attachment of persistent resources",
            principal: ["AWS": [root(partition: partition, account: account)]],
            action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], resource: "*",
            condition: ["Bool": ["kms:GrantIsForAWSResource": true]])
    }

    /// The IAM policy B's principal needs: the actions EC2 uses on the key for B, on the key's ARN.
    static func targetIAMPolicy(keyArn: String, keyAccount: String) -> Document {
        Document(statement: [Statement(
            sid: "AllowUseOfKmsKeyFromAccount\(keyAccount)",
            action: ["kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
            resource: keyArn)])
    }

    /// `arn:PARTITION:iam::ACCOUNT:root`.
    static func root(partition: String, account: String) -> String { "arn:\(partition):iam::\(account):root" }

    /// The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`), `aws` when it is not an ARN.
    static func partition(of arn: String) -> String {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 1 && parts[0] == "arn" && !parts[1].isEmpty ? String(parts[1]) : "aws"
    }

    /// Pretty JSON with sorted keys and unescaped slashes, ready to paste.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs cannot fail.
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }
}
