import SSHSession
import Testing

/// The lab's one-key login: its arguments and what counts as a key refusal.
@Suite struct SSHLoginTests {
    @Test func arguments() {
        let login = SSHLogin(sshConfig: "/lab/ssh_config", knownHosts: "/lab/pins", key: "/lab/K_A", user: "ec2-user",
                             host: "54.12.0.7", command: "hostname")
        #expect(login.arguments == [
            "-F", "/lab/ssh_config", "-o", "UserKnownHostsFile=/lab/pins", "-o", "StrictHostKeyChecking=yes",
            "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=10", "-i", "/lab/K_A", "ec2-user@54.12.0.7", "hostname",
        ])
    }

    @Test(arguments: [
        (Int32(255), "ec2-user@127.0.0.1: Permission denied (publickey).\r\n", true),
        (255, "ec2-user@127.0.0.1: Permission denied (publickey,password).\r\n", false),
        (255, "Host key verification failed.\r\n", false),
        (1, "ec2-user@127.0.0.1: Permission denied (publickey).\r\n", false),
        (0, "", false),
    ])
    func publicKeyRefusal(status: Int32, standardError: String, refused: Bool) {
        #expect(SSHLogin.isPublicKeyRefusal(status: status, standardError: standardError) == refused)
    }
}
