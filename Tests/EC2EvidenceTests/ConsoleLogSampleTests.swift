import EC2Evidence
import Testing

/// Real consoles: the Amazon Linux 2023 table quoted in reference/ssh-on-ec2.md §5a (cloud-init 22.2.2), the host-key
/// block of §5b, and logs without cloud-init.
@Suite("ConsoleLog: real samples")
struct ConsoleLogSampleTests {
    /// reference/ssh-on-ec2.md §5a, verbatim (public AL2023 console output, find_string id 35535017523).
    static let al2023Table = """
        ci-info: +++++++++++++++++++++++++++++++Authorized keys from /home/ec2-user/.ssh/authorized_keys for user ec2-user+++++++++++++++++++++++++++++++
        ci-info: +---------+-------------------------------------------------------------------------------------------------+---------+----------------+
        ci-info: | Keytype |                                       Fingerprint (sha256)                                      | Options |    Comment     |
        ci-info: +---------+-------------------------------------------------------------------------------------------------+---------+----------------+
        ci-info: | ssh-rsa | a3:5d:62:df:70:33:61:03:26:cd:44:31:58:a8:9c:99:7e:2a:f0:76:4a:c1:fc:4d:e6:f0:11:f5:23:44:67:a2 |    -    | ec2-apache-key |
        ci-info: +---------+-------------------------------------------------------------------------------------------------+---------+----------------+
        """

    /// reference/ssh-on-ec2.md §5b's fingerprint block (the key block there is abridged, so it is not used).
    static let hostKeyBlock = """
        <14>Jan 19 03:51:00 cloud-init: #############################################################
        <14>Jan 19 03:51:00 cloud-init: -----BEGIN SSH HOST KEY FINGERPRINTS-----
        <14>Jan 19 03:51:00 cloud-init: 256 SHA256:ExkmIaT43qD6QicJFEnG49T7lSozLTR/j3dvowrLTgk root@ip-172-31-41-106.us-east-2.compute.internal (ECDSA)
        <14>Jan 19 03:51:00 cloud-init: -----END SSH HOST KEY FINGERPRINTS-----
        <14>Jan 19 03:51:00 cloud-init: #############################################################
        """

    static let banner = "[   19.201234] cloud-init[2245]: Cloud-init v. 22.2.2 finished at Thu, 19 Jan 2023 03:51:00 +0000. Datasource DataSourceEc2Local.  Up 19.20 seconds"

    @Test("the AL2023 table, host-key block and banner")
    func al2023() {
        let evidence = ConsoleLog.parse([Self.al2023Table, Self.hostKeyBlock, Self.banner].joined(separator: "\n"))
        #expect(evidence.notes.isEmpty)
        #expect(evidence.authorizedKeys == [AuthorizedKeysTable(
            user: "ec2-user", file: "/home/ec2-user/.ssh/authorized_keys", hash: "sha256",
            rows: [.init(type: "ssh-rsa", fingerprint: "a3:5d:62:df:70:33:61:03:26:cd:44:31:58:a8:9c:99:7e:2a:f0:76:4a:c1:fc:4d:e6:f0:11:f5:23:44:67:a2",
                         options: nil, comment: "ec2-apache-key")],
            boot: 1, line: 1)])
        #expect(evidence.hostKeys == [HostKeyFingerprint(type: "ECDSA", bits: 256, fingerprint: "SHA256:ExkmIaT43qD6QicJFEnG49T7lSozLTR/j3dvowrLTgk",
                                                         comment: "root@ip-172-31-41-106.us-east-2.compute.internal")])
        #expect(evidence.cloudInit == CloudInitFacts(version: "22.2.2", datasource: "DataSourceEc2Local", boot: 1, line: 12))
    }

    @Test("a later boot's host-key block cut before its first key leaves the earlier boot's keys")
    func cutHostKeyBlock() {
        let evidence = ConsoleLog.parse([
            "[    0.000000] Linux version 6.1.0", Self.hostKeyBlock,
            "[    0.000000] Linux version 6.1.0", "<14>Jan 20 03:51:00 cloud-init: -----BEGIN SSH HOST KEY FINGERPRINTS-----",
        ].joined(separator: "\n"))
        #expect(evidence.boots == 2)
        #expect(evidence.hostKeysBoot == 1)
        #expect(evidence.hostKeys.map(\.fingerprint) == ["SHA256:ExkmIaT43qD6QicJFEnG49T7lSozLTR/j3dvowrLTgk"])
        #expect(evidence.notes == [ConsoleNote(line: 8, message: "the host-key fingerprint block is not closed (the log ends at line 8)")])
    }

    @Test("logs without cloud-init evidence", arguments: [
        "", "\n\n", "[    0.000000] Linux version 6.1.0\nip-10-0-0-1 login: \n",
        "ci-info: +++++++++++++Net device info++++++++++++\nci-info: | eth0 | True | 0a:1b:2c:3d:4e:5f |\n",
    ])
    func noEvidence(_ text: String) {
        let evidence = ConsoleLog.parse(text)
        #expect(!evidence.hasCloudInitEvidence)
        #expect(evidence.notes.isEmpty)
    }

    @Test("damaged pieces are named by line", arguments: [
        ("ci-info: | ssh-rsa | a3:5d | - | x |", 1, "without their"),
        ("ci-info: ++Authorized keys from /h/.ssh/authorized_keys for user u++\nci-info: +---+---+---+---+\nci-info: | Keytype | Fingerprint (sha256) | Options | Comment |\nci-info: +---+---+---+---+\nci-info: | ssh-rsa | zz:zz | - | x |\nci-info: +---+---+---+---+", 5, "not colon-separated hex"),
        ("-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK7JlDCwCM/Xa root@x\n-----END SSH HOST KEY KEYS-----", 2, "does not parse"),
        ("cloud-init: -----END SSH HOST KEY FINGERPRINTS-----", 1, "beginning is not in the log"),
        ("ci-info: ++Authorized keys from /h/.ssh/authorized_keys for user u++\nci-info: +---+---+---+---+\nci-info: | Keytype | Fingerprint (md5) | Options | Comment |\nci-info: +---+---+---+---+\nci-info: | ssh-rsa | ab:cd | - | a | b |", 5, "does not line up"),
        ("ci-info: ++Authorized keys from /h/.ssh/authorized_keys for user u++\nci-info: +---+\n[    0.000000] Linux version 6.1.0\nx", 1, "cut (the instance rebooted at line 3)"),
        ("ci-info: ++Authorized keys from /h/.ssh/authorized_keys for user u++\nci-info: +---+\nci-info: Net device info", 1, "cut (another ci-info line at line 3)"),
        ("<14>Jan 19 03:51:00 cloud-init: -----BEGIN SSH HOST KEY FINGERPRINTS-----\n<14>Jan 19 03:51:00 cloud-init: garbage", 2, "not `bits fingerprint comment (TYPE)`"),
    ] as [(String, Int, String)])
    func damaged(_ text: String, _ line: Int, _ words: String) {
        let notes = ConsoleLog.parse(text).notes
        #expect(notes.contains { $0.line == line && $0.message.contains(words) }, "\(notes)")
    }
}
