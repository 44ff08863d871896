import EC2Evidence
import Foundation
import SSHKeys
import Testing

/// Console logs printed by cloud-init's own code (see `Support/CloudInitConsole.swift`), clean and damaged, read back
/// and checked against `ssh-keygen -l` on the same keys.
@Suite("ConsoleLog: cloud-init's own output")
struct ConsoleLogCloudInitTests {
    /// Options with spaces and quotes; a comment with spaces and a `|`; a line whose base64 does not decode.
    static func authorizedKeys(_ fixture: CloudInitConsole) -> String {
        let rsaBlob = fixture.rsa.publicLine.split(separator: " ").prefix(2).joined(separator: " ")
        return [
            fixture.rsa.publicLine,
            #"no-pty,command="echo 'Please login as the user \"ec2-user\"';sleep 10" "# + rsaBlob + " ops | backup key",
            fixture.ed25519.publicLine,
            "ssh-rsa AAAA!!not-base64 broken",
        ].joined(separator: "\n") + "\n"
    }

    static func log(_ fixture: CloudInitConsole, hash: String) throws -> String {
        ConsoleText.boot([
            try fixture.table(user: "ec2-user", authorizedKeys: authorizedKeys(fixture), hash: hash),
            try fixture.table(user: "deploy", authorizedKeys: nil, hash: hash),
            try fixture.table(user: "admin", authorizedKeys: fixture.ed25519.publicLine + "\n", hash: hash),
            try fixture.hostKeyBlocks(),
            try fixture.banner(),
        ])
    }

    @Test("every hash, every damage: users, rows, cells, host keys and banner", arguments: ["md5", "sha1", "sha256", "sha512"])
    func tables(_ hash: String) throws {
        // cloud-init prints the log once per hash (python3 starts are the slow part); each damage is applied to it.
        let fixture = try CloudInitConsole()
        let log = try Self.log(fixture, hash: hash)
        let version = try fixture.version()
        for damage in ConsoleDamage.allCases {
            try check(ConsoleLog.parse(damage.apply(log)), hash: hash, fixture: fixture, version: version, damage: damage)
        }
    }

