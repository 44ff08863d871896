import AMIKeyTestSupport
import EC2Evidence
import Foundation
import Testing

/// Every OpenSSH symptom that a local ssh and sshd can produce, from their real output at test time
/// (`Support/OpenSSHTranscript.swift`: keys by ssh-keygen, sshd started per connection through ProxyCommand).
@Suite("SSHClientErrorText: real OpenSSH transcripts")
struct SSHClientErrorTextOpenSSHTests {
    /// A way to make ssh fail, and the symptoms its output must give, in line order.
    enum Scenario: String, CaseIterable, CustomTestStringConvertible {
        case connectionRefused, wrongKey, unprotectedKey, invalidFormat, libcryptoError, loginAsOtherUser
        case tooManyAuthenticationFailures, hostKeyChanged, noMatchingHostKeyType, hostUnresolved

        var testDescription: String { rawValue }

        /// Runs ssh and returns its output and the symptoms expected from it.
        func run() throws -> (output: String, expected: [SSHSymptom]) {
            let lab = try OpenSSHTranscript()
            switch self {
            case .connectionRefused:
                let closed = try LoopbackSocket(listen: false)
                return (try lab.run(["-p", String(closed.port)], destination: "ec2-user@127.0.0.1"), [.connectionRefused])
            case .wrongKey:
                let key = try lab.makeKey("laptop")
                try lab.makeKey("baked")
                try lab.authorize([(nil, "baked")])
                return (try lab.connect(["-i", key]), [.permissionDenied(methods: ["publickey"])])
            case .unprotectedKey:
                // The server must accept the public key for ssh to load the private one and check its mode.
                let key = try lab.makeKey("loose")
                try lab.authorize([(nil, "loose")])
                guard chmod(key, 0o644) == 0 else { throw Oracle.Failure(description: "chmod failed") }
                return (try lab.connect(["-i", key]), [.unprotectedPrivateKeyFile(path: key), .permissionDenied(methods: ["publickey"])])
            case .invalidFormat:
                // OpenSSH reads no PKCS#8 Ed25519 key: what `openssl genpkey` writes.
                let key = lab.directory.path("openssl-ed25519.pem")
                try Oracle.run("openssl", ["genpkey", "-algorithm", "ed25519", "-out", key])
                guard chmod(key, 0o600) == 0 else { throw Oracle.Failure(description: "chmod failed") }
                return (try lab.connect(["-i", key]), [.invalidKeyFormat(path: key), .permissionDenied(methods: ["publickey"])])
            case .libcryptoError:
                // A .ppk: OpenSSH hands what it cannot parse to OpenSSL's PEM reader, which fails.
                let key = try lab.makeKey("putty")
                let ppk = lab.directory.path("putty.ppk")
                try Oracle.run("puttygen", [key, "-O", "private", "-o", ppk])
                return (try lab.connect(["-i", ppk]), [.libcryptoError(path: ppk), .permissionDenied(methods: ["publickey"])])
            case .loginAsOtherUser:
                // cloud-init's disable_root_opts (cloudinit/config/cc_ssh.py), with this user as the refused one.
                let key = try lab.makeKey("launch")
                let command = "echo 'Please login as the user \\\"ec2-user\\\" rather than the user \\\"\(lab.user)\\\".';echo;sleep 0;exit 142"
                try lab.authorize([("no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command=\"\(command)\"", "launch")])
                return (try lab.connect(["-i", key]), [.loginAsOtherUser(user: "ec2-user", insteadOf: lab.user)])
            case .tooManyAuthenticationFailures:
                let keys = try (1...3).map { try lab.makeKey("stray\($0)") }
                return (try lab.connect(keys.flatMap { ["-i", $0] }, sshd: ["MaxAuthTries=2"]), [.tooManyAuthenticationFailures])
            case .hostKeyChanged:
                let key = try lab.makeKey("laptop")
                // known_hosts remembers another key for 127.0.0.1, as after a relaunch.
                try lab.makeKey("old-host")
                let known = "127.0.0.1 " + (try lab.directory.read("old-host.pub").split(separator: " ").prefix(2).joined(separator: " "))
                try lab.directory.write("known_hosts", known + "\n")
                return (try lab.connect(["-i", key, "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=\(lab.directory.path("known_hosts"))"]),
                        [.hostKeyChanged])
            case .noMatchingHostKeyType:
                let key = try lab.makeKey("laptop")
                return (try lab.connect(["-i", key, "-o", "HostKeyAlgorithms=ssh-rsa"]), [.noMatchingHostKeyType(theirOffer: ["ssh-ed25519"])])
            case .hostUnresolved:
                // RFC 2606 reserves .invalid: it never resolves, whatever the resolver says about why.
                return (try lab.run([], destination: "nonexistent.invalid"), [.hostUnresolved(host: "nonexistent.invalid")])
            }
        }
    }

