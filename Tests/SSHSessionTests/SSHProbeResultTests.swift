import SSHSession
import Testing

/// Parsing what ssh prints in cases a loopback sshd cannot produce (the other cases are read from real runs in
/// SSHProbeServerTests). Lines follow OpenSSH's format strings (ssh.c, sshconnect.c, sshconnect2.c, kex.c, packet.c).
@Suite struct SSHProbeResultTests {
    static let failures: [(String, SSHConnectionFailure)] = [
        ("debug1: Connecting to 10.255.255.1 [10.255.255.1] port 22.\r\ndebug1: connect to address 10.255.255.1 port 22: Connection timed out\r\nssh: connect to host 10.255.255.1 port 22: Connection timed out\r\n", .timedOut),
        ("Connection timed out during banner exchange\r\nConnection to 127.0.0.1 port 2222 timed out\r\n", .timedOut),
        ("ssh: connect to host 127.0.0.1 port 1: Connection refused\r\n", .connectionRefused),
        ("ssh: Could not resolve hostname nowhere.invalid: Name or service not known\r\n", .hostnameUnresolved),
        ("ssh: Could not resolve hostname x: Temporary failure in name resolution\r\n", .hostnameUnresolved),
        ("ssh: connect to host 10.0.0.9 port 22: No route to host\r\n", .noRoute),
        ("ssh: connect to host 2001:db8::1 port 22: Network is unreachable\r\n", .noRoute),
        ("kex_exchange_identification: read: Connection reset by peer\r\nConnection reset by 127.0.0.1 port 22\r\n",
         .closedByRemote(line: "kex_exchange_identification: read: Connection reset by peer")),
        ("kex_exchange_identification: Connection closed by remote host\r\nConnection closed by 127.0.0.1 port 22\r\n",
         .closedByRemote(line: "kex_exchange_identification: Connection closed by remote host")),
        ("Unable to negotiate with 127.0.0.1 port 22: no matching host key type found. Their offer: ssh-rsa,ssh-dss\r\n",
         .noMatchingHostKeyType(offer: "ssh-rsa,ssh-dss")),
        ("Unable to negotiate with 127.0.0.1 port 22: no matching cipher found. Their offer: aes128-cbc\r\n",
         .other(line: "Unable to negotiate with 127.0.0.1 port 22: no matching cipher found. Their offer: aes128-cbc")),
        ("@@@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\n@@@@@@@@@@\r\nHost key for [127.0.0.1]:2222 has changed and you have requested strict checking.\r\nHost key verification failed.\r\n", .hostKeyMismatch),
        ("No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n", .hostKeyUnknown),
        ("Host key verification failed.\r\n", .hostKeyMismatch),
        ("Received disconnect from 127.0.0.1 port 22:2: Too many authentication failures\r\nDisconnected from 127.0.0.1 port 22\r\n",
         .tooManyAuthenticationFailures),
        ("OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 3 Sep 2024\r\nsomething new went wrong\r\n\r\n", .other(line: "something new went wrong")),
        ("", .other(line: "ssh ended with status 255 and said nothing")),
    ]

    @Test(arguments: failures) func failure(standardError: String, expected: SSHConnectionFailure) {
        let result = SSHProbeResult(status: 255, standardError: standardError)
        #expect(result.failure == expected)
        #expect(result.offered.isEmpty && !result.permissionDenied && !result.authenticated)
    }

