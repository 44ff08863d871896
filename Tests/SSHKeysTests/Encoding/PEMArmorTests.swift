import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// The lenient armor reader (any width, CRLF, headers, text around blocks) and its errors, which name lines.
@Suite("PEM armor: lenient reading, exact writing, errors with line numbers")
struct PEMArmorTests {
    /// A PKCS#8 key from openssl (64 columns) and an OpenSSH key from ssh-keygen (70 columns), with their texts.
    static func toolFiles(in directory: TempDirectory) throws -> (pkcs8: String, openssh: String) {
        _ = try Oracle.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", directory.path("p8.pem")])
        try OracleKeys.generate(.ecdsa256, "openssh", in: directory)
        return (try directory.read("p8.pem"), try directory.read("openssh"))
    }

    @Test("armor() reproduces openssl's 64-column and ssh-keygen's 70-column files exactly")
    func writesLikeTheTools() throws {
        let directory = try TempDirectory()
        let (pkcs8, openssh) = try Self.toolFiles(in: directory)
        let block = try #require(try PEMBlock.parseAll(pkcs8).first)
        #expect(block.label == "PRIVATE KEY")
        #expect(block.body == (try Oracle.runBytes("openssl", ["pkey", "-in", directory.path("p8.pem"), "-outform", "DER"])))
        #expect(PEMBlock.armor(label: block.label, body: block.body) == pkcs8)

        let key = try #require(try PEMBlock.parseAll(openssh).first)
        #expect(PEMBlock.armor(label: key.label, body: key.body, width: 70) == openssh)
    }

    @Test("any line width, CRLF, indentation and blank lines read to the same body", arguments: [
        "rewrapped at 76", "rewrapped at 4", "one long line", "CRLF", "lone CR", "indented", "blank lines inside",
    ])
    func lenient(_ variant: String) throws {
        let directory = try TempDirectory()
        let (_, openssh) = try Self.toolFiles(in: directory)
        let original = try #require(try PEMBlock.parseAll(openssh).first)
        let text: String
        switch variant {
        case "rewrapped at 76": text = PEMBlock.armor(label: original.label, body: original.body, width: 76)
        case "rewrapped at 4": text = PEMBlock.armor(label: original.label, body: original.body, width: 4)
        case "one long line": text = PEMBlock.armor(label: original.label, body: original.body, width: 100_000)
        case "CRLF": text = openssh.replacingOccurrences(of: "\n", with: "\r\n")
        case "lone CR": text = openssh.replacingOccurrences(of: "\n", with: "\r")
        case "indented": text = openssh.split(separator: "\n").map { "    " + $0 + " \t" }.joined(separator: "\n")
        default: text = openssh.replacingOccurrences(of: "\n", with: "\n\n")
        }
        let blocks = try PEMBlock.parseAll(text)
        #expect(blocks.count == 1)
        #expect(blocks.first?.body == original.body)
        #expect(blocks.first?.label == original.label)
        #expect(blocks.first?.headers.isEmpty == true)
    }

    @Test("RFC 1421 headers are kept in order, looked up case-insensitively, and not mistaken for the body")
    func headers() throws {
        let directory = try TempDirectory()
        try OracleKeys.generate(.rsa1024, "key", in: directory, passphrase: "secret-pw", extra: ["-m", "PEM"])
        let text = try directory.read("key")
        let block = try #require(try PEMBlock.parseAll(text).first)
        #expect(block.headers.map(\.name) == ["Proc-Type", "DEK-Info"])
        #expect(block.header("proc-type") == "4,ENCRYPTED")
        #expect(block.header("DEK-INFO")?.hasPrefix("AES-128-CBC,") == true)
        #expect(block.header("Comment") == nil)
        let base64 = text.split(separator: "\n").filter { !$0.contains(":") && !$0.hasPrefix("-----") }.joined()
        #expect(block.body == (try Oracle.runBytes("openssl", ["base64", "-d", "-A"], stdin: Array(base64.utf8))))
    }

    @Test("text before, between and after blocks is ignored; every block is found with its BEGIN line")
    func textAround() throws {
        let directory = try TempDirectory()
        let (pkcs8, openssh) = try Self.toolFiles(in: directory)
        // openssl pkcs12 prints "Bag Attributes" before each block; mail and wikis add prose.
        let text = "Bag Attributes\n    localKeyID: 01 02 03\nKey Attributes: <No Attributes>\n" + pkcs8
            + "\nHere is the other one:\n\n" + openssh + "-- \nsent from my phone\n"
        let blocks = try PEMBlock.parseAll(text)
        #expect(blocks.map(\.label) == ["PRIVATE KEY", "OPENSSH PRIVATE KEY"])
        let pkcs8Lines = pkcs8.split(separator: "\n").count
        #expect(blocks.map(\.line) == [4, 4 + pkcs8Lines + 3])
        #expect(blocks.first?.headers.isEmpty == true, "text before BEGIN is not a header")
    }

    /// Broken armor, the error code, the line the error is placed on, and lines its message must name.
    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let code: SSHKeyError.Code
        let line: Int
        let mentions: [String]
        var testDescription: String { name }
    }

    static let broken: [Broken] = [
        Broken(name: "END label differs from BEGIN",
               text: "junk\n-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
               code: .malformed, line: 4, mentions: ["line 2", "RSA PRIVATE KEY", "PRIVATE KEY"]),
        Broken(name: "END with no BEGIN", text: "AAAA\n-----END PRIVATE KEY-----\n", code: .malformed, line: 2, mentions: ["no BEGIN"]),
        Broken(name: "BEGIN inside an open block",
               text: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
               code: .malformed, line: 3, mentions: ["line 1"]),
        Broken(name: "no END line", text: "\n\n-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n", code: .truncated, line: 3,
               mentions: ["no END"]),
        Broken(name: "body not base64", text: "-----BEGIN PRIVATE KEY-----\nAA*A\n-----END PRIVATE KEY-----\n",
               code: .malformed, line: 1, mentions: ["base64"]),
        Broken(name: "empty body", text: "-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----\n",
               code: .truncated, line: 1, mentions: ["empty"]),
        Broken(name: "a later block broken, an earlier one fine",
               text: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n-----BEGIN PRIVATE KEY-----\nAAAA\n",
               code: .truncated, line: 4, mentions: ["PRIVATE KEY"]),
    ]

    @Test("broken armor is an error placed on the right line, naming the lines involved", arguments: broken)
    func errors(_ broken: Broken) {
        let error = #expect(throws: SSHKeyError.self) { try PEMBlock.parseAll(broken.text) }
        #expect(error?.code == broken.code, "\(String(describing: error))")
        #expect(error?.line == broken.line, "\(String(describing: error))")
        for mention in broken.mentions {
            #expect(error?.message.contains(mention) == true, "\(String(describing: error)) lacks \(mention)")
        }
    }

    @Test("dashes that are not a marker are body or prose, not a block")
    func notMarkers() throws {
        #expect(try PEMBlock.parseAll("-----\n---- BEGIN SSH2 PUBLIC KEY ----\n-----BEGIN-----\n").isEmpty)
    }
}
