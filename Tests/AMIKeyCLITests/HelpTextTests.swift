import ArgumentParser
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

    /// Every command, the lab's included.
    static let commands: [any ParsableCommand.Type] = {
        var all: [any ParsableCommand.Type] = []
        var pending: [any ParsableCommand.Type] = [RootCommand.self]
        while let command = pending.popLast() {
            all.append(command)
            pending += command.configuration.subcommands
        }
        return all
    }()

    /// ArgumentParser wraps help at 80 columns when not on a terminal; an example broken across lines cannot be pasted.
    @Test("every example line fits 80 columns", arguments: commands.map { String(describing: $0) })
    func examplesFit(_ name: String) throws {
        let command = try #require(Self.commands.first { String(describing: $0) == name })
        for line in command.configuration.discussion.split(separator: "\n") where line.hasPrefix("  ") {
            #expect(line.count <= 80, "\(name): \(line)")
        }
    }
}
