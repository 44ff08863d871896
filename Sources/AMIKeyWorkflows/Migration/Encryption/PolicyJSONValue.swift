/// A JSON value decoded without Foundation's `Any`, so `true` stays a Bool and never reads as `1` on Linux.
enum PolicyJSONValue: Sendable, Hashable, Decodable {
    /// A JSON string.
    case string(String)
    /// A JSON number, kept as its text.
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// A JSON array.
    case array([PolicyJSONValue])
    /// A JSON object (key order is not kept; policies do not depend on it).
    case object([String: PolicyJSONValue])
    /// `null`.
    case null

    /// Tries the kinds from the most specific: Bool before number, since a decoder never reads a number as Bool.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PolicyJSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PolicyJSONValue].self))
        }
    }

    /// A scalar as text (`true`, `42`, `ec2.us-east-1.amazonaws.com`); nil for arrays, objects and null.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// A scalar or an array of scalars as a list of text, the policy grammar's "string or array" slots.
    var texts: [String]? {
        if case .array(let items) = self { return items.compactMap(\.scalarText) }
        return scalarText.map { [$0] }
    }
}
