import SSHSession
import Testing

/// The `ssh` arguments a probe builds, and how keys are split into batches.
@Suite struct SSHProbeTests {
    static let hardening = [
        "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
        "-o", "PreferredAuthentications=publickey", "-o", "PasswordAuthentication=no",
        "-o", "KbdInteractiveAuthentication=no", "-o", "StrictHostKeyChecking=yes",
    ]

    static func connection(_ timeout: Int) -> [String] {
        ["-o", "ConnectTimeout=\(timeout)", "-o", "ControlMaster=no", "-o", "ControlPath=none", "-o", "ClearAllForwardings=yes"]
    }

    static let cases: [(SSHProbe, [String])] = [
        // Pinned: only the pins count, no global file.
        (SSHProbe(host: "54.12.0.7", user: "ec2-user", publicKeyFiles: ["/k/a.pub", "/k/b.pub"], knownHostsFile: "/pins"),
         ["-v", "-F", "/dev/null"] + hardening + ["-o", "UserKnownHostsFile=/pins", "-o", "GlobalKnownHostsFile=/dev/null"]
            + connection(10) + ["-i", "/k/a.pub", "-i", "/k/b.pub", "--", "ec2-user@54.12.0.7", "exit 0"]),
        // Unpinned: still strict, against the user's own known_hosts; a port and a config of the caller's.
        (SSHProbe(host: "h", port: 2222, user: "u", publicKeyFiles: ["/k/a.pub"], knownHostsFile: nil, sshConfig: "/cfg",
                  connectTimeout: 3),
         ["-v", "-F", "/cfg", "-p", "2222"] + hardening + connection(3) + ["-i", "/k/a.pub", "--", "u@h", "exit 0"]),
        // Paths as ssh reads them back: % doubled (ssh expands tokens), a pins path with blanks quoted; a user that
        // looks like an option stays the destination.
        (SSHProbe(host: "h", user: "-oProxyCommand=x", publicKeyFiles: ["/k/100%.pub"], knownHostsFile: "/my pins/%h"),
         ["-v", "-F", "/dev/null"] + hardening + ["-o", "UserKnownHostsFile=\"/my pins/%%h\"", "-o", "GlobalKnownHostsFile=/dev/null"]
            + connection(10) + ["-i", "/k/100%%.pub", "--", "-oProxyCommand=x@h", "exit 0"]),
        // No keys: still a connection that shows the host key check and the methods.
        (SSHProbe(host: "h", user: "u", publicKeyFiles: [], knownHostsFile: "/p"),
         ["-v", "-F", "/dev/null"] + hardening + ["-o", "UserKnownHostsFile=/p", "-o", "GlobalKnownHostsFile=/dev/null"]
            + connection(10) + ["--", "u@h", "exit 0"]),
    ]

    @Test(arguments: cases) func arguments(probe: SSHProbe, expected: [String]) {
        #expect(probe.arguments == expected)
    }

    @Test(arguments: [
        (0, 5, [0]), (1, 5, [1]), (5, 5, [5]), (6, 5, [5, 1]), (12, 5, [5, 5, 2]), (3, 1, [1, 1, 1]), (3, 0, [1, 1, 1]),
    ])
    func batches(keys: Int, maximum: Int, sizes: [Int]) {
        let files = (0..<keys).map { "/k/\($0).pub" }
        let probes = SSHProbe.batches(host: "h", port: 22, user: "u", publicKeyFiles: files, knownHostsFile: "/p",
                                      sshConfig: "/c", connectTimeout: 4, maximumKeys: maximum)
        #expect(probes.map(\.publicKeyFiles.count) == sizes)
        #expect(probes.flatMap(\.publicKeyFiles) == files)
        #expect(probes.allSatisfy { $0.host == "h" && $0.port == 22 && $0.user == "u" && $0.knownHostsFile == "/p"
            && $0.sshConfig == "/c" && $0.connectTimeout == 4 })
    }

    @Test func theDefaultBatchLeavesRoomUnderSSHDsDefaultMaxAuthTries() {
        #expect(SSHProbe.maximumKeysPerConnection == 5)
        let probes = SSHProbe.batches(host: "h", user: "u", publicKeyFiles: (0..<11).map { "\($0)" }, knownHostsFile: nil)
        #expect(probes.map(\.publicKeyFiles.count) == [5, 5, 1])
    }
}
