import AWSCore
import Testing

@Suite("Config file syntax as Python's configparser reads it for botocore")
struct AWSConfigFileParsingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let expected: RenderedConfigSections
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "key = value with spaces around the delimiter", text: "[default]\nregion   =   us-east-1   \n",
             expected: ["default": ["region": .text("us-east-1")]]),
        Case(name: "no spaces", text: "[default]\nregion=us-east-1\n", expected: ["default": ["region": .text("us-east-1")]]),
        Case(name: "colon delimiter", text: "[default]\nregion: eu-west-1\n", expected: ["default": ["region": .text("eu-west-1")]]),
        Case(name: "the first delimiter splits: = before :", text: "[default]\nendpoint_url = http://localhost:4566\n",
             expected: ["default": ["endpoint_url": .text("http://localhost:4566")]]),
        Case(name: "the first delimiter splits: : before =", text: "[default]\na: b=c\n", expected: ["default": ["a": .text("b=c")]]),
        Case(name: "value keeps further = signs", text: "[default]\ncredential_process = tool --arg=1 --b=2\n",
             expected: ["default": ["credential_process": .text("tool --arg=1 --b=2")]]),
        Case(name: "full-line # and ; comments, also indented", text: "# top\n[default]\n; semi\nregion = a\n  # indented\n",
             expected: ["default": ["region": .text("a")]]),
        Case(name: "inline # and ; stay in the value", text: "[default]\nregion = us-east-1 # main\noutput = json ; x\n",
             expected: ["default": ["region": .text("us-east-1 # main"), "output": .text("json ; x")]]),
        Case(name: "keys are lower-cased, values and profile names keep case",
             text: "[profile Prod]\nREGION = EU-West-1\nAws_Access_Key_ID = AKIDCASE\n",
             expected: ["profile Prod": ["region": .text("EU-West-1"), "aws_access_key_id": .text("AKIDCASE")]]),
        Case(name: "empty value", text: "[default]\nregion =\n", expected: ["default": ["region": .text("")]]),
        Case(name: "continuation lines join with newlines", text: "[default]\nregion = us\n  east\n   1\n",
             expected: ["default": ["region": .text("us\neast\n1")]]),
        Case(name: "a blank line inside a continued value is kept, trailing ones dropped",
             text: "[default]\nnote = a\n\n  b\n\n\nregion = x\n",
             expected: ["default": ["note": .text("a\n\nb"), "region": .text("x")]]),
        Case(name: "an indented block under an empty value is a sub-section",
             text: "[services local]\nec2 =\n  endpoint_url = http://127.0.0.1:5000\n  Signature_Version=v4\n",
             expected: ["services local": ["ec2": .block(["endpoint_url": "http://127.0.0.1:5000", "Signature_Version": "v4"])]]),
        Case(name: "sub-section with comments and blank lines, later key wins",
             text: "[services s]\nsts =\n\n  endpoint_url = https://a\n  # comment\n\n  endpoint_url = https://b\nkms =\n  endpoint_url = https://k\n",
             expected: ["services s": ["sts": .block(["endpoint_url": "https://b"]), "kms": .block(["endpoint_url": "https://k"])]]),
        Case(name: "sub-section splits at the first = only",
             text: "[profile p]\ns3 =\n  url = https://h/?a=b\n",
             expected: ["profile p": ["s3": .block(["url": "https://h/?a=b"])]]),
        Case(name: "a value with text on its first line is not a sub-section",
             text: "[default]\ns3 = x\n  a = b\n", expected: ["default": ["s3": .text("x\na = b")]]),
        Case(name: "an empty value followed only by blank lines stays empty text",
             text: "[default]\ns3 =\n\n\n", expected: ["default": ["s3": .text("")]]),
        Case(name: "continuation is relative to the key's indentation",
             text: "[default]\n  region = a\n  output = json\n", expected: ["default": ["region": .text("a"), "output": .text("json")]]),
        Case(name: "tabs indent continuation lines", text: "[default]\nregion = a\n\tb\n", expected: ["default": ["region": .text("a\nb")]]),
        Case(name: "CRLF line endings", text: "[default]\r\nregion = us-east-1\r\n\r\n[profile b]\r\nregion = b\r\n",
             expected: ["default": ["region": .text("us-east-1")], "profile b": ["region": .text("b")]]),
        Case(name: "lone CR line endings (old Mac)", text: "[default]\rregion = a\r",
             expected: ["default": ["region": .text("a")]]),
        Case(name: "a UTF-8 byte-order mark at the start is skipped", text: "\u{FEFF}[default]\nregion = a\n",
             expected: ["default": ["region": .text("a")]]),
        Case(name: "[DEFAULT] values are inherited by every section; a section's own value wins",
             text: "[DEFAULT]\nregion = zz\noutput = text\n[default]\nregion = a\n[profile b]\nx = 1\n",
             expected: ["default": ["region": .text("a"), "output": .text("text")],
                        "profile b": ["x": .text("1"), "region": .text("zz"), "output": .text("text")]]),
        Case(name: "[DEFAULT] may appear twice with different keys", text: "[DEFAULT]\na = 1\n[p]\n[DEFAULT]\nb = 2\n",
             expected: ["p": ["a": .text("1"), "b": .text("2")]]),
        Case(name: "text after the closing bracket is ignored; the header is up to the last ]",
             text: "[profile a] # comment\nx = 1\n[weird]name]\ny = 2\n",
             expected: ["profile a": ["x": .text("1")], "weird]name": ["y": .text("2")]]),
        Case(name: "spaces inside the brackets are part of the header", text: "[ default ]\nx = 1\n",
             expected: [" default ": ["x": .text("1")]]),
        Case(name: "a line that looks like a header but lacks ] is an option", text: "[default]\n[oops = 1\n",
             expected: ["default": ["[oops": .text("1")]]),
        Case(name: "an empty file", text: "", expected: [:]),
        Case(name: "comments only", text: "# nothing\n; here\n", expected: [:]),
        Case(name: "non-ASCII values", text: "[profile café]\nnote = naïve ✓\n", expected: ["profile café": ["note": .text("naïve ✓")]]),
        Case(name: "Unicode whitespace is stripped like Python's str.strip", text: "[default]\nregion =\u{00A0}a\u{3000}\n",
             expected: ["default": ["region": .text("a")]]),
    ]

    @Test("Parses", arguments: cases)
    func parses(_ testCase: Case) throws {
        let file = try ConfigFixtures.file(testCase.text)
        #expect(file.rendered == testCase.expected)
    }

    @Test("Bytes: a byte-order mark is skipped and UTF-8 is decoded")
    func bytes() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[profile ü]\nregion = a\n".utf8)
        let file = try AWSConfigFile(parsing: bytes, path: "/c", kind: .config)
        #expect(file.profileNames == ["ü"])
    }

    @Test("Entries record their file, section and line; inherited ones point at [DEFAULT]")
    func locations() throws {
        let file = try ConfigFixtures.file("# c\n[DEFAULT]\noutput = json\n\n[profile p]\nregion = a\nblock =\n  k = v\n")
        let section = try #require(file.profileSection(named: "p"))
        #expect(section.line == 5)
        #expect(section["region"]?.location == ConfigFileLocation(path: ConfigFixtures.configPath, section: "profile p", line: 6))
        #expect(section["output"]?.location == ConfigFileLocation(path: ConfigFixtures.configPath, section: "DEFAULT", line: 3))
        let block = try #require(section["block"]?.value.subsection)
        #expect(block.first?.location.line == 8)
        #expect(section["REGION"]?.value.text == "a")
    }

    @Test("Sections keep file order")
    func order() throws {
        let file = try ConfigFixtures.file("[b]\n[a]\n[profile c]\n")
        #expect(file.sections.map(\.header) == ["b", "a", "profile c"])
    }
}
