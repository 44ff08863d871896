/// How an acceptor inspects one poll: the five matchers of botocore's waiters-2.json (`botocore/waiter.py`
/// `AcceptorConfig._create_matcher_func`).
///
/// JMESPath is not evaluated here: a path matcher keeps the expression text (for messages, and to compare with
/// botocore's model in tests) and a closure that selects the same values from the typed response.
///
/// ## Usage
/// ```swift
/// WaiterMatcher<DescribeImagesOutput>.pathAll("Images[].State", expected: "available") { $0.images.map(\.state) }
/// WaiterMatcher<DescribeImagesOutput>.error("InvalidAMIID.NotFound")
/// ```
public struct WaiterMatcher<Response: Sendable>: Sendable {
    enum Kind: Sendable {
        case path(@Sendable (Response) -> WaiterValue?)
        case pathAll(@Sendable (Response) -> [WaiterValue])
        case pathAny(@Sendable (Response) -> [WaiterValue])
        case status
        case error
    }

    let kind: Kind
    /// The JMESPath expression a path matcher stands for; `nil` for `status` and `error`.
    public let argument: String?
    /// The value the matcher compares with.
    public let expected: WaiterValue

    /// botocore `path`: the selected value equals `expected`.
    public static func path(
        _ argument: String, expected: WaiterValue, _ select: @escaping @Sendable (Response) -> WaiterValue?
    ) -> Self {
        Self(kind: .path(select), argument: argument, expected: expected)
    }

    /// botocore `pathAll`: the selection is non-empty and every element equals `expected`.
    public static func pathAll(
        _ argument: String, expected: WaiterValue, _ select: @escaping @Sendable (Response) -> [WaiterValue]
    ) -> Self {
        Self(kind: .pathAll(select), argument: argument, expected: expected)
    }

    /// `pathAll` over strings, the common case (resource states).
    public static func pathAll(
        _ argument: String, expected: String, _ select: @escaping @Sendable (Response) -> [String]
    ) -> Self {
        pathAll(argument, expected: .string(expected)) { select($0).map(WaiterValue.string) }
    }

    /// botocore `pathAny`: the selection is non-empty and at least one element equals `expected`.
    public static func pathAny(
        _ argument: String, expected: WaiterValue, _ select: @escaping @Sendable (Response) -> [WaiterValue]
    ) -> Self {
        Self(kind: .pathAny(select), argument: argument, expected: expected)
    }

    /// `pathAny` over strings, the common case (resource states).
    public static func pathAny(
        _ argument: String, expected: String, _ select: @escaping @Sendable (Response) -> [String]
    ) -> Self {
        pathAny(argument, expected: .string(expected)) { select($0).map(WaiterValue.string) }
    }

    /// botocore `status`: the HTTP status of the response or error equals `statusCode`.
    public static func status(_ statusCode: Int) -> Self {
        Self(kind: .status, argument: nil, expected: .int(statusCode))
    }

    /// botocore `error` with a code: the call failed with exactly this service error code.
    public static func error(_ code: String) -> Self {
        Self(kind: .error, argument: nil, expected: .string(code))
    }

    /// botocore `error` with `true`: the call failed with any service error.
    public static var anyError: Self { Self(kind: .error, argument: nil, expected: .bool(true)) }

    /// botocore `error` with `false`: the call succeeded.
    public static var noError: Self { Self(kind: .error, argument: nil, expected: .bool(false)) }

    /// The matcher's name in waiters-2.json (`path`, `pathAll`, `pathAny`, `status`, `error`).
    public var name: String {
        switch kind {
        case .path: "path"
        case .pathAll: "pathAll"
        case .pathAny: "pathAny"
        case .status: "status"
        case .error: "error"
        }
    }

    /// Whether this matcher matches `observation`.
    public func matches(_ observation: WaiterObservation<Response>) -> Bool {
        switch kind {
        case .status:
            return expected == .int(observation.statusCode)
        case .error:
            switch expected {
            case .bool(true): return observation.errorCode != nil
            case .bool(false): return observation.errorCode == nil
            default: return observation.errorCode.map(WaiterValue.string) == expected
            }
        case .path(let select):
            // Path matchers never match an error response (botocore `is_valid_waiter_error`).
            guard let response = observation.response else { return false }
            return select(response) == expected
        case .pathAll(let select):
            guard let response = observation.response else { return false }
            // "we require at least one element in the list": an empty selection does not match.
            let values = select(response)
            return !values.isEmpty && values.allSatisfy { $0 == expected }
        case .pathAny(let select):
            guard let response = observation.response else { return false }
            return select(response).contains(expected)
        }
    }

    /// The values a path matcher selects from `response`, for progress and timeout messages.
    func selectedValues(from response: Response) -> [WaiterValue]? {
        switch kind {
        case .path(let select): select(response).map { [$0] } ?? []
        case .pathAll(let select), .pathAny(let select): select(response)
        case .status, .error: nil
        }
    }
}
