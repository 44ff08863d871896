import EC2Evidence
import Testing

/// Texts no local program prints: PuTTY's (from its source, github.com/ranvis/putty at 52207577, whose
/// `windows/lang/0411/putty.lng` gives the Japanese build's dialog texts), OpenSSH's on other systems, and
/// OpenSSH texts whose conditions a test cannot set up (format strings from the `ssh` binary).
@Suite("SSHClientErrorText: pasted texts")
struct SSHClientErrorTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let symptoms: [SSHSymptom]
        let client: SSHClientErrorText.Client
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // OpenSSH: sshconnect2.c "%s@%s: Permission denied (%s)." — the RHEL-family method list.
        Case(name: "OpenSSH refusal with RHEL's methods", text: "ec2-user@203.0.113.7: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).",
             symptoms: [.permissionDenied(methods: ["publickey", "gssapi-keyex", "gssapi-with-mic"])], client: .openssh),
        Case(name: "old OpenSSH refusal without user@host", text: "Permission denied (publickey).",
             symptoms: [.permissionDenied(methods: ["publickey"])], client: .unknown),
        // sshconnect.c "ssh: connect to host %s port %s: %s" with strerror(ETIMEDOUT): Linux's, then macOS's.
        Case(name: "OpenSSH timeout (Linux)", text: "ssh: connect to host 203.0.113.7 port 22: Connection timed out",
             symptoms: [.connectionTimedOut], client: .openssh),
        Case(name: "OpenSSH timeout (macOS)", text: "ssh: connect to host ec2-203-0-113-7.compute-1.amazonaws.com port 22: Operation timed out",
             symptoms: [.connectionTimedOut], client: .openssh),
        Case(name: "OpenSSH name that does not resolve (macOS)", text: "ssh: Could not resolve hostname web-prod: nodename nor servname provided, or not known",
             symptoms: [.hostUnresolved(host: "web-prod")], client: .openssh),
        // sshconnect2.c; reference/ssh-on-ec2.md §6 row 7 (gliderlabs/ssh#215).
        Case(name: "no mutual signature", text: "sign_and_send_pubkey: no mutual signature supported\nec2-user@10.0.0.5: Permission denied (publickey).",
             symptoms: [.noMutualSignature, .permissionDenied(methods: ["publickey"])], client: .openssh),
        Case(name: "libcrypto with a Windows path", text: #"Load key "C:\\Users\\taro\\Downloads\\my-key.pem": error in libcrypto"#,
             symptoms: [.libcryptoError(path: #"C:\\Users\\taro\\Downloads\\my-key.pem"#)], client: .openssh),
        Case(name: "OpenSSH for Windows banner", text: "OpenSSH_for_Windows_9.5p1, LibreSSL 3.8.2\nubuntu@127.0.0.1: Permission denied (publickey).",
             symptoms: [.permissionDenied(methods: ["publickey"])], client: .openssh),
        // PuTTY's terminal (ssh/userauth2-client.c): untranslated in the Japanese builds too (no putty.lng entry).
        Case(name: "PuTTY terminal", text: "login as: ec2-user\r\nServer refused our key\r\n", symptoms: [.serverRefusedKey], client: .putty),
        Case(name: "PuTTY: key accepted, signature refused", text: "Using username \"ec2-user\".\r\nAuthenticating with public key \"rsa-key-20190101\"\r\n"
             + "Server refused public-key signature despite accepting key!\r\n", symptoms: [.puttySignatureRefused], client: .putty),
        // As a Japanese PuTTY user quotes the refusal (github.com/mnakada/atomcam_tools issue 79); no build's source seen.
        Case(name: "Japanese refusal as users quote it", text: "サーバが鍵を拒否しました", symptoms: [.serverRefusedKey], client: .putty),
        // A PuTTY message box copied with Ctrl+C: Windows frames title and text with dashes.
        Case(name: "PuTTY fatal error dialog", text: """
            ---------------------------
            PuTTY Fatal Error
            ---------------------------
            No supported authentication methods available (server sent: publickey)
            ---------------------------
            OK
            ---------------------------
            """, symptoms: [.noSupportedAuthenticationMethods(serverSent: ["publickey"])], client: .putty),
        // ranvis putty.lng: "%25s Fatal Error=%25s 重大なエラー"; the message itself has no entry, so stays English.
        Case(name: "Japanese PuTTY fatal error dialog", text: """
            ---------------------------
            PuTTY 重大なエラー
            ---------------------------
            No supported authentication methods available (server sent: publickey,gssapi-keyex,gssapi-with-mic)
            ---------------------------
            OK
            ---------------------------
            """, symptoms: [.noSupportedAuthenticationMethods(serverSent: ["publickey", "gssapi-keyex", "gssapi-with-mic"])], client: .putty),
        // ranvis putty.lng lines 651 and 625.
        Case(name: "Japanese PuTTY timeout", text: "ネットワークエラー: 接続がタイムアウトしました", symptoms: [.connectionTimedOut], client: .putty),
        Case(name: "Japanese PuTTY refusal", text: "ネットワークエラー: 接続を拒否されました (Connection refused)", symptoms: [.connectionRefused], client: .putty),
        Case(name: "PuTTY refusal", text: "Network error: Connection refused", symptoms: [.connectionRefused], client: .putty),
        // windows/network.c: WSAHOST_NOT_FOUND.
        Case(name: "PuTTY unknown host", text: "Unable to open connection to\nweb-prod\nHost does not exist", symptoms: [.hostUnresolved(host: nil)], client: .putty),
        // ssh/common.c's host-key dialog; ranvis putty.lng lines 720 and 733 in Japanese.
        Case(name: "PuTTY host key changed", text: "WARNING - POTENTIAL SECURITY BREACH!\n\nThe host key does not match the one PuTTY has cached for this server:",
             symptoms: [.hostKeyChanged], client: .putty),
        Case(name: "Japanese PuTTY host key changed", text: "警告 - セキュリティ侵害の可能性!\n\nサーバのホスト鍵が PuTTY がキャッシュしたものと一致しません。",
             symptoms: [.hostKeyChanged], client: .putty),
        // ssh/transport2.c: "Couldn't agree a %s (available: %.*s)".
        Case(name: "PuTTY host key algorithm", text: "Couldn't agree a host key algorithm (available: ssh-ed25519,ecdsa-sha2-nistp256)",
             symptoms: [.noMatchingHostKeyType(theirOffer: ["ssh-ed25519", "ecdsa-sha2-nistp256"])], client: .putty),
        // ssh/userauth2-client.c with sshpubk.c key_type_to_str(); a path with a space.
        Case(name: "PuTTY given an OpenSSH key", text: #"Unable to use key file "C:\Users\Taro Yamada\Downloads\web key.pem" (OpenSSH SSH-2 private key (new format))"#,
             symptoms: [.puttyUnusableKeyFile(path: #"C:\Users\Taro Yamada\Downloads\web key.pem"#, format: "OpenSSH SSH-2 private key (new format)")],
             client: .putty),
        Case(name: "old PuTTY given a PPK v3", text: #"Unable to load key file "C:\keys\web.ppk" (PuTTY key format too new)"#,
             symptoms: [.puttyKeyFormatTooNew], client: .putty),
        // ranvis putty.lng line 835 (the load error as PuTTYgen's dialog shows it).
        Case(name: "Japanese PuTTYgen: format too new", text: "PuTTY 鍵形式が新しすぎます", symptoms: [.puttyKeyFormatTooNew], client: .putty),
        // PuTTY's disconnect dialog quoting sshd's message.
        Case(name: "PuTTY too many failures", text: "Server sent disconnect message\ntype 2 (protocol error):\n\"Too many authentication failures\"",
             symptoms: [.tooManyAuthenticationFailures], client: .unknown),
        Case(name: "cloud-init's root refusal", text: "Please login as the user \"ubuntu\" rather than the user \"root\".\n\nConnection to 203.0.113.7 closed.",
             symptoms: [.loginAsOtherUser(user: "ubuntu", insteadOf: "root")], client: .unknown),
        Case(name: "nothing recognisable", text: "ssh works fine for me\n", symptoms: [], client: .unknown),
        Case(name: "empty", text: "", symptoms: [], client: .unknown),
    ]

    @Test("symptoms and client", arguments: cases)
    func symptoms(_ testCase: Case) {
        let text = SSHClientErrorText(testCase.text)
        #expect(text.symptoms.map(\.symptom) == testCase.symptoms)
        #expect(text.client == testCase.client)
    }

    /// PuTTY's event log (Event Log window, Copy): `We claim version` (ssh/verstring.c), `Remote version`,
    /// `Connecting to %s port %d` (utils/backend_socket_log.c), `Looking up host` (network code), the refusal.
    static let eventLog = """
        2024-02-01 10:15:02\tLooking up host "203.0.113.7" for SSH connection
        2024-02-01 10:15:02\tConnecting to 203.0.113.7 port 22
        2024-02-01 10:15:02\tWe claim version: SSH-2.0-PuTTY_Release_0.81
        2024-02-01 10:15:02\tRemote version: SSH-2.0-OpenSSH_8.7
        2024-02-01 10:15:02\tUsing SSH protocol version 2
        2024-02-01 10:15:03\tReading key file "C:\\Users\\taro\\web.ppk"
        2024-02-01 10:15:03\tOffered public key
        2024-02-01 10:15:03\tServer refused our key
        """

    @Test("PuTTY's event log: version, server, host and port, refusal with its line")
    func puttyEventLog() {
        let text = SSHClientErrorText(Self.eventLog)
        #expect(text.client == .putty)
        #expect(text.clientVersion == "0.81")
        #expect(text.serverSoftware == "OpenSSH_8.7")
        #expect(text.host == "203.0.113.7")
        #expect(text.port == 22)
        #expect(text.symptoms == [.init(symptom: .serverRefusedKey, line: 8)])
    }

    @Test("PuTTY names the key it authenticates with only after the server accepted it")
    func puttyAcceptedKey() {
        let text = SSHClientErrorText("Using username \"ec2-user\".\nAuthenticating with public key \"imported-openssh-key\" from agent\n")
        #expect(text.offeredKeys == [.init(path: "imported-openssh-key", type: nil, fingerprint: nil, accepted: true, line: 2)])
        #expect(text.user == "ec2-user")
        #expect(text.symptoms.isEmpty)
    }

    @Test("PuTTY's user name lines", arguments: ["login as: centos", "Using username \"centos\"."])
    func puttyUser(_ line: String) {
        #expect(SSHClientErrorText(line).user == "centos")
    }

    @Test("an OpenSSH 7 log: offers without fingerprints, acceptance without a path")
    func oldOpenSSH() {
        let text = SSHClientErrorText("""
            OpenSSH_7.4p1, OpenSSL 1.0.2k-fips  26 Jan 2017
            debug1: Authenticating to ec2-203-0-113-7.compute-1.amazonaws.com:2222 as 'centos'
            debug1: Offering RSA public key: /home/taro/.ssh/id_rsa
            debug1: Server accepts key: pkalg rsa-sha2-512 blen 279
            """)
        #expect(text.clientVersion == "7.4p1")
        #expect(text.user == "centos")
        #expect(text.host == "ec2-203-0-113-7.compute-1.amazonaws.com")
        #expect(text.port == 2222)
        #expect(text.offeredKeys == [.init(path: "/home/taro/.ssh/id_rsa", type: "RSA", fingerprint: nil, accepted: true, line: 3)])
    }

    @Test("IPv6 hosts and paths with spaces")
    func ipv6AndSpaces() {
        let text = SSHClientErrorText("""
            debug1: Authenticating to 2001:db8::7:22 as 'admin'
            debug1: Offering public key: C:\\Users\\Taro Yamada/.ssh/id_ed25519 ED25519 SHA256:ZmFrZS1maW5nZXJwcmludA explicit agent
            """)
        #expect(text.host == "2001:db8::7")
        #expect(text.port == 22)
        #expect(text.offeredKeys.first?.path == "C:\\Users\\Taro Yamada/.ssh/id_ed25519")
        #expect(text.offeredKeys.first?.fingerprint == "SHA256:ZmFrZS1maW5nZXJwcmludA")
    }

    @Test("a symptom repeated in a paste counts once, at its first line")
    func repeated() {
        let text = SSHClientErrorText("Server refused our key\nServer refused our key\nNo supported authentication methods available (server sent: publickey)")
        #expect(text.symptoms == [.init(symptom: .serverRefusedKey, line: 1),
                                  .init(symptom: .noSupportedAuthenticationMethods(serverSent: ["publickey"]), line: 3)])
        #expect(text.kinds == [.serverRefusedKey, .noSupportedAuthenticationMethods])
        #expect(text.first(.serverRefusedKey)?.line == 1)
    }

    @Test("CR, LF and CRLF all end lines")
    func lineEnds() {
        let text = SSHClientErrorText("a\rb\r\nc\nServer refused our key")
        #expect(text.lineCount == 4)
        #expect(text.first(.serverRefusedKey)?.line == 4)
    }

    @Test("cut or damaged messages never crash and keep what they can", arguments: [
        "Permission denied (", "Load key \"", "Unable to use key file \"", "Authenticating to  as '", "Please login as the user \"",
        "Couldn't agree a host key algorithm (available: ", "debug1: Offering public key: ", "debug1: Server accepts key: ",
        "Connecting to  port 99999999999999999999999", "No supported authentication methods available (server sent: ",
        "ssh: connect to host  port : Connection refused", "OpenSSH_", "We claim version: SSH-2.0-PuTTY_", "\u{0}\u{FFFD}\r\r\n",
    ])
    func damaged(_ input: String) {
        let text = SSHClientErrorText(input)
        #expect(text.lineCount >= 1)
        #expect(text.port == nil || (0...65535).contains(text.port!))
    }
}
