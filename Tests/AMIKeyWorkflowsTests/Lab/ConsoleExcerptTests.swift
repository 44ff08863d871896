import AMIKeyWorkflows
import SSHKeys
import Testing

/// The host-key block and cloud-init's table, out of a console log with either line ending.
@Suite("ConsoleExcerpt")
struct ConsoleExcerptTests {
    static let hostKey = SSHPrivateKey.generateEd25519(comment: "root@ip-10-0-0-1").publicKey
    static let userKey = SSHPrivateKey.generateEd25519(comment: "old-key").publicKey

    /// A console log in the order EC2 prints it: kernel lines, cloud-init's table, the host-key blocks.
    static func console(lineEnding: String) -> String {
        [
            "[    0.000000] Linux version 6.1.0-18-cloud-amd64",
            "ci-info: ++++++Authorized keys from /home/ec2-user/.ssh/authorized_keys for user ec2-user++++++",
            "ci-info: +-------------+--------+---------+---------+",
            "ci-info: |   Keytype   | Fingerprint (sha256) | Options | Comment |",
            "ci-info: | ssh-ed25519 | \(userKey.cloudInitFingerprint()) |    -    | old-key |",
            "ci-info: +-------------+--------+---------+---------+",
            "<14>Nov 29 20:00:00 cloud-init: #############################################################",
            "-----BEGIN SSH HOST KEY FINGERPRINTS-----",
            "<14>Nov 29 20:00:00 cloud-init: 256 \(hostKey.sha256Fingerprint) root@ip-10-0-0-1 (ED25519)",
            "-----END SSH HOST KEY FINGERPRINTS-----",
            "-----BEGIN SSH HOST KEY KEYS-----",
            hostKey.openSSHRepresentation(comment: "root@ip-10-0-0-1"),
            "-----END SSH HOST KEY KEYS-----",
            "Cloud-init v. 22.4.2 finished",
        ].joined(separator: lineEnding) + lineEnding
    }

    @Test("host keys and the table, whatever the line ending", arguments: ["\n", "\r\n"])
    func parses(_ lineEnding: String) {
        let excerpt = ConsoleExcerpt(Self.console(lineEnding: lineEnding))
        #expect(excerpt.hostKeys == [Self.hostKey.openSSHRepresentation(comment: "root@ip-10-0-0-1")])
        #expect(excerpt.authorizedKeysTable.count == 5)
        #expect(excerpt.authorizedKeysTable[3].contains(Self.userKey.cloudInitFingerprint()))
        #expect(excerpt.knownHostsLines(for: "54.1.2.3") == ["54.1.2.3 \(Self.hostKey.openSSHRepresentation())\n"])
    }

    @Test("a console without the blocks pins nothing")
    func empty() {
        let excerpt = ConsoleExcerpt("[    0.000000] Linux version 6.1.0\nlogin: \n")
        #expect(excerpt.hostKeys.isEmpty)
        #expect(excerpt.authorizedKeysTable.isEmpty)
        #expect(excerpt.knownHostsLines(for: "54.1.2.3").isEmpty)
    }
}
