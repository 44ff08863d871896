import SSHKeys
import Testing

@testable import AMIKeyWorkflows

/// The directory walk behind `fingerprint` and `match`: what is read, what is passed over, how sources are spelled.
@Suite("KeyScanner")
struct KeyScannerTests {
    static func scan(_ sandbox: Sandbox, _ paths: [String]) -> [ScannedKey] {
        KeyScanner(context: sandbox.context(), options: .publicOnly).scan(paths)
    }

    static func summary(_ items: [ScannedKey]) -> [String] {
        items.map { item in
            switch item.result {
            case .success: item.source
            case .failure(let error): "\(item.source) \(error.code)"
            }
        }
    }

    @Test("sources keep the path as the user wrote it", arguments: [
        ("keys", "keys/a.pub"), ("keys/", "keys/a.pub"), ("./keys", "./keys/a.pub"),
        ("/srv/project/keys", "/srv/project/keys/a.pub"), ("~/../../srv/project/keys", "~/../../srv/project/keys/a.pub"),
    ])
    func sourceSpelling(_ path: String, _ source: String) throws {
        let sandbox = Sandbox()
        sandbox.add("keys/a.pub", try KeyFixtures.load().rsa.file(.opensshPublic))
        #expect(Self.summary(Self.scan(sandbox, [path])) == [source])
    }

    /// `~/.ssh` holds other hosts' keys (known_hosts) and settings; neither is one of the user's keys.
    @Test("in directories: hidden files, known_hosts, config and non-key files are passed over", arguments: [
        ".hidden.pub", "known_hosts", "known_hosts.old", "known_hosts2", "config", "environment", "rc",
    ])
    func ignoredNames(_ name: String) throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("dir/id.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("dir/\(name)", fixtures.ed25519.file(.opensshPublic))
        #expect(Self.summary(Self.scan(sandbox, ["dir"])) == ["dir/id.pub"])
        // Named explicitly, the same file is read: the user asked for it.
        #expect(Self.summary(Self.scan(sandbox, ["dir/\(name)"])) == ["dir/\(name)"])
    }

    /// Contents that are not key files, passed over inside a directory but reported when named.
    struct NotAKey: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        /// The code when the file is named explicitly.
        let code: String
        var testDescription: String { name }

        init(_ name: String, _ bytes: [UInt8], _ code: String) {
            (self.name, self.bytes, self.code) = (name, bytes, code)
        }
    }

    static let notKeys: [NotAKey] = [
        NotAKey("empty", [], "unrecognized-format"),
        NotAKey("binary", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01], "unrecognized-format"),
        NotAKey("prose", Array("Keys for the build farm.\nAsk ops before rotating.\n".utf8), "unrecognized-format"),
        // A README that names the tools has "ssh-" words on every line; it is still not an authorized_keys file.
        NotAKey("readme", Array("Made with ssh-keygen -t ed25519.\nLoad with ssh-add, copy with ssh-copy-id.\n".utf8), "truncated"),
        NotAKey("huge", Array(repeating: UInt8(ascii: "A"), count: (1 << 20) + 1), "unrecognized-format"),
        NotAKey("certificate", Array("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8), "unrecognized-format"),
        // cloud-init's lines in a console log, as GetConsoleOutput returns them (ssh-on-ec2.md §5a).
        NotAKey("console-table", Array("""
            ci-info: ++++++++Authorized keys from /home/ec2-user/.ssh/authorized_keys for user ec2-user++++++++
            ci-info: +---------+-------------------------------------------------+---------+---------+
            ci-info: | Keytype |                Fingerprint (sha256)             | Options | Comment |
            ci-info: +---------+-------------------------------------------------+---------+---------+
            ci-info: | ssh-ed25519 | 31:0c:41:a9:c6:6f:11:a7:3a:96:0a:58:dd:76:84:e8 |    -    | old-key |
            ci-info: +---------+-------------------------------------------------+---------+---------+

            """.utf8), "unrecognized-format"),
        NotAKey("console-host-keys", Array("""
            -----BEGIN SSH HOST KEY KEYS-----
            ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOXA8vSOJZqC6l0hmLd1Dj2DubIsvQnuYu3V7K4AiNQi root@ip-172-31-0-4
            -----END SSH HOST KEY KEYS-----

            """.utf8), "unrecognized-format"),
    ]

    @Test("non-key contents: silent in a directory, an error when named", arguments: notKeys)
    func nonKeyContents(_ file: NotAKey) throws {
        let (name, code) = (file.name, file.code)
        let sandbox = Sandbox()
        sandbox.add("dir/id.pub", try KeyFixtures.load().rsa.file(.opensshPublic))
        sandbox.add("dir/\(name)", file.bytes)

        #expect(Self.summary(Self.scan(sandbox, ["dir"])) == ["dir/id.pub"])
        // Named, it is reported: as a whole, or (text with key-like words) line by line as authorized_keys would be.
        let explicit = Self.scan(sandbox, ["dir/\(name)"])
        let codes = explicit.compactMap { if case .failure(let error) = $0.result { error.code } else { nil } }
        #expect(!explicit.isEmpty)
        #expect(codes == Array(repeating: code, count: explicit.count))
        #expect(explicit.allSatisfy { $0.source.hasPrefix("dir/\(name)") })
    }

    @Test("in a directory, a key file with a broken key is still reported, on its line")
    func brokenKeyInDirectory() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("dir/authorized_keys", fixtures.rsa.publicLine + "\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== broken\n")
        sandbox.add("dir/truncated.pub", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host\n")
        sandbox.add("dir/cut.ppk", String(decoding: fixtures.rsa.file(.ppkV3).prefix(200), as: UTF8.self))

        let summary = Self.summary(Self.scan(sandbox, ["dir"]))

        #expect(summary.count == 4)
        #expect(summary.first == "dir/authorized_keys:1")
        #expect(summary[1].hasPrefix("dir/authorized_keys:2 "))
        #expect(summary[2].hasPrefix("dir/cut.ppk "))
        #expect(summary[3].hasPrefix("dir/truncated.pub"))
        #expect(summary[3].hasSuffix(" truncated"))
    }

    @Test("directories nest, but not without end")
    func depthLimit() throws {
        let sandbox = Sandbox()
        let key = try KeyFixtures.load().rsa.file(.opensshPublic)
        let shallow = "d/" + Array(repeating: "x", count: 7).joined(separator: "/")
        let deep = "d/" + Array(repeating: "x", count: 8).joined(separator: "/")
        sandbox.add(shallow + "/a.pub", key)
        sandbox.add(deep + "/b.pub", key)
        #expect(Self.summary(Self.scan(sandbox, ["d"])) == [shallow + "/a.pub"])
    }

    @Test("several paths: results in argument order, each path's keys in name order")
    func order() throws {
        let fixtures = try KeyFixtures.load()
        let sandbox = Sandbox()
        sandbox.add("b/z.pub", fixtures.rsa.file(.opensshPublic))
        sandbox.add("b/a.pub", fixtures.ed25519.file(.opensshPublic))
        sandbox.add("a.pub", fixtures.ecdsa.file(.opensshPublic))
        #expect(Self.summary(Self.scan(sandbox, ["b", "missing", "a.pub"])) == ["b/a.pub", "b/z.pub", "missing not-found", "a.pub"])
    }
}
