import AMIKeyTestSupport
import Foundation
import SSHSession
import Testing

/// known_hosts lines from host keys made by ssh-keygen at test time; ssh-keygen reads them back.
@Suite struct KnownHostsTests {
    /// Host keys of three types and a host certificate, made once for the suite (RSA at 1024 bits: quick to make,
    /// and the format does not depend on the size).
    static let material = Result { () throws -> (keys: [String], certificate: String) in
        let directory = try TempDirectory()
        var keys: [String] = []
        for (type, bits) in [("ed25519", [String]()), ("ecdsa", []), ("rsa", ["-b", "1024"])] {
            try Oracle.run("ssh-keygen", ["-q", "-t", type] + bits + ["-N", "", "-C", "root@ip-10-0-0-1", "-f", directory.path(type)])
            keys.append(try directory.read("\(type).pub"))
        }
        // A host certificate, which a plain known_hosts line cannot pin.
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", directory.path("ca")])
        try Oracle.run("ssh-keygen", ["-q", "-s", directory.path("ca"), "-I", "host", "-h", directory.path("ed25519.pub")])
        return (keys, try directory.read("ed25519-cert.pub"))
    }

    @Test(arguments: [
        (Int?.none, "54.12.0.7"), (22, "54.12.0.7"), (2222, "[54.12.0.7]:2222"),
    ])
    func oneLinePerWellFormedKey(port: Int?, hostField: String) throws {
        let (keys, certificate) = try Self.material.get()
        let directory = try TempDirectory()
        let ed25519Fields = keys[0].split(separator: " ")
        let malformed = [
            "", "garbage", "ssh-ed25519", "ssh-ed25519 !!!notbase64", "ssh-rsa \(ed25519Fields[1])",
            String(keys[0].prefix(40)), certificate,
        ]

        let text = KnownHosts.lines(hostPublicKeys: malformed + keys + malformed, host: "54.12.0.7", port: port)
        let expected = keys.map { key in
            "\(hostField) \(key.split(separator: " ").prefix(2).joined(separator: " "))\n"
        }.joined()
        #expect(text == expected)

        // ssh-keygen reads the file as known_hosts and finds every key under the name ssh looks up.
        let file = try directory.write("known_hosts", text)
        let listed = try Oracle.run("ssh-keygen", ["-l", "-f", file]).split(separator: "\n")
        #expect(listed.count == 3)
        #expect(listed.allSatisfy { $0.contains(" \(hostField) ") })
        let found = try Oracle.run("ssh-keygen", ["-F", hostField, "-f", file])
        #expect(found.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 3)
    }

    @Test(arguments: [
        ("host", Int?.none, "host"), ("host", 22, "host"), ("host", 2200, "[host]:2200"), ("::1", 2200, "[::1]:2200"),
        ("::1", nil, "::1"),
    ])
    func hostPattern(host: String, port: Int?, expected: String) {
        #expect(KnownHosts.hostPattern(host: host, port: port) == expected)
    }
}