    @Test("ssh's own output gives the symptom", arguments: Scenario.allCases)
    func symptom(_ scenario: Scenario) throws {
        let (output, expected) = try scenario.run()
        let text = SSHClientErrorText(output)
        #expect(text.symptoms.map(\.symptom) == expected, "\(output)")
        #expect(text.client == .openssh, "\(output)")
        // Each finding names a line that really shows it.
        let lines = output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for finding in text.symptoms {
            #expect(finding.line >= 1 && finding.line <= lines.count)
        }
    }

    @Test("ssh -v against a closed port: banner, host and port, as printed for 127.0.0.1")
    func verboseRefused() throws {
        let lab = try OpenSSHTranscript()
        let closed = try LoopbackSocket(listen: false)
        let output = try lab.run(["-v", "-p", String(closed.port)], destination: "ec2-user@127.0.0.1")
        let text = SSHClientErrorText(output)
        let banner = try OpenSSHTranscript.banner()
        #expect(text.client == .openssh)
        #expect(text.clientVersion == banner.dropFirst("OpenSSH_".count).split(separator: " ").first.map(String.init))
        #expect(text.symptoms.map(\.symptom) == [.connectionRefused])
        #expect(text.host == "127.0.0.1")
        #expect(text.port == closed.port)
        #expect(text.offeredKeys.isEmpty)
    }

    @Test("ssh -v with a refused key, then an accepted one: user, server software, offers and fingerprints")
    func verboseOffers() throws {
        let lab = try OpenSSHTranscript()
        let laptop = try lab.makeKey("laptop")
        let baked = try lab.makeKey("baked", type: "rsa")
        try lab.authorize([(nil, "baked")])
        let output = try lab.connect(["-v", "-i", laptop, "-i", baked])
        let text = SSHClientErrorText(output)
        #expect(text.symptoms.isEmpty, "the login succeeded: \(output)")
        #expect(text.user == lab.user)
        #expect(text.host == "127.0.0.1")
        #expect(text.port == 22)
        let announced = try lab.serverSoftware()
        #expect(announced.hasPrefix("OpenSSH_"))
        #expect(text.serverSoftware == announced)
        #expect(text.offeredKeys.map(\.path) == [laptop, baked])
        #expect(text.offeredKeys.map(\.type) == ["ED25519", "RSA"])
        #expect(text.offeredKeys.map(\.fingerprint) == [try lab.fingerprint("laptop"), try lab.fingerprint("baked")])
        #expect(text.offeredKeys.map(\.accepted) == [false, true])
    }

    @Test("ssh -vvv's refusal keeps the method list and the user@host it names")
    func verboseDenied() throws {
        let lab = try OpenSSHTranscript()
        let key = try lab.makeKey("laptop")
        let output = try lab.connect(["-vvv", "-i", key], user: "ec2-user")
        let text = SSHClientErrorText(output)
        #expect(text.symptoms.map(\.symptom) == [.permissionDenied(methods: ["publickey"])])
        #expect(text.user == "ec2-user")
        #expect(text.host == "127.0.0.1")
        #expect(text.offeredKeys.count == 1)
        #expect(text.offeredKeys.first?.accepted == false)
        #expect(text.lineCount > 20)
    }
}
