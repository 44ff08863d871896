import Testing

@testable import AMIKeyCLI

/// Help discussions: prose paragraphs become one line each so ArgumentParser can wrap them; examples stay.
@Suite("HelpText")
struct HelpTextTests {
    @Test(
        "reflow",
        arguments: [
            ("one\ntwo\n\nthree", "one two\n\nthree"),
            ("Examples:\n  amikey a\n  amikey b", "Examples:\n  amikey a\n  amikey b"),
            ("text that ends\nhere:\n  code\nafter", "text that ends here:\n  code\nafter"),
            ("", ""),
        ])
    func reflow(_ source: String, _ expected: String) {
        #expect(HelpText.reflow(source) == expected)
    }
}
