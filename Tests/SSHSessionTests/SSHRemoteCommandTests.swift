import SSHSession
import Testing

/// The `ssh`, `ssh -G` and `ssh-keyscan` argument lists of `import-key --from-host`, and what is read back.
@Suite struct SSHRemoteCommandTests {
    @Test func pinnedWithKeyAndPort() {
        let remote = SSHRemoteCommand(user: "ec2-user", host: "54.12.0.7", port: 2222, identityFile: "/k/100%.pem",
                                      knownHostsFile: "/tmp/my pins", command: SSHRemoteCommand.readAuthorizedKeys)
        #expect(remote.arguments == [
            "-F", "/dev/null", "-p", "2222",
            "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "LogLevel=ERROR",
            "-o", "UserKnownHostsFile=\"/tmp/my pins\"", "-o", "GlobalKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes", "-o", "ConnectTimeout=10", "-o", "RequestTTY=no", "-o", "ControlMaster=no",
            "-o", "ControlPath=none", "-o", "ClearAllForwardings=yes",
            "-i", "/k/100%%.pem", "--", "ec2-user@54.12.0.7", "cat ~/.ssh/authorized_keys",
        ])
    }

    @Test func userKnownHostsAndConfigWithoutKey() {
        let remote = SSHRemoteCommand(user: "-oProxyCommand=x", host: "h", sshConfig: "/lab/ssh_config", connectTimeout: 3,
                                      command: "true")
        #expect(remote.arguments == [
            "-F", "/lab/ssh_config", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "LogLevel=ERROR",
            "-o", "ConnectTimeout=3",
            "-o", "RequestTTY=no", "-o", "ControlMaster=no", "-o", "ControlPath=none", "-o", "ClearAllForwardings=yes",
            "--", "-oProxyCommand=x@h", "true",
        ])
        #expect(!remote.arguments.contains { $0.hasPrefix("UserKnownHostsFile") || $0.hasPrefix("IdentitiesOnly") })
    }

    @Test(arguments: [
        (Int32(1), "cat: /home/u/.ssh/authorized_keys: No such file or directory\n", true),
        (Int32(255), "Warning: Identity file k not accessible: No such file or directory.\n", false),
        (Int32(1), "cat: /home/u/.ssh/authorized_keys: Permission denied\n", false),
        (Int32(0), "", false),
    ])
    func missingFile(_ status: Int32, _ standardError: String, _ missing: Bool) {
        #expect(SSHRemoteCommand.isMissingFile(status: status, standardError: standardError) == missing)
    }

    @Test func keyScanArgumentsAndOutput() {
        #expect(SSHKeyScan(host: "127.0.0.1", port: 2201, timeout: 5).arguments == ["-T", "5", "-p", "2201", "--", "127.0.0.1"])
        #expect(SSHKeyScan(host: "h").arguments == ["-T", "10", "--", "h"])
        let output = """
            # 127.0.0.1:2201 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6
            [127.0.0.1]:2201 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
            garbage
            [127.0.0.1]:2201 ssh-rsa AAAAB3Nza
            """
        #expect(SSHKeyScan.hostPublicKeys(output: output) == [
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "ssh-rsa AAAAB3Nza",
        ])
    }

    @Test func resolvedHostFromSSHG() {
        #expect(SSHResolvedHost.arguments(user: "u", host: "h", port: 2200, sshConfig: nil) == ["-G", "-F", "/dev/null", "-p", "2200", "--", "u@h"])
        let lab = SSHResolvedHost(output: "user u\nhostname 127.0.0.1\nport 2201\nhostkeyalias 54.12.0.7\n", host: "54.12.0.7", port: nil)
        #expect(lab.hostname == "127.0.0.1" && lab.port == 2201 && lab.hostKeyAlias == "54.12.0.7")
        #expect(lab.knownHostsNames == ["54.12.0.7", "[127.0.0.1]:2201", "[54.12.0.7]:2201"])
        let plain = SSHResolvedHost(output: "hostname 10.1.2.3\nport 22\n", host: "10.1.2.3", port: nil)
        #expect(plain.hostKeyAlias == nil && plain.knownHostsNames == ["10.1.2.3"])
        let empty = SSHResolvedHost(output: "", host: "h", port: 2022)
        #expect(empty.hostname == "h" && empty.port == 2022 && empty.knownHostsNames == ["[h]:2022"])
    }
}
