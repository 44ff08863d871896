import AWSServices
import Foundation
import Testing

@testable import AMIKeyWorkflows

/// One case per encryption situation, from fixtures in the shapes AWS documents (KMSSharingFixtures), through the
/// pure check; the printed JSON is parsed back and compared with the documented statements.
@Suite struct KMSSharingCheckTests {
    typealias F = KMSSharingFixtures

    /// The documented "Allow use of the key" statement for B's root, written out from the EBS sharing page.
    static let documentedUse = """
        {"Sid": "Allow use of the key", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:root"]},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
         "Resource": "*"}
        """
    /// The documented "Allow attachment of persistent resources" statement for B's root.
    static let documentedAttachment = """
        {"Sid": "Allow attachment of persistent resources", "Effect": "Allow",
         "Principal": {"AWS": ["arn:aws:iam::444455556666:root"]},
         "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*",
         "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}}
        """
    /// The IAM policy B's principal must hold on A's key.
    static let documentedIAM = """
        {"Version": "2012-10-17", "Statement": [{"Sid": "AllowUseOfKmsKeyFromAccount111122223333", "Effect": "Allow",
         "Action": ["kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
         "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}
        """

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        var state = "Enabled"
        var manager = "CUSTOMER"
        var encrypted = true
        var policy = ""
        var grants = #"{"Grants": []}"#
        var purpose = KMSSharingPurpose.launch
        let kind: KMSSharingVerdict.Kind
        var missing: [String] = []
        var denied: [String] = []
        /// The key policy statements the message must print (a JSON array), nil when none.
        var statements: String?
        /// Text the message must contain.
        var says: [String] = []
    }

    static let cases: [Case] = [
        Case(description: "unencrypted", encrypted: false, kind: .unencrypted,
             says: ["not encrypted: account 444455556666 needs no KMS permissions to launch it."]),
        Case(description: "aws/ebs", manager: "AWS", kind: .awsManagedKey,
             says: ["AWS managed key \(F.keyArn) (aws/ebs)", "cannot launch or copy this image",
                    "Re-run amikey migrate with --source-kms-key ARN"]),
        Case(description: "CMK policy allows B fully", policy: F.policy(F.useForB, F.attachmentForB), kind: .shared,
             says: ["Account 444455556666 can use the KMS key",
                    #"  key policy statement "Allow attachment of persistent resources": kms:CreateGrant\#nBoth sides"#,
                    #"  key policy statement "Allow use of the key": kms:DescribeKey, kms:Decrypt, kms:ReEncryptFrom, "#
                        + "kms:ReEncryptTo, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext\n",
                    "amikey cannot read account 444455556666's IAM"]),
        Case(description: "use but not CreateGrant", policy: F.policy(F.useForB), kind: .notShared,
             missing: ["kms:CreateGrant"], statements: "[\(documentedAttachment)]",
             says: ["Neither the key policy nor the grants of the key in account 111122223333 allow account 444455556666: kms:CreateGrant.",
                    "Add this statement to the Statement array", "add it, then aws kms put-key-policy", "aws kms put-key-policy --key-id \(F.keyArn)",
                    "Then re-run amikey migrate"]),
        Case(description: "kms:* for B's account ID, Statement as an object", policy: F.allForBAsObject, purpose: .copy,
             kind: .shared, says: [#"  key policy statement "B may do anything": kms:DescribeKey, kms:Decrypt, "#, "createVolumePermission"]),
        Case(description: "Principal * with conditions", policy: F.policy(F.everyoneViaEC2), kind: .sharedIfConditionsHold,
             statements: "[\(documentedUse), \(documentedAttachment)]",
             says: ["when StringEquals kms:CallerAccount = 444455556666 and StringEquals kms:ViaService = ec2.us-east-1.amazonaws.com: "
                        + "kms:DescribeKey, kms:Decrypt, kms:ReEncryptFrom, kms:ReEncryptTo, kms:GenerateDataKey, "
                        + "kms:GenerateDataKeyWithoutPlaintext, kms:CreateGrant\n",
                    "only if conditions amikey cannot evaluate hold"]),
        Case(description: "B not mentioned", policy: F.policy(), kind: .notShared,
             missing: KMSSharingCheck.neededActions, statements: "[\(documentedUse), \(documentedAttachment)]",
             says: ["cannot use the KMS key \(F.keyArn) that encrypts the image's snapshots yet, so it could not launch",
                    "Add these statements to the Statement array", "add them, then aws kms put-key-policy"]),
        Case(description: "a Deny statement", policy: F.policy(F.useForB, F.attachmentForB, F.denyDecrypt), kind: .notShared,
             denied: ["kms:Decrypt"],
             says: [#"The key policy statement "DenyDecrypt" denies kms:Decrypt to account 444455556666; an Allow cannot override a Deny"#]),
        Case(description: "key disabled", state: "Disabled", policy: F.policy(F.useForB, F.attachmentForB),
             kind: .keyNotUsable(state: "Disabled"), says: ["is disabled, so no account, 111122223333 included",
                                                            "aws kms enable-key --key-id \(F.keyArn)."]),
        Case(description: "key pending deletion", state: "PendingDeletion", kind: .keyNotUsable(state: "PendingDeletion"),
             says: ["scheduled for deletion", "aws kms cancel-key-deletion --key-id \(F.keyArn) && aws kms enable-key"]),
        Case(description: "grants give B what the policy lacks", policy: F.policy(F.useForB), grants: F.grantToB,
             kind: .shared,
             says: ["  grant 0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60 to arn:aws:iam::444455556666:root: kms:CreateGrant\n"]),
        Case(description: "only one role in B", policy: F.policy(F.useForBRoleOnly), kind: .shared,
             says: ["  key policy statement #2 (only for arn:aws:iam::444455556666:role/Admin): kms:DescribeKey, kms:Decrypt",
                    "run amikey migrate with a --target-profile that signs in as it."]),
        Case(description: "a Deny with a condition", policy: F.policy(F.useForB, F.attachmentForB, F.denyOutsideOrg),
             kind: .sharedIfConditionsHold, statements: "[\(documentedUse)]",
             says: [#"  key policy statement "Allow use of the key", when key policy statement "DenyOutsideOrg" does not "#
                        + "deny it (it denies when StringNotEquals aws:PrincipalOrgID = o-exampleorgid): kms:Decrypt\n"]),
        Case(description: "unreadable policy", policy: #"{"Statement": [{"Action": "kms:*"}]}"#,
             kind: .unreadablePolicy(problem: "statement #1 has no Effect of Allow or Deny"),
             says: ["aws kms get-key-policy --key-id \(F.keyArn) --policy-name default"]),
    ]

    @Test(arguments: cases) func verdict(_ c: Case) throws {
        let verdict = KMSSharingCheck.evaluate(
            keyMetadata: c.encrypted ? try F.metadata(manager: c.manager, state: c.state) : nil, keyPolicy: c.policy,
            grants: try F.grants(c.grants), targetAccount: F.accountB, purpose: c.purpose)
        #expect(verdict.kind == c.kind)
        #expect((verdict.access?.missing ?? []) == c.missing)
        #expect((verdict.access?.denied.map(\.action) ?? []) == c.denied)
        let message = verdict.message
        for text in c.says { #expect(message.contains(text), "\(text)\n--- not in ---\n\(message)") }
        let printed = verdict.kind == .sharedIfConditionsHold
            ? verdict.access?.keyPolicyStatements(covering: Set(verdict.access!.conditional.map(\.action)))
            : verdict.access?.keyPolicyStatementsToAdd
        #expect(try printed.map(canonical) == c.statements.map(canonical))
        if let printed { #expect(message.contains(printed)) }
        if let access = verdict.access {
            #expect(try canonical(access.targetIAMPolicy) == canonical(Self.documentedIAM))
            #expect(message.contains(access.targetIAMPolicy))
            #expect(message.contains("Both sides are needed"))
        }
    }

    /// The short verdicts, word for word.
    @Test(arguments: [
        ("Disabled", "CUSTOMER", KMSSharingPurpose.launch,
         "The KMS key \(F.keyArn) that encrypts the image's snapshots is disabled, so no account, 111122223333 included, "
            + "can use it. Enable it (with account 111122223333's profile): aws kms enable-key --key-id \(F.keyArn). "
            + "Then re-run amikey migrate."),
        ("Enabled", "AWS", .copy,
         "The image's snapshots are encrypted with the AWS managed key \(F.keyArn) (aws/ebs). AWS never lets another "
            + "account use an AWS managed key, so account 444455556666 cannot launch or copy this image. Re-run amikey "
            + "migrate with --source-kms-key ARN, naming a customer managed key of account 111122223333 in the image's "
            + "region: the image is then copied in 111122223333 re-encrypted with that key, and that key is checked "
            + "instead. To create one: aws kms create-key --description \"amikey migrate\" (with account "
            + "111122223333's profile)."),
    ])
    func exactMessage(state: String, manager: String, purpose: KMSSharingPurpose, message: String) throws {
        let verdict = KMSSharingCheck.evaluate(
            keyMetadata: try F.metadata(manager: manager, state: state), keyPolicy: F.policy(F.useForB), grants: [],
            targetAccount: F.accountB, purpose: purpose)
        #expect(verdict.message == message)
        #expect(verdict.isBlocking)
        let plain = KMSSharingCheck.evaluate(
            keyMetadata: nil, keyPolicy: nil, grants: [], targetAccount: F.accountB, purpose: purpose)
        #expect(plain.message == "The image's snapshots are not encrypted: account 444455556666 needs no KMS permissions "
            + "to \(purpose.rawValue) it.")
    }

    @Test func missingPolicyTextIsUnreadable() throws {
        let verdict = KMSSharingCheck.evaluate(
            keyMetadata: try F.metadata(), keyPolicy: nil, grants: [], targetAccount: F.accountB, purpose: .launch)
        #expect(verdict.kind == .unreadablePolicy(problem: "GetKeyPolicy gave no policy text"))
        #expect(verdict.isBlocking && verdict.access == nil)
    }

    @Test func blockingFollowsTheKind() throws {
        let open = KMSSharingCheck.evaluate(
            keyMetadata: try F.metadata(), keyPolicy: F.policy(F.everyoneViaEC2), grants: [], targetAccount: F.accountB,
            purpose: .launch)
        let closed = KMSSharingCheck.evaluate(
            keyMetadata: try F.metadata(), keyPolicy: F.policy(), grants: [], targetAccount: F.accountB, purpose: .launch)
        #expect(!open.isBlocking && open.code == "kms-key-shared-if-conditions-hold")
        #expect(closed.isBlocking && closed.code == "kms-key-not-shared")
    }

    /// The same JSON, whatever its spacing and key order.
    func canonical(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
