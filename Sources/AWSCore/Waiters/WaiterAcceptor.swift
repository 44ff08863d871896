/// One rule of a waiter: when `matcher` matches a poll, the waiter moves to `state`.
///
/// Acceptors are tried in order and the first match wins, as in botocore `Waiter.wait`.
///
/// ## Usage
/// ```swift
/// WaiterAcceptor<DescribeImagesOutput>(.failure, .pathAny("Images[].State", expected: "failed") { $0.imageStates })
/// ```
public struct WaiterAcceptor<Response: Sendable>: Sendable {
    /// Where the waiter goes when the matcher matches.
    public let state: WaiterState
    /// What the acceptor looks for.
    public let matcher: WaiterMatcher<Response>

    /// An acceptor moving to `state` when `matcher` matches.
    public init(_ state: WaiterState, _ matcher: WaiterMatcher<Response>) {
        self.state = state
        self.matcher = matcher
    }

    /// Why the acceptor matched, worded as botocore's `AcceptorConfig.explanation`.
    public var explanation: String {
        let argument = matcher.argument ?? ""
        switch matcher.name {
        case "path": return "For expression \"\(argument)\" we matched expected path: \"\(matcher.expected)\""
        case "pathAll":
            return "For expression \"\(argument)\" all members matched expected path: \"\(matcher.expected)\""
        case "pathAny":
            return "For expression \"\(argument)\" we matched expected path: \"\(matcher.expected)\" at least once"
        case "status": return "Matched expected HTTP status code: \(matcher.expected)"
        default: return "Matched expected service error code: \(matcher.expected)"
        }
    }
}
