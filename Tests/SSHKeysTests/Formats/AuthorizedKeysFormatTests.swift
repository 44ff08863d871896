import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// `authorized_keys` lines read as sshd reads them (auth2-pubkeyfile.c, auth-options.c), files checked against ssh-keygen -l.
@Suite("authorized_keys: sshd's grammar, and ssh-keygen -l on whole files")
struct AuthorizedKeysFormatTests {
    /// Public keys made once per test run; the grammar cases only need their base64.
    struct Keys: Sendable {
        let ed25519: String
        let rsa: String
        let ecdsa256: String
        let ed25519Line: String

        init() throws {
            let directory = try TempDirectory()
            func make(_ spec: OracleKeySpec, _ name: String) throws -> String {
                let path = try OracleKeys.generate(spec, name, in: directory)
                return String(try String(contentsOfFile: path + ".pub", encoding: .utf8).split(separator: " ")[1])
            }
            ed25519 = try make(.ed25519, "ed")
            rsa = try make(.rsa2048, "rsa")
            ecdsa256 = try make(.ecdsa256, "ec")
            ed25519Line = "ssh-ed25519 \(ed25519)"
        }

        /// `template` with `{ed}`, `{rsa}` and `{ec}` replaced by the keys' base64.
        func fill(_ template: String) -> String {
            template.replacingOccurrences(of: "{ed}", with: ed25519).replacingOccurrences(of: "{rsa}", with: rsa)
                .replacingOccurrences(of: "{ec}", with: ecdsa256)
        }
    }

    static let keys = Result { try Keys() }

    /// One line and what sshd makes of it.
    struct LineCase: Sendable, CustomTestStringConvertible {
        enum Expected: Sendable {
            /// Read: the key's type, the options in order, the comment, and a note that must be given.
            case key(String, [AuthorizedKeyOption], comment: String?, note: String? = nil)
            /// Refused with this code and a message containing the text.
            case error(SSHKeyError.Code, String)
        }

        let name: String
        let template: String
        let expected: Expected
        var testDescription: String { name }

        init(_ name: String, _ template: String, _ expected: Expected) {
            (self.name, self.template, self.expected) = (name, template, expected)
        }
    }

    static func flag(_ name: String) -> AuthorizedKeyOption { AuthorizedKeyOption(name: name) }
    static func valued(_ name: String, _ value: String) -> AuthorizedKeyOption { AuthorizedKeyOption(name: name, value: value) }

    static let cloudInitCommand = #"echo 'Please login as the user "ubuntu" rather than the user "root".';echo;sleep 10;exit 142"#
    /// cloud-init's DISABLE_USER_OPTS with $USER/$DISABLE_USER substituted (cloudinit/ssh_util.py, cc_ssh.py).
    static let cloudInitOptions = #"no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command="echo 'Please login as the user \"ubuntu\" rather than the user \"root\".';echo;sleep 10;exit 142""#

