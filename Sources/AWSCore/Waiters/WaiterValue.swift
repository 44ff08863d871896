/// A value a waiter acceptor compares against: the `expected` field of a waiters-2.json acceptor.
///
/// botocore's models use strings (`"available"`), booleans (`length(Images[]) > \`0\`` == `true`) and, for
/// the `status` matcher, integers.
public enum WaiterValue: Sendable, Hashable, CustomStringConvertible {
    /// A string, e.g. a resource state.
    case string(String)
    /// A boolean, e.g. the result of a `length(...) > 0` expression.
    case bool(Bool)
    /// An integer.
    case int(Int)

    /// The value as botocore prints it in a waiter explanation.
    public var description: String {
        switch self {
        case .string(let value): value
        case .bool(let value): value ? "True" : "False"
        case .int(let value): String(value)
        }
    }
}

extension WaiterValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    /// A string literal is a `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A boolean literal is a `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal is an `.int`.
    public init(integerLiteral value: Int) { self = .int(value) }
}
