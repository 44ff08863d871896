/// A stand-in for a decoded Describe* response: the states (or count) the selectors read, plus snapshot progress.
struct FakeDescribeOutput: Sendable {
    var states: [String] = []
    var count: Int = 0
    var progress: [String] = []
}
