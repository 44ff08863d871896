import Testing

@testable import AMIKeyWorkflows

/// The policy grammar pieces the sharing check rests on: action wildcards, principal forms, conditions.
@Suite struct KMSKeyPolicyTests {
    @Test(arguments: [
        ("kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKey*", true),
        ("kms:GenerateDataKey", "kms:GenerateDataKey*", true),
        ("kms:ReEncryptFrom", "kms:ReEncrypt*", true),
        ("kms:Decrypt", "KMS:decrypt", true),
        ("kms:Decrypt", "kms:*", true),
        ("kms:Decrypt", "*", true),
        ("kms:Decrypt", "kms:Decrypt?", false),
        ("kms:Encrypt", "kms:?ncrypt", true),
        ("kms:CreateGrant", "kms:Create", false),
        ("kms:CreateGrant", "ec2:*", false),
    ])
    func actionWildcards(action: String, pattern: String, matches: Bool) {
        #expect(KMSKeyPolicy.action(action, matches: pattern) == matches)
    }

    @Test(arguments: [
        ("*", KMSKeyPolicy.Reach?.some(.everyone)),
        ("444455556666", .account),
        ("arn:aws:iam::444455556666:root", .account),
        ("arn:aws-cn:iam::444455556666:root", .account),
        ("arn:aws:iam::444455556666:role/Admin", .principal("arn:aws:iam::444455556666:role/Admin")),
        ("arn:aws:sts::444455556666:assumed-role/Admin/s", .principal("arn:aws:sts::444455556666:assumed-role/Admin/s")),
        ("arn:aws:iam::111122223333:root", nil),
        ("111122223333", nil),
    ])
    func principalReach(principal: String, reach: KMSKeyPolicy.Reach?) {
        #expect(KMSKeyPolicy.reach(of: principal, into: "444455556666") == reach)
    }

    @Test func grantConditionHoldsOnlyForEC2GrantCalls() throws {
        let policy = try KMSKeyPolicy(json: """
            {"Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "kms:*",
             "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}}
            """)
        let statement = try #require(policy.statements.first)
        #expect(statement.conditionOutcome(for: "kms:CreateGrant") == .holds)
        #expect(statement.conditionOutcome(for: "kms:Decrypt") == .fails)
    }

    @Test func notActionAndNotPrincipal() throws {
        let policy = try KMSKeyPolicy(json: """
            {"Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:root"]},
             "NotAction": ["kms:Describe*", "kms:List*"]}]}
            """)
        let statement = try #require(policy.statements.first)
        #expect(statement.reach(into: "444455556666") == .account)
        #expect(statement.reach(into: "111122223333") == nil)
        #expect(statement.covers("kms:Decrypt"))
        #expect(!statement.covers("kms:DescribeKey"))
        #expect(statement.name == "#1")
    }

    @Test(arguments: [
        ("not json", "it is not valid JSON"),
        ("[1]", "it is not a JSON object"),
        (#"{"Version": "2012-10-17"}"#, "it has no Statement"),
        (#"{"Statement": [{"Sid": "X", "Effect": "Allow"}]}"#, #"statement "X" has no Action"#),
    ])
    func unreadable(text: String, problem: String) {
        #expect(throws: KMSKeyPolicy.ParseError(description: problem)) { try KMSKeyPolicy(json: text) }
    }
}