    static let lines: [LineCase] = [
        .init("plain key", "ssh-ed25519 {ed} me@host", .key("ssh-ed25519", [], comment: "me@host")),
        .init("no comment", "ssh-ed25519 {ed}", .key("ssh-ed25519", [], comment: nil)),
        .init("comment with spaces kept inside", "ssh-ed25519 {ed} Jane Doe's laptop  (2019)",
              .key("ssh-ed25519", [], comment: "Jane Doe's laptop  (2019)")),
        .init("tabs and runs of spaces as separators", "\t  ssh-ed25519 \t {ed}\t\tspaced  out",
              .key("ssh-ed25519", [], comment: "spaced  out")),
        .init("options before the type", #"restrict,command="uptime" ssh-ed25519 {ed} c"#,
              .key("ssh-ed25519", [flag("restrict"), valued("command", "uptime")], comment: "c")),
        .init("quoted value with commas, spaces and \\\"", #"command="echo \"a,b\" , c",no-pty ssh-ed25519 {ed} c"#,
              .key("ssh-ed25519", [valued("command", #"echo "a,b" , c"#), flag("no-pty")], comment: "c")),
        .init("cloud-init's root line", cloudInitOptions + " ssh-rsa {rsa} ubuntu-key",
              .key("ssh-rsa", [flag("no-port-forwarding"), flag("no-agent-forwarding"), flag("no-X11-forwarding"),
                               valued("command", cloudInitCommand)], comment: "ubuntu-key")),
        .init("option names are case-insensitive, kept as written", #"NO-PTY,Command="x",No-Port-Forwarding ssh-ed25519 {ed}"#,
              .key("ssh-ed25519", [flag("NO-PTY"), valued("Command", "x"), flag("No-Port-Forwarding")], comment: nil)),
        .init("every flag, with and without no-",
              "restrict,cert-authority,port-forwarding,no-agent-forwarding,x11-forwarding,no-touch-required,verify-required,pty,no-user-rc ssh-ed25519 {ed}",
              .key("ssh-ed25519", ["restrict", "cert-authority", "port-forwarding", "no-agent-forwarding", "x11-forwarding",
                                   "no-touch-required", "verify-required", "pty", "no-user-rc"].map(flag), comment: nil)),
        .init("every valued option",
              #"from="10.0.0.0/8,!10.1.*",principals="a,b",expiry-time="20300101",environment="LANG=C",permitopen="db:5432",permitlisten="localhost:8080",tunnel="0" ssh-ed25519 {ed}"#,
              .key("ssh-ed25519", [valued("from", "10.0.0.0/8,!10.1.*"), valued("principals", "a,b"),
                                   valued("expiry-time", "20300101"), valued("environment", "LANG=C"),
                                   valued("permitopen", "db:5432"), valued("permitlisten", "localhost:8080"),
                                   valued("tunnel", "0")], comment: nil)),
        .init("a tab between options and type", "no-pty\tssh-ed25519\t{ed}\tc", .key("ssh-ed25519", [flag("no-pty")], comment: "c")),
        .init("a space inside quotes does not end the options", #"command="a b" ssh-ed25519 {ed}"#,
              .key("ssh-ed25519", [valued("command", "a b")], comment: nil)),
        .init("an empty value", #"command="" ssh-ed25519 {ed}"#, .key("ssh-ed25519", [valued("command", "")], comment: nil)),
        .init("rsa-sha2-256 as the type: sshd's key table takes it as ssh-rsa", "rsa-sha2-256 {rsa} alias",
              .key("ssh-rsa", [], comment: "alias", note: "rsa-sha2-256")),
        .init("rsa-sha2-512 as the type", "rsa-sha2-512 {rsa}", .key("ssh-rsa", [], comment: nil, note: "rsa-sha2-512")),

        .init("an unknown option disables the line", "no-ptyy ssh-ed25519 {ed}", .error(.malformed, "unknown option")),
        .init("an unknown option shaped like a key type", "bogus-option ssh-ed25519 {ed} c", .error(.malformed, "unknown option")),
        .init("option names match whole, not by prefix (sshd: unknown key option)", "ptyx ssh-ed25519 {ed}",
              .error(.malformed, "unknown option")),
        .init("restrict takes no no- prefix", "no-restrict ssh-ed25519 {ed}", .error(.malformed, "unknown option")),
        .init("an unterminated quote", #"command="uptime ssh-ed25519 {ed} c"#, .error(.malformed, "unterminated")),
        .init("a trailing comma", "no-pty, ssh-ed25519 {ed}", .error(.malformed, "trailing comma")),
        .init("an empty option between commas", "no-pty,,pty ssh-ed25519 {ed}", .error(.malformed, "unknown option")),
        .init("a value on a flag", #"no-pty="yes" ssh-ed25519 {ed}"#, .error(.malformed, "does not take a value")),
        .init("an unquoted value", "command=uptime ssh-ed25519 {ed}", .error(.malformed, "double quotes")),
        .init("text glued after a quoted value", #"command="a"b ssh-ed25519 {ed}"#, .error(.malformed, "unexpected")),
        .init("options and no key", "no-pty,no-agent-forwarding", .error(.malformed, "no key")),
        .init("type and blob disagree", "ssh-rsa {ed} c", .error(.inconsistent, "ssh-ed25519")),
        .init("ECDSA curve disagrees with the type", "ecdsa-sha2-nistp384 {ec}", .error(.inconsistent, "nistp256")),
        .init("the type is case-sensitive", "SSH-ED25519 {ed}", .error(.inconsistent, "SSH-ED25519")),
        .init("key data that is not base64", "ssh-ed25519 AAAA!!!! c", .error(.malformed, "base64")),
        .init("a type with no key data", "ssh-ed25519", .error(.malformed, "no key data")),
        .init("key data cut short", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC2YoUB3vbaZOJpYAhjq",
              .error(.truncated, "Ed25519 public key")),
    ]

    @Test("one line, as sshd reads it", arguments: lines)
    func line(_ testCase: LineCase) throws {
        let keys = try Self.keys.get()
        let text = keys.fill(testCase.template)
        let result = AuthorizedKeysFormat.read(text)
        switch testCase.expected {
        case .key(let type, let options, let comment, let note):
            #expect(result.errors.isEmpty, "\(result.errors)")
            let entry = try #require(result.entries.first)
            #expect(entry.publicKey.algorithm == type)
            #expect(entry.options == options)
            #expect(entry.comment == comment)
            #expect(entry.line == 1)
            if let note {
                #expect(entry.notes.contains { $0.contains(note) }, "\(entry.notes)")
            } else {
                #expect(entry.notes.isEmpty, "\(entry.notes)")
            }
            // Options written back read the same, so a line can be rebuilt from what was parsed.
            if !options.isEmpty {
                let rebuilt = options.map(\.description).joined(separator: ",") + " " + entry.opensshPublicLine
                #expect(AuthorizedKeysFormat.read(rebuilt).entries.first?.options == options)
            }
        case .error(let code, let text):
            #expect(result.entries.isEmpty)
            let error = try #require(result.errors.first)
            #expect(error.code == code, "\(error)")
            #expect(error.message.contains(text), "\(error)")
            #expect(error.line == 1)
        }
    }

    @Test("an unknown key type is kept and fingerprinted over its blob, whatever the blob holds")
    func unknownKeyType() throws {
        var writer = SSHWireWriter()
        writer.writeString("ssh-mldsa44-ed25519@openssh.com")
        writer.writeString((0..<1344).map { UInt8(truncatingIfNeeded: $0 &* 7) })  // ML-DSA-44 ‖ Ed25519 sizes, contents arbitrary
        let base64 = Base64.encode(writer.bytes)
        let result = AuthorizedKeysFormat.read("restrict ssh-mldsa44-ed25519@openssh.com \(base64) pq key\n")

        #expect(result.errors.isEmpty, "\(result.errors)")
        let key = try #require(result.entries.first?.publicKey)
        #expect(key.algorithm == "ssh-mldsa44-ed25519@openssh.com")
        #expect(key.bits == nil)
        #expect(result.entries.first?.comment == "pq key")
        // openssl hashes the decoded blob: the same rule ssh-keygen applies to every type it knows.
        let blob = try Oracle.runBytes("openssl", ["base64", "-d", "-A"], stdin: Array(base64.utf8))
        let digest = try Oracle.runBytes("openssl", ["dgst", "-sha256", "-binary"], stdin: blob)
        let expected = String(decoding: try Oracle.runBytes("openssl", ["base64", "-A"], stdin: digest), as: UTF8.self)
        #expect(key.sha256Fingerprint == "SHA256:" + expected.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "=", with: ""))
        #expect(key.cloudInitFingerprint(.md5) == (try OracleKeys.opensslDigest("md5", blob)))
    }

    // MARK: - Whole files

    /// A file sshd would read, and how many lines ssh-keygen -l prints for it.
    static func oracleFile(_ keys: Keys, ecdsa384: String, dsa: String) -> (text: String, keyLines: [Int], errorLines: [Int]) {
        let lines = [
            "# cloud-init writes this for root when disable_root is on",       // 1
            cloudInitOptions + " ssh-rsa \(keys.rsa) ubuntu-key",               // 2
            "",                                                                 // 3
            "   # an indented comment, then a blank line of spaces",            // 4
            "   ",                                                              // 5
            "ssh-ed25519 \(keys.ed25519) laptop  with   spaces",                // 6
            "\t ecdsa-sha2-nistp256\t\(keys.ecdsa256)\ttabbed",                 // 7
            #"from="10.0.0.1,192.168.*",no-pty ssh-ed25519 \#(keys.ed25519) restricted"#,  // 8
            "rsa-sha2-256 \(keys.rsa) alias",                                   // 9
            "ssh-rsa \(keys.ed25519) wrong-type",                               // 10: both skip it
            "ssh-ed25519 \(keys.ed25519)",                                      // 11
            "ecdsa-sha2-nistp384 \(ecdsa384) p384",                             // 12
            "ssh-dss \(dsa) old-dsa",                                           // 13
        ]
        return (lines.joined(separator: "\n") + "\n", [2, 6, 7, 8, 9, 11, 12, 13], [10])
    }

    @Test("a whole file: every key ssh-keygen -l lists, in order, with the same fingerprints; line numbers kept",
          arguments: ["\n", "\r\n"])
    func againstSSHKeygen(_ newline: String) throws {
        let keys = try Self.keys.get()
        let directory = try TempDirectory()
        let p384 = try OracleKeys.blob64(.ecdsa384, in: directory)
        let dsa = try OracleKeys.blob64(.dsa, in: directory)
        let (lfText, keyLines, errorLines) = Self.oracleFile(keys, ecdsa384: p384, dsa: dsa)
        // ssh-keygen -l checks no options, so the file holds only lines sshd and ssh-keygen agree on (the table covers the rest).
        let path = try directory.write("authorized_keys", lfText)

        let file = try KeyFile(text: lfText.replacingOccurrences(of: "\n", with: newline))
        #expect(file.entries.map(\.line) == keyLines)
        #expect(file.errors.map(\.line) == errorLines)
        #expect(file.entries.allSatisfy { $0.format == .authorizedKeys })
        // In a file of several keys, ssh-keygen -l shows a line with no comment by the line itself (type and base64).
        let ours = file.entries.map { $0.publicKey.sshKeygenLine(comment: $0.comment ?? $0.opensshPublicLine) }
        let sshKeygen = try OracleKeys.fingerprintLines(path)
        #expect(ours == sshKeygen)
        let oursMD5 = file.entries.map(\.publicKey.md5Fingerprint)
        let sshKeygenMD5 = try OracleKeys.fingerprintLines(path, hash: "md5").map { String($0.split(separator: " ")[1]) }
        #expect(oursMD5 == sshKeygenMD5)
        #expect(file.entries[0].options.last == Self.valued("command", Self.cloudInitCommand))
    }

    @Test("a UTF-8 BOM from a Windows editor is ignored, as bytes and as text")
    func byteOrderMark() throws {
        let keys = try Self.keys.get()
        let text = "\(keys.ed25519Line) first\nno-pty \(keys.ed25519Line) second\n"
        let fromBytes = try KeyFile(contents: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(fromBytes.errors.isEmpty, "\(fromBytes.errors)")
        #expect(fromBytes.entries.map(\.comment) == ["first", "second"])
        let fromText = try KeyFile(text: "\u{FEFF}" + text)
        #expect(fromText.errors.isEmpty, "\(fromText.errors)")
        #expect(fromText.entries.map(\.comment) == ["first", "second"])
    }

    @Test("malformed lines are reported with their numbers; the good ones around them still read")
    func numberedErrors() throws {
        let keys = try Self.keys.get()
        let text = [
            "# keys for deploy",
            "no-ptyy \(keys.ed25519Line) typo",
            "",
            "\(keys.ed25519Line) good",
            "ssh-ed25519 not!base64",
            #"command="open \#(keys.ed25519Line)"#,
            "ssh-rsa \(keys.rsa) good-rsa",
        ].joined(separator: "\r\n")
        let file = try KeyFile(contents: Array(text.utf8))
        #expect(file.entries.map(\.line) == [4, 7])
        #expect(file.entries.map(\.comment) == ["good", "good-rsa"])
        #expect(file.errors.map(\.line) == [2, 5, 6])
        #expect(file.errors.map(\.description).first?.hasPrefix("line 2: ") == true)
    }

    @Test("one plain line is an openssh-public file; options or more lines make it authorized-keys")
    func formatOfFile() throws {
        let keys = try Self.keys.get()
        #expect(try KeyFile(text: keys.ed25519Line + " me\n").entries.map(\.format) == [.opensshPublic])
        #expect(try KeyFile(text: "no-pty " + keys.ed25519Line).entries.map(\.format) == [.authorizedKeys])
        #expect(try KeyFile(text: keys.ed25519Line + "\n" + keys.ed25519Line).entries.map(\.format)
            == [.authorizedKeys, .authorizedKeys])
    }

    @Test("a file with only comments, or only prose, is not a key file")
    func nothingToRead() throws {
        let error = #expect(throws: SSHKeyError.self) { try KeyFile(text: "# nothing here\n\n") }
        #expect(error?.code == .unrecognizedFormat)
        let prose = #expect(throws: SSHKeyError.self) { try KeyFile(text: "Dear admin,\nplease add my key.\n") }
        #expect(prose?.code == .unrecognizedFormat)
        // A broken key line is reported as such, not as "not a key file".
        let broken = try KeyFile(text: "ssh-ed25519 AAAA!!!!\n")
        #expect(broken.entries.isEmpty && broken.errors.count == 1)
    }
}

extension OracleKeys {
    /// A fresh key's base64 blob (field 2 of its `.pub` line).
    static func blob64(_ spec: OracleKeySpec, in directory: TempDirectory) throws -> String {
        let path = try generate(spec, "key-\(spec.testDescription)", in: directory)
        return String(try String(contentsOfFile: path + ".pub", encoding: .utf8).split(separator: " ")[1])
    }
}
