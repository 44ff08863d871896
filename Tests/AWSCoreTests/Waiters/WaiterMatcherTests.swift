import Testing

@testable import AWSCore

@Suite("Waiter matchers behave like botocore waiter.py")
struct WaiterMatcherTests {
    typealias Matcher = WaiterMatcher<FakeDescribeOutput>

    static func response(_ states: [String], status: Int = 200) -> WaiterObservation<FakeDescribeOutput> {
        .response(FakeDescribeOutput(states: states), statusCode: status)
    }
    static let notFound = WaiterObservation<FakeDescribeOutput>.serviceError(
        code: "InvalidAMIID.NotFound", message: "The image id does not exist", statusCode: 400)

    static let all = Matcher.pathAll("S[]", expected: "ok") { $0.states }
    static let any = Matcher.pathAny("S[]", expected: "bad") { $0.states }
    static let first = Matcher.path("S[0]", expected: "ok") { $0.states.first.map(WaiterValue.string) }
    static let nonEmpty = Matcher.path("length(S[]) > `0`", expected: true) { .bool(!$0.states.isEmpty) }

    @Test(
        "Path matchers over a response",
        arguments: [
            (all, ["ok"], true),
            (all, ["ok", "ok", "ok"], true),
            (all, ["ok", "bad"], false),
            (all, [], false),
            (any, ["ok", "bad"], true),
            (any, ["ok"], false),
            (any, [], false),
            (first, ["ok", "bad"], true),
            (first, ["bad", "ok"], false),
            (first, [], false),
            (nonEmpty, ["x"], true),
            (nonEmpty, [], false),
        ] as [(Matcher, [String], Bool)])
    func paths(matcher: Matcher, states: [String], expected: Bool) {
        #expect(matcher.matches(Self.response(states)) == expected)
    }

    @Test("Path matchers never match an error response", arguments: [all, any, first, nonEmpty])
    func pathsIgnoreErrors(matcher: Matcher) {
        #expect(!matcher.matches(Self.notFound))
    }

    @Test(
        "Status and error matchers",
        arguments: [
            (Matcher.status(200), response(["x"]), true),
            (.status(200), response(["x"], status: 201), false),
            (.status(400), notFound, true),
            (.error("InvalidAMIID.NotFound"), notFound, true),
            (.error("InvalidInstanceID.NotFound"), notFound, false),
            (.error("InvalidAMIID.NotFound"), response([]), false),
            (.anyError, notFound, true),
            (.anyError, response([]), false),
            (.noError, response([]), true),
            (.noError, notFound, false),
        ] as [(Matcher, WaiterObservation<FakeDescribeOutput>, Bool)])
    func statusAndError(matcher: Matcher, observation: WaiterObservation<FakeDescribeOutput>, expected: Bool) {
        #expect(matcher.matches(observation) == expected)
    }

    @Test(
        "Explanations are worded as botocore's AcceptorConfig.explanation",
        arguments: [
            (all, #"For expression "S[]" all members matched expected path: "ok""#),
            (any, #"For expression "S[]" we matched expected path: "bad" at least once"#),
            (nonEmpty, #"For expression "length(S[]) > `0`" we matched expected path: "True""#),
            (.status(404), "Matched expected HTTP status code: 404"),
            (.error("InvalidAMIID.NotFound"), "Matched expected service error code: InvalidAMIID.NotFound"),
        ] as [(Matcher, String)])
    func explanations(matcher: Matcher, expected: String) {
        #expect(WaiterAcceptor(.failure, matcher).explanation == expected)
    }

    @Test(
        "Matcher names and arguments",
        arguments: [
            (all, "pathAll", "S[]"), (any, "pathAny", "S[]"), (first, "path", "S[0]"),
            (.status(200), "status", nil), (.anyError, "error", nil),
        ] as [(Matcher, String, String?)])
    func names(matcher: Matcher, name: String, argument: String?) {
        #expect(matcher.name == name && matcher.argument == argument)
    }
}
