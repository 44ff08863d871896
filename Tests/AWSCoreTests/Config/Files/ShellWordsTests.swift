@testable import AWSCore
import Testing

@Suite("shlex.split, as botocore splits section headers and credential_process")
struct ShellWordsTests {
    @Test("Splits", arguments: [
        ("profile prod", ["profile", "prod"]),
        ("  a\tb\nc  ", ["a", "b", "c"]),
        ("profile \"my name\"", ["profile", "my name"]),
        ("profile 'it''s'", ["profile", "its"]),
        ("a\\ b", ["a b"]),
        ("\"a\\\"b\" \"c\\\\d\" \"e\\f\"", ["a\"b", "c\\d", "e\\f"]),
        ("'a\\b'", ["a\\b"]),
        ("x \"\" y", ["x", "", "y"]),
        ("pre\"mid dle\"post", ["premid dlepost"]),
        ("#notacomment x", ["#notacomment", "x"]),
        ("", []),
    ])
    func splits(_ text: String, _ words: [String]) throws {
        #expect(try ShellWords.split(text) == words)
    }

    @Test("Unbalanced input is an error", arguments: [
        ("profile \"open", ShellWords.SplitError.noClosingQuotation),
        ("'open", .noClosingQuotation),
        ("\"ends with \\", .noEscapedCharacter),
        ("trailing\\", .noEscapedCharacter),
    ])
    func errors(_ text: String, _ error: ShellWords.SplitError) {
        #expect(throws: error) { try ShellWords.split(text) }
    }
}

@Suite("Python int(), as botocore converts numeric settings")
struct PythonIntTests {
    @Test("Reads", arguments: [
        ("5", 5 as Int?), (" 5 ", 5), ("+5", 5), ("-5", -5), ("1_000", 1000), ("007", 7),
        ("1__0", nil), ("_1", nil), ("1_", nil), ("", nil), (" ", nil), ("2.5", nil), ("0x10", nil), ("1e3", nil),
        ("99999999999999999999", nil),
    ])
    func reads(_ text: String, _ value: Int?) {
        #expect(PythonText.int(text) == value)
    }
}