    /// Clients before 8.1 (CentOS 7's 7.4, Amazon Linux 2's 7.4) printed `Offering RSA public key: path` (before 7.8) or
    /// `TYPE FP path`, and answered PK_OK with the algorithm only.
    @Test func openSSH7Transcript() {
        let transcript = """
            debug1: Remote protocol version 2.0, remote software version OpenSSH_7.4
            debug1: Authentications that can continue: publickey,gssapi-keyex,gssapi-with-mic
            debug1: Offering RSA public key: /home/u/.ssh/old.pub
            debug1: Offering public key: RSA SHA256:Abc /home/u/my keys/a.pub
            debug1: Authentications that can continue: publickey,gssapi-keyex,gssapi-with-mic
            debug1: Offering public key: ED25519 SHA256:Def /home/u/my keys/b.pub
            debug1: Server accepts key: pkalg ssh-ed25519 blen 51
            debug1: No more authentication methods to try.
            u@h: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).
            """
        let result = SSHProbeResult(status: 255, standardError: transcript)
        #expect(result.serverVersion == "OpenSSH_7.4")
        #expect(result.offered == [.init(file: "/home/u/.ssh/old.pub", type: "RSA"),
                                   .init(file: "/home/u/my keys/a.pub", type: "RSA", fingerprint: "SHA256:Abc"),
                                   .init(file: "/home/u/my keys/b.pub", type: "ED25519", fingerprint: "SHA256:Def")])
        #expect(result.acceptedKeyFiles == ["/home/u/my keys/b.pub"])
        #expect(result.refusedKeyFiles == ["/home/u/.ssh/old.pub", "/home/u/my keys/a.pub"])
        #expect(result.authMethods == ["publickey", "gssapi-keyex", "gssapi-with-mic"])
        #expect(result.permissionDenied && result.failure == nil)
    }

    @Test(arguments: [
        ("/k/a.pub ED25519 SHA256:x explicit", SSHProbeResult.Key(file: "/k/a.pub", type: "ED25519", fingerprint: "SHA256:x")),
        ("/my keys/a.pub RSA SHA256:x explicit agent", .init(file: "/my keys/a.pub", type: "RSA", fingerprint: "SHA256:x")),
        ("/k/a-cert.pub ED25519-CERT ID host key 1 (serial 0) SHA256:x explicit",
         .init(file: "/k/a-cert.pub", type: "ED25519-CERT", fingerprint: "SHA256:x")),
        ("/k/a.pub ECDSA MD5:ab:cd explicit", .init(file: "/k/a.pub", type: "ECDSA", fingerprint: "MD5:ab:cd")),
        ("/k/a.pub", .init(file: "/k/a.pub")),
        ("SHA256:x", .init(file: "SHA256:x", fingerprint: "SHA256:x")),
        ("", .init(file: "")),
    ])
    func offeredKey(identity: String, expected: SSHProbeResult.Key) {
        let result = SSHProbeResult(status: 255, standardError: "debug1: Offering public key: \(identity)\n")
        #expect(result.offered == [expected])
    }

    @Test func noMutualSignatureIsAFlagNotAFailure() {
        let transcript = """
            debug1: Offering public key: /k/rsa.pub RSA SHA256:x explicit
            debug1: Server accepts key: /k/rsa.pub RSA SHA256:x explicit
            sign_and_send_pubkey: no mutual signature supported
            u@h: Permission denied (publickey).
            """
        let result = SSHProbeResult(status: 255, standardError: transcript)
        #expect(result.noMutualSignature)
        #expect(result.acceptedKeyFiles == ["/k/rsa.pub"])
        #expect(result.failure == nil)
        let debug = SSHProbeResult(status: 255, standardError: "debug1: send_pubkey_test: no mutual signature algorithm\n")
        #expect(debug.noMutualSignature)
        #expect(!SSHProbeResult(status: 255, standardError: transcript.replacing("no mutual", with: "a")).noMutualSignature)
    }

    @Test func aSuccessfulLoginIsNotARefusal() {
        let result = SSHProbeResult(status: 0, standardError: "")
        #expect(result.authenticated && !result.permissionDenied && result.failure == nil)
        let remoteFailed = SSHProbeResult(status: 1, standardError: "debug1: Authenticated to h ([10.0.0.1]:22) using \"publickey\".\n")
        #expect(remoteFailed.authenticated && remoteFailed.failure == nil)
    }

    /// Invalid UTF-8, NULs, lone prefixes and huge lines give a result.
    @Test(arguments: [
        "debug1:", "debug1: Offering public key:", "debug1: Server accepts key:", "Permission denied (",
        "Warning: Identity file ", "debug1: Remote protocol version ", "\u{0}\u{0}\n\r\r\n",
        String(repeating: "debug1: Offering public key: ", count: 2000), String(decoding: [0xFF, 0xFE, 0x0A, 0xC3], as: UTF8.self),
        "debug1: Server accepts key: /k/x.pub ED25519 SHA256:zz explicit",
    ])
    func neverCrashes(text: String) {
        let result = SSHProbeResult(status: 255, standardError: text)
        #expect(Set(result.refusedKeyFiles).isSubset(of: result.offeredKeyFiles))
        #expect(result.failure != nil || result.permissionDenied)
    }
}
