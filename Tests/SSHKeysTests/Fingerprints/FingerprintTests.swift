import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// Every fingerprint flavour against the tool that prints it, on keys ssh-keygen makes at test time.
@Suite("Fingerprints: every flavour against ssh-keygen, puttygen and openssl")
struct FingerprintTests {
    @Test("SHA256 and MD5 equal ssh-keygen -l, PuTTY's equal puttygen -l", arguments: OracleKeySpec.fingerprinted)
    func sshKeygenAndPuTTY(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        let key = try OracleKeys.publicKey(path)

        // The whole line: bits, fingerprint, comment and short type name all as ssh-keygen prints them.
        let sha256 = try OracleKeys.fingerprintLines(path + ".pub")
        #expect(sha256 == [key.sshKeygenLine(comment: OracleKeys.comment)])
        #expect(key.bits == spec.keygenBits)
        let md5 = try OracleKeys.fingerprintLines(path + ".pub", hash: "md5")
        #expect(md5 == ["\(spec.keygenBits) \(key.md5Fingerprint) \(OracleKeys.comment) (\(key.shortTypeName))"])

        #expect(key.puttyFingerprint(.sha256) == (try OracleKeys.puttygenFingerprint(path + ".pub")))
        #expect(key.puttyFingerprint(.md5) == (try OracleKeys.puttygenFingerprint(path + ".pub", hash: "md5")))
    }

    @Test("cloud-init's colon hex equals openssl dgst -c over the base64-decoded blob",
          arguments: OracleKeySpec.fingerprinted)
    func cloudInit(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        let key = try OracleKeys.publicKey(path)
        // openssl decodes the blob itself, so our base64 decoder is not part of the expectation.
        let blob = try OracleKeys.blob(path)
        for hash in FingerprintHash.allCases {
            #expect(key.cloudInitFingerprint(hash) == (try OracleKeys.opensslDigest(hash.rawValue, blob)), "\(hash)")
        }
    }

    @Test("AWS fingerprints: imported RSA is MD5 of the SPKI, created RSA SHA-1 of the PKCS#8, Ed25519 padded base64",
          arguments: OracleKeySpec.fingerprinted)
    func aws(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        let file = try KeyFile(text: try directory.read("key"))
        let entry = try #require(file.entries.first)
        let privateKey = try #require(entry.privateKey)

        switch spec.type {
        case "rsa":
            // openssl cannot read openssh-key-v1, so it gets the same key as PKCS#1 PEM (ssh-keygen -p -m PEM rewrites in place).
            _ = try Oracle.run("ssh-keygen", ["-q", "-p", "-P", "", "-N", "", "-m", "PEM", "-f", path])
            let spki = try Oracle.runBytes("openssl", ["rsa", "-in", path, "-pubout", "-outform", "DER"])
            #expect(entry.publicKey.awsImportedFingerprint == (try OracleKeys.opensslDigest("md5", spki)))
            let pkcs8 = try Oracle.runBytes("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", path, "-outform", "DER"])
            #expect(privateKey.awsCreatedFingerprint == (try OracleKeys.opensslDigest("sha1", pkcs8)))
        case "ed25519":
            let digest = try Oracle.runBytes("openssl", ["dgst", "-sha256", "-binary"], stdin: try OracleKeys.blob(path))
            let expected = String(decoding: try Oracle.runBytes("openssl", ["base64", "-A"], stdin: digest), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(entry.publicKey.awsImportedFingerprint == expected)
            #expect(expected.hasSuffix("=") && expected.count == 44, "AWS shows Ed25519 with its padding")
            #expect(privateKey.awsCreatedFingerprint == expected, "AWS shows created and imported Ed25519 pairs alike")
        default:
            // EC2 key pairs are RSA or Ed25519 only.
            #expect(entry.publicKey.awsImportedFingerprint == nil)
            #expect(privateKey.awsCreatedFingerprint == nil)
        }
    }

    /// The verified line and table of key-formats.md §0.
    static let vectorLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC2YoUB3vbaZOJpYAhjqFNYUBPAlE9Q+iOvyFn7R+KiO ed@test"

