import Testing

@testable import AMIKeyWorkflows

/// How ssh's answers for `import-key --from-host` become messages, for the answers a loopback sshd cannot give
/// (timeouts, a full MaxStartups, a refused file); the others are seen against a real sshd in AMIKeyCLITests.
@Suite struct ImportKeyHostFailureTests {
    static let source = ImportKeyHostSource(user: "ec2-user", host: "54.12.0.7", identityFile: "k.pem", port: 2222)

    @Test(arguments: [
        (Int32(255), "ssh: connect to host 54.12.0.7 port 2222: Connection timed out\r\n", "host-unreachable",
         "could not reach 54.12.0.7 port 2222: the connection timed out. Check that the instance is running, its address, and that its security group allows TCP 2222 from your address (amikey doctor INSTANCE_ID checks all three)"),
        (Int32(255), "Received disconnect from 54.12.0.7 port 2222:2: Too many authentication failures\r\n", "too-many-keys",
         "54.12.0.7 hung up after too many refused keys: give the key that logs in with -i KEY, so that ssh offers only that one"),
        (Int32(255), "kex_exchange_identification: read: Connection reset by peer\r\n", "connection-closed",
         "54.12.0.7 port 2222 closed the connection before logging in (kex_exchange_identification: read: Connection reset by peer): sshd may be busy (MaxStartups) or refuse your address (a TCP wrapper, sshd's ListenAddress); try again, and if it persists check the instance's console output"),
        (Int32(1), "cat: /home/ec2-user/.ssh/authorized_keys: Permission denied\n", "remote-command-failed",
         "reading ~/.ssh/authorized_keys on ec2-user@54.12.0.7 failed with status 1: cat: /home/ec2-user/.ssh/authorized_keys: Permission denied"),
        (Int32(1), "cat: /home/ec2-user/.ssh/authorized_keys: No such file or directory\n", "no-authorized-keys",
         "ec2-user@54.12.0.7 has no ~/.ssh/authorized_keys (cat: No such file or directory): this user logs in some other way (sshd's AuthorizedKeysFile, EC2 Instance Connect), so there is no key to import from it; check the user name, or import the key from a file with --from"),
        (Int32(255), "Warning: Identity file k.pem not accessible: No such file or directory.\r\nec2-user@54.12.0.7: Permission denied (publickey).\r\n",
         "key-not-readable", "ssh could not read the key given with -i (k.pem): check the path and that it is readable by you, then run again"),
    ])
    func message(_ status: Int32, _ standardError: String, _ code: String, _ message: String) {
        let run = ProcessResult(status: status, stdout: [], stderr: Array(standardError.utf8))
        let failure = ImportKeyWorkflow.failure(of: run, source: Self.source)
        #expect(failure.failure.code == code)
        #expect(failure.failure.message == message)
        #expect(failure.exitCode == 3)
    }

    @Test func aChangedKnownHostsKeyIsAMismatchThatSaysWhatToCheck() {
        let standardError = """
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
            @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
            Host key verification failed.

            """
        var source = Self.source
        source.hostKeyCheck = .knownHosts
        let failure = ImportKeyWorkflow.failure(of: ProcessResult(status: 255, stdout: [], stderr: Array(standardError.utf8)), source: source)
        #expect(failure.failure.code == "host-key-mismatch")
        #expect(failure.failure.message.hasPrefix("the host key of 54.12.0.7 is not the one your known_hosts holds for it: it may be a different host"))
        #expect(failure.failure.message.hasSuffix("(or remove the old line with ssh-keygen -R 54.12.0.7)"))
    }
}
