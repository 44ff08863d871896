import AWSCore
import AWSServices
import Foundation

/// Key metadata, key policies and grants in the shapes AWS documents; account A is 111122223333 (the key's owner),
/// account B is 444455556666 (the target), the account IDs AWS's KMS examples use.
enum KMSSharingFixtures {
    /// Account A, which owns the key.
    static let accountA = "111122223333"
    /// Account B, which will launch or copy the image.
    static let accountB = "444455556666"
    /// The key's ARN.
    static let keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    /// A DescribeKey response body as in https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
    /// (example "To get details about a KMS key"), with the manager and state varied.
    static func metadata(manager: String = "CUSTOMER", state: String = "Enabled", description: String = "")
        throws -> KMS.KeyMetadata
    {
        let body = """
            {"KeyMetadata": {"AWSAccountId": "\(accountA)", "Arn": "\(keyArn)", "CreationDate": 1499988169.234,
            "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "Description": "\(description)", "Enabled": \(state == "Enabled"),
            "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "KeyId": "1234abcd-12ab-34cd-56ef-1234567890ab",
            "KeyManager": "\(manager)", "KeySpec": "SYMMETRIC_DEFAULT", "KeyState": "\(state)",
            "KeyUsage": "ENCRYPT_DECRYPT", "MultiRegion": false, "Origin": "AWS_KMS"}}
            """
        return try KMS.describeKey(.init(keyId: keyArn)).decode(AWSHTTPResponse(statusCode: 200, text: body)).keyMetadata
    }

    /// Grants as ListGrants returns them (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html).
    static func grants(_ body: String) throws -> [KMS.GrantListEntry] {
        try KMS.listGrants(.init(keyId: keyArn)).decode(AWSHTTPResponse(statusCode: 200, text: body)).grants
    }

    /// The default key policy statement every key has: account A's root gets `kms:*`
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam).
    static let enableIAM = """
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}
        """

    /// A policy: the default statement plus `statements`, as GetKeyPolicy returns it.
    static func policy(_ statements: String...) -> String {
        #"{"Version": "2012-10-17", "Id": "key-consolepolicy-3", "Statement": ["#
            + ([enableIAM] + statements).joined(separator: ",\n") + "]}"
    }

    /// "Allow use of the key" for B's root, from the example key policy in
    /// https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html (Principal as a list).
    static let useForB = """
        {"Sid": "Allow use of the key", "Effect": "Allow",
         "Principal": {"AWS": ["arn:aws:iam::444455556666:root"]},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
         "Resource": "*"}
        """

    /// "Allow attachment of persistent resources" for B's root, from the same page.
    static let attachmentForB = """
        {"Sid": "Allow attachment of persistent resources", "Effect": "Allow",
         "Principal": {"AWS": ["arn:aws:iam::444455556666:root"]},
         "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*",
         "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}}
        """

    /// B named by account ID with `kms:*`, as the cross-account example in
    /// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html allows
    /// ("you can specify the account ID"); Statement given as a single object, not an array.
    static let allForBAsObject = """
        {"Version": "2012-10-17", "Statement": {"Sid": "B may do anything", "Effect": "Allow",
         "Principal": {"AWS": "444455556666"}, "Action": "kms:*", "Resource": "*"}}
        """

    /// Everyone, narrowed by `kms:CallerAccount` and `kms:ViaService`, the shape of the AWS managed key policies
    /// (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service).
    static let everyoneViaEC2 = """
        {"Sid": "Allow access through EBS for all principals in the account that are authorized to use EBS",
         "Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant",
                    "kms:DescribeKey"], "Resource": "*",
         "Condition": {"StringEquals": {"kms:CallerAccount": "444455556666",
                                        "kms:ViaService": "ec2.us-east-1.amazonaws.com"}}}
        """

    /// A Deny on Decrypt for everyone outside A, in the form of
    /// https://docs.aws.amazon.com/kms/latest/developerguide/customer-managed-policies.html (explicit deny), no condition.
    static let denyDecrypt = """
        {"Sid": "DenyDecrypt", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}
        """

    /// A Deny for callers outside an organization, the `aws:PrincipalOrgID` pattern of
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid.
    static let denyOutsideOrg = """
        {"Sid": "DenyOutsideOrg", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
         "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-exampleorgid"}}}
        """

    /// Only B's role Admin (not the account) may use the key, a role ARN in Principal.
    static let useForBRoleOnly = """
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/Admin"},
         "Action": ["kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"],
         "Resource": "*"}
        """

    /// A ListGrants page: a grant to B's root for CreateGrant and Decrypt (operations as in the ListGrants example).
    static let grantToB = """
        {"Grants": [{"CreationDate": 1.499988169E9, "GrantId": "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60",
          "GranteePrincipal": "arn:aws:iam::444455556666:root", "IssuingAccount": "arn:aws:iam::111122223333:root",
          "KeyId": "\(keyArn)", "Name": "", "Operations": ["CreateGrant", "Decrypt"],
          "RetiringPrincipal": "arn:aws:iam::111122223333:root"},
         {"GrantId": "91ad875e49b04a9d1f3bdeb84d821f9db6ea95e1098813f6d47f0c65fbe2a172",
          "GranteePrincipal": "arn:aws:iam::999988887777:root", "KeyId": "\(keyArn)", "Operations": ["Encrypt"]}],
         "Truncated": false}
        """
}
