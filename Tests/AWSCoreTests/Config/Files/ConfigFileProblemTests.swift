import AWSCore
import Testing

@Suite("Malformed files are rejected with every bad line, as the AWS CLI rejects them")
struct ConfigFileProblemTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let problems: [ConfigFileProblem]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a setting before any header", text: "region = a\n[default]\n",
             problems: [.init(line: 1, kind: .missingSectionHeader)]),
        Case(name: "settings before any header are one problem", text: "# c\nregion = a\noutput = b\n[default]\n",
             problems: [.init(line: 2, kind: .missingSectionHeader)]),
        Case(name: "a line without = or :", text: "[default]\nregion\n", problems: [.init(line: 2, kind: .expectedKeyValue)]),
        Case(name: "a value without a key", text: "[default]\n= value\n", problems: [.init(line: 2, kind: .missingKey)]),
        Case(name: "[] is not a header", text: "[default]\n[]\n", problems: [.init(line: 2, kind: .expectedKeyValue)]),
        Case(name: "a repeated section", text: "[profile a]\nx = 1\n\n[profile a]\nx = 2\n",
             problems: [.init(line: 4, kind: .duplicateSection("profile a", firstLine: 1))]),
        Case(name: "a repeated key", text: "[default]\nregion = a\nREGION = b\n",
             problems: [.init(line: 3, kind: .duplicateKey("region", section: "default", firstLine: 2))]),
        Case(name: "a repeated key across two [DEFAULT] blocks", text: "[DEFAULT]\na = 1\n[x]\n[DEFAULT]\na = 2\n",
             problems: [.init(line: 5, kind: .duplicateKey("a", section: "DEFAULT", firstLine: 2))]),
        Case(name: "a block line without =", text: "[services s]\nec2 =\n  endpoint_url: https://x\n",
             problems: [.init(line: 3, kind: .malformedSubsectionLine(parentKey: "ec2"))]),
        Case(name: "a command continued on an indented line is a malformed block",
             text: "[default]\ncredential_process =\n    /usr/bin/tool --profile x\n",
             problems: [.init(line: 3, kind: .malformedSubsectionLine(parentKey: "credential_process"))]),
        Case(name: "every problem is reported, in line order",
             text: "[a]\nbad line\nk = 1\nk = 2\n[a]\nalso bad\n",
             problems: [
                .init(line: 2, kind: .expectedKeyValue),
                .init(line: 4, kind: .duplicateKey("k", section: "a", firstLine: 3)),
                .init(line: 5, kind: .duplicateSection("a", firstLine: 1)),
                .init(line: 6, kind: .expectedKeyValue),
             ]),
    ]

    @Test("Rejects", arguments: cases)
    func rejects(_ testCase: Case) {
        #expect(throws: AWSConfigFileError.malformed(path: ConfigFixtures.configPath, problems: testCase.problems)) {
            try ConfigFixtures.file(testCase.text)
        }
    }

    @Test("Invalid UTF-8 names its line")
    func invalidUTF8() {
        let bytes = Array("[default]\nregion = a\n".utf8) + [0x6E, 0x6F, 0x74, 0x65, 0x20, 0x3D, 0x20, 0xFF, 0x0A]
        #expect(throws: AWSConfigFileError.malformed(path: "/c", problems: [.init(line: 3, kind: .invalidUTF8)])) {
            try AWSConfigFile(parsing: bytes, path: "/c", kind: .credentials)
        }
    }

    @Test("Messages give the path, the line and the fix, and never the line's text")
    func messages() throws {
        let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        let text = "[default]\naws_secret_access_key \(secret)\naws_secret_access_key = \(secret)\naws_secret_access_key = \(secret)\n"
        let error = try #require(throws: AWSConfigFileError.self) { try ConfigFixtures.file(text, kind: .credentials) }
        let message = error.description
        #expect(message.contains("\(ConfigFixtures.credentialsPath): line 2: expected \"key = value\""))
        #expect(message.contains("line 4: \"aws_secret_access_key\" is already set on line 3 in [default]; keep only one"))
        for form in ConfigFixtures.printedForms(of: error) { #expect(!form.contains(secret)) }
    }

    @Test("Problem descriptions say what to do", arguments: [
        (ConfigFileProblem(line: 1, kind: .missingSectionHeader), "line 1: a setting before any [section] header; start the file with [default] or [profile NAME]"),
        (ConfigFileProblem(line: 2, kind: .missingKey), "line 2: a value with no key before the \"=\""),
        (ConfigFileProblem(line: 7, kind: .duplicateSection("profile a", firstLine: 3)), "line 7: [profile a] already appeared on line 3; merge the two sections into one"),
        (ConfigFileProblem(line: 9, kind: .invalidUTF8), "line 9: the file is not valid UTF-8; save it as UTF-8 text"),
    ])
    func problemDescriptions(_ problem: ConfigFileProblem, _ expected: String) {
        #expect(problem.description == expected)
    }

    @Test("An unreadable file says so")
    func unreadable() {
        struct Denied: Error, CustomStringConvertible { var description: String { "permission denied" } }
        #expect(throws: AWSConfigFileError.unreadable(path: ConfigFixtures.configPath, reason: "permission denied")) {
            try AWSSharedConfig.load(environment: ConfigFixtures.environment()) { path in
                if path == ConfigFixtures.configPath { throw Denied() }
                return nil
            }
        }
        #expect(AWSConfigFileError.unreadable(path: "/x", reason: "denied").description.hasPrefix("/x exists but cannot be read (denied)"))
    }
}
