import Foundation

/// A KMS key policy document, read from GetKeyPolicy's JSON text into the parts the sharing check needs.
///
/// The grammar is the IAM policy language
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): `Statement` is one object
/// or an array; `Principal` is `"*"` or a map such as `{"AWS": "…"}` whose values are a string or an array;
/// `Action`/`NotAction` are a string or an array; `Condition` is `{operator: {key: value-or-values}}`.
struct KMSKeyPolicy: Sendable, Hashable {
    /// One statement of the policy.
    struct Statement: Sendable, Hashable {
        /// `"Sid"` in quotes, or `#N` (1-based) when it has none, so messages can point at it.
        var name: String
        /// `Effect` is `Deny` (anything else that parsed is `Allow`).
        var isDeny: Bool
        /// `Principal`'s values, `"*"` standing for everyone; nil when the statement has `NotPrincipal`.
        var principals: [String]?
        /// `NotPrincipal`'s values, when present.
        var notPrincipals: [String]?
        /// `Action`'s patterns; nil when the statement uses `NotAction`.
        var actions: [String]?
        /// `NotAction`'s patterns.
        var notActions: [String]?
        /// `Condition` flattened to one entry per operator and key.
        var conditions: [Condition]
    }

    /// One operator/key pair of a `Condition` block with its values as text.
    struct Condition: Sendable, Hashable, CustomStringConvertible {
        /// The condition operator (`Bool`, `StringEquals`, …).
        var `operator`: String
        /// The context key (`kms:GrantIsForAWSResource`, `kms:ViaService`, …).
        var key: String
        /// The values, rendered as text (`true`, `ec2.us-east-1.amazonaws.com`).
        var values: [String]

        /// `StringEquals kms:CallerAccount = 222222222222`, the form messages show.
        var description: String {
            "\(`operator`) \(key) = \(values.count == 1 ? values[0] : "[" + values.joined(separator: ", ") + "]")"
        }
    }

    /// The statements, in document order.
    var statements: [Statement]

    /// Why a policy text could not be read.
    struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What was wrong, in words.
        var description: String
    }

    /// Parses the policy text; throws `ParseError` naming the first thing that does not fit the grammar.
    init(json text: String) throws(ParseError) {
        guard let document = try? JSONDecoder().decode(PolicyJSONValue.self, from: Data(text.utf8)) else {
            throw ParseError(description: "it is not valid JSON")
        }
        guard case .object(let fields) = document else { throw ParseError(description: "it is not a JSON object") }
        let raw: [PolicyJSONValue]
        switch fields["Statement"] {
        case .array(let list)?: raw = list
        case let single?: raw = [single]
        case nil: throw ParseError(description: "it has no Statement")
        }
        var statements: [Statement] = []
        for (index, item) in raw.enumerated() {
            guard case .object(let statement) = item else {
                throw ParseError(description: "statement #\(index + 1) is not a JSON object")
            }
            statements.append(try Self.statement(statement, index: index))
        }
        self.statements = statements
    }

    /// One statement; `index` names it when it has no `Sid`.
    private static func statement(_ object: [String: PolicyJSONValue], index: Int) throws(ParseError) -> Statement {
        let sid = object["Sid"]?.scalarText ?? ""
        let name = sid.isEmpty ? "#\(index + 1)" : "\"\(sid)\""
        guard let effect = object["Effect"]?.scalarText?.lowercased(), ["allow", "deny"].contains(effect) else {
            throw ParseError(description: "statement \(name) has no Effect of Allow or Deny")
        }
        let actions = object["Action"]?.texts, notActions = object["NotAction"]?.texts
        guard actions != nil || notActions != nil else { throw ParseError(description: "statement \(name) has no Action") }
        var conditions: [Condition] = []
        if case .object(let block)? = object["Condition"] {
            for (op, entries) in block.sorted(by: { $0.key < $1.key }) {
                guard case .object(let pairs) = entries else { continue }
                for (key, value) in pairs.sorted(by: { $0.key < $1.key }) {
                    conditions.append(Condition(operator: op, key: key, values: value.texts ?? []))
                }
            }
        }
        return Statement(
            name: name, isDeny: effect == "deny", principals: principals(object["Principal"]),
            notPrincipals: principals(object["NotPrincipal"]), actions: actions, notActions: notActions,
            conditions: conditions)
    }

    /// `"*"` or the `AWS` values of a principal block (service and federated principals are never account B).
    private static func principals(_ value: PolicyJSONValue?) -> [String]? {
        switch value {
        case .string(let star)?: [star]
        case .object(let map)?: map["AWS"]?.texts ?? []
        default: nil
        }
    }
}