    private func check(_ evidence: ConsoleEvidence, hash: String, fixture: CloudInitConsole, version: String,
                       damage: ConsoleDamage) throws {
        let digest = try #require(FingerprintHash(rawValue: hash))

        #expect(evidence.notes.map(\.message).allSatisfy { $0.contains("`?`") }, "\(damage): \(evidence.notes)")
        try #require(evidence.authorizedKeys.map(\.user) == ["ec2-user", "deploy", "admin"], "\(damage)")
        let main = evidence.authorizedKeys[0]
        #expect(main.file == "/home/ec2-user/.ssh/authorized_keys")
        #expect(main.hash == hash)
        #expect(main.isComplete)
        #expect(main.boot == 1)
        try #require(main.rows.map(\.type) == ["ssh-rsa", "ssh-rsa", "ssh-ed25519", "ssh-rsa"], "\(damage)")
        #expect(main.rows.map(\.fingerprint) == [
            fixture.rsa.key.cloudInitFingerprint(digest), fixture.rsa.key.cloudInitFingerprint(digest),
            fixture.ed25519.key.cloudInitFingerprint(digest), "?",
        ])
        #expect(main.rows.map(\.options) == [nil, #"no-pty,command="echo 'Please login as the user \"ec2-user\"';sleep 10""#, nil, nil])
        #expect(main.rows.map(\.comment) == ["old key", "ops | backup key", "laptop", "broken"], "\(damage)")
        // ssh-keygen's own fingerprints, in cloud-init's spelling.
        if hash == "md5" { #expect(main.rows[0].fingerprint == fixture.rsa.md5) }
        if hash == "sha256" { #expect(main.rows[2].fingerprint == fixture.ed25519.sha256) }

        let none = evidence.authorizedKeys[1]
        #expect(none.file == nil && none.hash == nil && none.rows.isEmpty)
        #expect(evidence.authorizedKeys[2].rows.map(\.comment) == ["laptop"])

        #expect(evidence.hostKeys == [HostKeyFingerprint(type: "ED25519", bits: 256, fingerprint: fixture.hostKey.sha256Fingerprint,
                                                         comment: "root@ip-10-0-0-1")])
        #expect(fixture.hostKeygenLine.hasPrefix("256 \(fixture.hostKey.sha256Fingerprint) root@ip-10-0-0-1"))
        #expect(evidence.hostPublicKeys == [fixture.hostKeyLine])
        #expect(evidence.cloudInit?.version == version, "\(damage)")
        #expect(evidence.cloudInit?.datasource == "DataSourceEc2Local", "\(damage)")
        #expect(evidence.boots == 1, "\(damage)")
    }

    @Test("a file with no printable key gives an empty table, not the \"no keys\" line")
    func emptyTable() throws {
        let fixture = try CloudInitConsole()
        let table = try fixture.table(user: "ec2-user", authorizedKeys: "# keys go here\n", hash: "sha256")
        #expect(table.contains("Authorized keys from"))
        let evidence = ConsoleLog.parse(ConsoleText.boot([table]))
        #expect(evidence.authorizedKeys == [AuthorizedKeysTable(user: "ec2-user", file: "/home/ec2-user/.ssh/authorized_keys",
                                                                hash: "sha256", rows: [], boot: 1, line: 5)])
        #expect(evidence.notes.isEmpty)
    }

    @Test("host keys in the `ec2:` spelling of cloud-init before 21.2")
    func ec2Tag() throws {
        let fixture = try CloudInitConsole()
        let blocks = try fixture.hostKeyBlocks(tag: "ec2")
        #expect(blocks.contains(" ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----"))
        let evidence = ConsoleLog.parse(ConsoleText.boot([blocks]))
        #expect(evidence.hostKeys.map(\.fingerprint) == [fixture.hostKey.sha256Fingerprint])
        #expect(evidence.hostPublicKeys == [fixture.hostKeyLine])
        #expect(evidence.hasCloudInitEvidence)
    }

    @Test("several boots: the latest table wins, a boot without one erases nothing, and each part says its boot")
    func boots() throws {
        let fixture = try CloudInitConsole()
        let first = ConsoleText.boot([
            try fixture.table(user: "ec2-user", authorizedKeys: fixture.rsa.publicLine + "\n", hash: "sha256"),
            try fixture.table(user: "admin", authorizedKeys: fixture.rsa.publicLine + "\n", hash: "sha256"),
            try fixture.hostKeyBlocks(), try fixture.banner(datasource: "DataSourceEc2Local"),
        ])
        let second = ConsoleText.boot([
            try fixture.table(user: "ec2-user", authorizedKeys: fixture.ed25519.publicLine + "\n", hash: "md5"),
            try fixture.banner(datasource: "DataSourceNone"),
        ])
        let third = ConsoleText.boot(["[    5.000000] cloud-init[900]: Cloud-init v. 22.4.2 running 'init' at now. Up 5.00 seconds."])
        let evidence = ConsoleLog.parse(first + second + third)

        #expect(evidence.boots == 3)
        #expect(evidence.authorizedKeys.map(\.user) == ["ec2-user", "admin"])
        #expect(evidence.authorizedKeys[0].boot == 2)
        #expect(evidence.authorizedKeys[0].hash == "md5")
        #expect(evidence.authorizedKeys[0].rows.map(\.fingerprint) == [fixture.ed25519.md5])
        #expect(evidence.authorizedKeys[1].boot == 1)
        #expect(evidence.hostKeysBoot == 1)
        #expect(evidence.hostPublicKeys == [fixture.hostKeyLine])
        #expect(evidence.cloudInit?.datasource == "DataSourceNone")
        #expect(evidence.cloudInit?.boot == 2)
    }

    @Test("a log cut at EC2's 64 KB window: the table it starts inside is noted, the rest is read")
    func cutAtStart() throws {
        let fixture = try CloudInitConsole()
        let cutTable = try fixture.table(user: "first", authorizedKeys: Self.authorizedKeys(fixture), hash: "sha256")
        let full = ConsoleText.boot([cutTable,
                                     try fixture.table(user: "ec2-user", authorizedKeys: fixture.rsa.publicLine + "\n", hash: "sha256"),
                                     try fixture.hostKeyBlocks(), try fixture.banner()], kernelNoise: 2_000)
        // Keep the last 64 KB, ending the window inside the first table's second row.
        let rowEnd = try #require(full.range(of: fixture.rsa.key.cloudInitFingerprint())).upperBound
        let tail = Array(full.utf8)[(full.utf8.distance(from: full.startIndex, to: rowEnd) + 5)...]
        let window = Array(Array(full.utf8).suffix(65_536))
        #expect(window.count == 65_536 && tail.count < 65_536)
        let evidence = ConsoleLog.parse(Array(tail))

        #expect(evidence.authorizedKeys.map(\.user) == ["ec2-user"])
        #expect(evidence.authorizedKeys[0].rows.map(\.fingerprint) == [fixture.rsa.key.cloudInitFingerprint()])
        #expect(evidence.notes.contains { $0.message.contains("without their `Authorized keys from") && $0.line == 2 })
        #expect(evidence.hostPublicKeys == [fixture.hostKeyLine])
        #expect(!ConsoleLog.parse(window).authorizedKeys.isEmpty)
    }

    @Test("a log that ends inside a table keeps the rows read and says the table is cut")
    func cutAtEnd() throws {
        let fixture = try CloudInitConsole()
        let table = try fixture.table(user: "ec2-user", authorizedKeys: Self.authorizedKeys(fixture), hash: "sha256")
        let lines = table.split(separator: "\n")
        let evidence = ConsoleLog.parse(ConsoleText.boot([lines.prefix(6).joined(separator: "\n")]))

        let cut = try #require(evidence.authorizedKeys.first)
        #expect(!cut.isComplete)
        #expect(cut.rows.count == 2)
        #expect(evidence.notes.contains { $0.line == cut.line && $0.message.contains("is cut") })
    }

    @Test("every prefix and suffix of a damaged log parses without a crash")
    func total() throws {
        let fixture = try CloudInitConsole()
        let bytes = Array(ConsoleDamage.crlf.apply(try Self.log(fixture, hash: "sha512")).utf8)
        for cut in stride(from: 0, to: bytes.count, by: 13) {
            _ = ConsoleLog.parse(Array(bytes[..<cut]))
            _ = ConsoleLog.parse(Array(bytes[cut...]))
        }
        #expect(ConsoleLog.parse(bytes).authorizedKeys.count == 3)
    }
}