    @Test("the fixed Ed25519 vector of key-formats.md §0, in every display")
    func fixedVector() throws {
        let key = try SSHPublicKey(openSSHRepresentation: Self.vectorLine)
        #expect(key.sshKeygenLine(comment: "ed@test")
            == "256 SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk ed@test (ED25519)")
        #expect(key.md5Fingerprint == "MD5:90:69:b1:aa:fc:9c:67:d3:8a:b9:dd:ee:5b:36:b5:6c")
        #expect(key.puttyFingerprint() == "ssh-ed25519 255 SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk")
        #expect(key.puttyFingerprint(.md5) == "ssh-ed25519 255 90:69:b1:aa:fc:9c:67:d3:8a:b9:dd:ee:5b:36:b5:6c")
        #expect(key.awsImportedFingerprint == "i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk=")
        #expect(key.cloudInitFingerprint()
            == "8b:dc:c3:6c:cc:59:32:34:93:dc:34:67:09:94:14:a9:02:bd:07:94:7e:b8:1b:f1:a9:26:cd:e6:e9:4e:9d:99")
        #expect(key.cloudInitFingerprint(.md5) == "90:69:b1:aa:fc:9c:67:d3:8a:b9:dd:ee:5b:36:b5:6c")
    }

    @Test("the fixed vector agrees with today's tools too (a tool change would show here first)")
    func fixedVectorTools() throws {
        let directory = try TempDirectory()
        let path = try directory.write("vector.pub", Self.vectorLine + "\n")
        #expect(try OracleKeys.fingerprintLines(path) == ["256 SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk ed@test (ED25519)"])
        #expect(try OracleKeys.puttygenFingerprint(path) == "ssh-ed25519 255 SHA256:i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk")
    }

    // MARK: - Certificates

    @Test("a certificate parses (serial, key ID, principals) and fingerprints as its plain key, as ssh-keygen -l prints it",
          arguments: [OracleKeySpec.ed25519, .rsa2048, .ecdsa384])
    func certificate(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        try OracleKeys.generate(.ed25519, "ca", in: directory, comment: "the CA")
        _ = try Oracle.run("ssh-keygen", ["-q", "-s", directory.path("ca"), "-I", "deploy@ci #7", "-n", "alice,bob",
                                          "-z", "42", path + ".pub"])
        let certificateLine = try directory.read("key-cert.pub")
        let key = try SSHPublicKey(openSSHRepresentation: certificateLine)
        let plain = try OracleKeys.publicKey(path)

        let certificate = try #require(key.certificate)
        #expect(key.algorithm == plain.algorithm + "-cert-v01@openssh.com")
        #expect(certificate.serial == 42)
        #expect(certificate.keyID == "deploy@ci #7")
        #expect(certificate.principals == ["alice", "bob"])
        #expect(certificate.kind == .user)
        #expect(certificate.validAfter == 0 && certificate.validBefore == UInt64.max, "ssh-keygen's default is forever")
        #expect(certificate.signatureKey == (try OracleKeys.publicKey(directory.path("ca"))))
        #expect(certificate.plainKey == plain)

        #expect(key.sha256Fingerprint == plain.sha256Fingerprint)
        #expect(key.md5Fingerprint == plain.md5Fingerprint)
        #expect(try OracleKeys.fingerprintLines(directory.path("key-cert.pub"))
            == [key.sshKeygenLine(comment: OracleKeys.comment)])
        #expect(key.puttyFingerprint() == (try OracleKeys.puttygenFingerprint(directory.path("key-cert.pub"))))
    }

    @Test("a host certificate is kind host")
    func hostCertificate() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ed25519, "host", in: directory)
        try OracleKeys.generate(.ed25519, "ca", in: directory)
        _ = try Oracle.run("ssh-keygen", ["-q", "-s", directory.path("ca"), "-h", "-I", "web", "-n", "web.example.com",
                                          path + ".pub"])
        let key = try SSHPublicKey(openSSHRepresentation: try directory.read("host-cert.pub"))
        #expect(key.certificate?.kind == .host)
        #expect(key.certificate?.principals == ["web.example.com"])
    }

    // MARK: - Security keys

    @Test("sk- keys built from fresh keys (PROTOCOL.u2f) fingerprint as ssh-keygen -l says, application included",
          arguments: [OracleKeySpec.ed25519, .ecdsa256])
    func securityKey(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        let line = try OracleKeys.securityKeyLine(from: try OracleKeys.publicKey(path), comment: "yubikey 5")
        let skPath = try directory.write("sk.pub", line + "\n")
        let key = try SSHPublicKey(openSSHRepresentation: line)

        #expect(key.algorithm == (spec.type == "ed25519" ? "sk-ssh-ed25519@openssh.com" : "sk-ecdsa-sha2-nistp256@openssh.com"))
        #expect(try OracleKeys.fingerprintLines(skPath) == [key.sshKeygenLine(comment: "yubikey 5")])
        #expect(try OracleKeys.fingerprintLines(skPath, hash: "md5").first?.split(separator: " ")[1] == Substring(key.md5Fingerprint))
        // The application is part of the blob, so the sk key and its plain twin never share a fingerprint.
        #expect(key.sha256Fingerprint != (try OracleKeys.publicKey(path)).sha256Fingerprint)
    }

    @Test("the committed sk-keys fixture reads, and fingerprints as ssh-keygen -l says")
    func securityKeyFixture() throws {
        let directory = try TempDirectory()
        let path = try directory.write("sk-keys.pub", Fixtures.securityKeys)
        let file = try KeyFile(text: Fixtures.securityKeys)
        #expect(file.errors.isEmpty)
        #expect(file.entries.map(\.publicKey.shortTypeName) == ["ED25519-SK", "ECDSA-SK"])
        let ours = file.entries.map { $0.publicKey.sshKeygenLine(comment: $0.comment) }
        #expect(ours == Fixtures.securityKeyFingerprints)
        #expect(try OracleKeys.fingerprintLines(path) == ours)
        for entry in file.entries {
            switch entry.publicKey.backing {
            case .securityKeyEd25519(_, let application), .securityKeyECDSA(_, let application):
                #expect(application == "ssh:")
            default:
                Issue.record("\(entry.publicKey.algorithm) did not parse as a security key")
            }
        }
    }
}
