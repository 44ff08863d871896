import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// Pasted fingerprints: every spelling users copy from ssh-keygen, PuTTY, cloud-init and AWS is recognised, and matched.
@Suite("Fingerprint queries: recognition and matching")
struct FingerprintQueryTests {
    /// The digests of key-formats.md §0's Ed25519 vector (ssh-keygen, cloud-init and AWS show them; see FingerprintTests).
    enum Vector {
        static let key = FingerprintTests.vectorLine
        static let sha256Base64 = "i9zDbMxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk"
        static let sha256Hex = "8bdcc36ccc59323493dc3467099414a902bd07947eb81bf1a926cde6e94e9d99"
        static let md5Hex = "9069b1aafc9c67d38ab9ddee5b36b56c"
        static let sha1Hex = "1ae5fdf1668470efa08973d09a250016b086aad5"
        static let sha1Base64 = "GuX98WaEcO+giXPQmiUAFrCGqtU"
        static let sha512Hex = "2bbdece0cdba99ed949fce412dfb01ccd9e31f182c7760a30f15e42e8a0d3838"
            + "daca934ccea7dc65d254a152990ef612f8e7253ed0fdf6cd17f77ee3b94a5a06"
        static let sha512Base64 = "K73s4M26me2Un85BLfsBzNnjHxgsd2CjDxXkLooNODjaypNMzqfcZdJUoVKZDvYS+OclPtD99s0X937juUpaBg"

        /// `aabbcc…` as `aa:bb:cc:…`.
        static func colons(_ hex: String) -> String {
            stride(from: 0, to: hex.count, by: 2).map { offset in
                let start = hex.index(hex.startIndex, offsetBy: offset)
                return String(hex[start..<hex.index(start, offsetBy: 2)])
            }.joined(separator: ":")
        }
    }

    /// A pasted text, the readings it must get, and the digest it holds (hex).
    struct Spelling: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let kinds: [FingerprintQuery.Kind]
        let digestHex: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ kinds: [FingerprintQuery.Kind], _ digestHex: String) {
            (self.name, self.text, self.kinds, self.digestHex) = (name, text, kinds, digestHex)
        }
    }

    static let spellings: [Spelling] = {
        let sha256 = "SHA256:\(Vector.sha256Base64)"
        let md5 = Vector.colons(Vector.md5Hex)
        return [
            .init("ssh-keygen SHA256", sha256, [.sha256Blob], Vector.sha256Hex),
            .init("lower-case prefix", "sha256:\(Vector.sha256Base64)", [.sha256Blob], Vector.sha256Hex),
            .init("type and bits in front", "ssh-rsa 2048 \(sha256)", [.sha256Blob], Vector.sha256Hex),
            .init("bits in front", "256 \(sha256)", [.sha256Blob], Vector.sha256Hex),
            .init("a whole ssh-keygen -l line", "256 \(sha256) ed@test (ED25519)", [.sha256Blob], Vector.sha256Hex),
            .init("a whole puttygen -l line", "ssh-ed25519 255 \(sha256)", [.sha256Blob], Vector.sha256Hex),
            .init("surrounded by blanks and a newline", "  \t\(sha256) \n", [.sha256Blob], Vector.sha256Hex),
            .init("SHA256 with base64 padding", "\(sha256)=", [.sha256Blob], Vector.sha256Hex),
            .init("ssh-keygen MD5", "MD5:\(md5)", [.md5Blob], Vector.md5Hex),
            .init("a whole ssh-keygen -E md5 line", "256 MD5:\(md5) ed@test (ED25519)", [.md5Blob], Vector.md5Hex),
            .init("bare colon hex of 16 bytes (MD5 of the blob, or AWS imported RSA)", md5, [.md5Blob, .md5SPKI], Vector.md5Hex),
            .init("upper-case hex", md5.uppercased(), [.md5Blob, .md5SPKI], Vector.md5Hex),
            .init("hex without colons", Vector.md5Hex, [.md5Blob, .md5SPKI], Vector.md5Hex),
            .init("a whole puttygen -l -E md5 line", "ssh-ed25519 255 \(md5)", [.md5Blob, .md5SPKI], Vector.md5Hex),
            .init("20 bytes of colon hex (AWS created RSA, or cloud-init sha1)", Vector.colons(Vector.sha1Hex),
                  [.sha1PKCS8, .sha1Blob], Vector.sha1Hex),
            .init("20 bytes of hex without colons", Vector.sha1Hex, [.sha1PKCS8, .sha1Blob], Vector.sha1Hex),
            .init("ssh-keygen -E sha1", "SHA1:\(Vector.sha1Base64)", [.sha1Blob], Vector.sha1Hex),
            .init("cloud-init's 32-byte colon hex", Vector.colons(Vector.sha256Hex), [.sha256Blob], Vector.sha256Hex),
            .init("a cloud-init table row", "| ssh-ed25519 | \(Vector.colons(Vector.sha256Hex)) |    -    | ed@test |",
                  [.sha256Blob], Vector.sha256Hex),
            .init("sha256sum output", "\(Vector.sha256Hex)  -", [.sha256Blob], Vector.sha256Hex),
            .init("cloud-init sha512 colon hex", Vector.colons(Vector.sha512Hex), [.sha512Blob], Vector.sha512Hex),
            .init("ssh-keygen -E sha512", "SHA512:\(Vector.sha512Base64)", [.sha512Blob], Vector.sha512Hex),
            .init("AWS Ed25519: padded base64, no prefix", "\(Vector.sha256Base64)=", [.sha256Blob], Vector.sha256Hex),
            .init("bare unpadded base64 of 32 bytes", Vector.sha256Base64, [.sha256Blob], Vector.sha256Hex),
        ]
    }()

    @Test("every spelling is recognised with its readings", arguments: spellings)
    func recognises(_ spelling: Spelling) throws {
        let query = try FingerprintQuery(spelling.text)
        #expect(query.kinds == spelling.kinds)
        #expect(query.original == spelling.text)
        #expect(DigestText.colonHex(query.digest).replacingOccurrences(of: ":", with: "") == spelling.digestHex)
        // Every spelling here is of the vector key, so its blob reading matches it.
        let key = try SSHPublicKey(openSSHRepresentation: Vector.key)
        #expect(query.matches(key) == spelling.kinds.filter { $0 != .md5SPKI && $0 != .sha1PKCS8 })
    }

    static let garbage = [
        "", "   ", "hello world", "SHA256:", "SHA256:i9zDbMxZ", "MD5:90:69:b1", "90:69:b1:aa",
        "ssh-ed25519 256 ed@test (ED25519)",
        Vector.colons(Vector.md5Hex) + ":00",                         // 17 bytes: no hash has that length
        "9:069:b1:aa:fc:9c:67:d3:8a:b9:dd:ee:5b:36:b5:6c",            // a colon out of place
        ":" + Vector.colons(Vector.md5Hex),                            // a stray leading colon
        Vector.colons(Vector.md5Hex) + ":",
        "zz:69:b1:aa:fc:9c:67:d3:8a:b9:dd:ee:5b:36:b5:6c",            // not hex
        "SHA256:kGmxqvycZ9OKud3uWza1bA",                               // base64 of 16 bytes under a SHA-256 prefix
        "MD5:\(Vector.colons(Vector.sha1Hex))",                        // 20 bytes under an MD5 prefix
        "SHA256:i9zD*MxZMjST3DRnCZQUqQK9B5R+uBvxqSbN5ulOnZk",           // not base64
        String(repeating: "QUJD", count: 10),                          // base64 of 30 bytes: no hash has that length
    ]

    @Test("anything else is unrecognized-fingerprint", arguments: garbage)
    func refuses(_ text: String) {
        let error = #expect(throws: SSHKeyError.self) { try FingerprintQuery(text) }
        #expect(error?.code == .unrecognizedFingerprint)
    }

    // MARK: - Matching fresh keys

    /// A pasted fingerprint of a fresh key and the readings it must match with and without the private key.
    struct Paste {
        let what: String
        let text: String
        let withPrivateKey: [FingerprintQuery.Kind]
        let publicOnly: [FingerprintQuery.Kind]
    }

    /// Every fingerprint the tools print for the key at `path`.
    static func pastes(_ spec: OracleKeySpec, _ path: String) throws -> [Paste] {
        let blob = try OracleKeys.blob(path)
        var pastes = [
            Paste(what: "ssh-keygen -l", text: try OracleKeys.fingerprintLines(path + ".pub")[0],
                  withPrivateKey: [.sha256Blob], publicOnly: [.sha256Blob]),
            Paste(what: "ssh-keygen -l -E md5", text: try OracleKeys.fingerprintLines(path + ".pub", hash: "md5")[0],
                  withPrivateKey: [.md5Blob], publicOnly: [.md5Blob]),
            Paste(what: "ssh-keygen -l -E sha1", text: try OracleKeys.fingerprintLines(path + ".pub", hash: "sha1")[0],
                  withPrivateKey: [.sha1Blob], publicOnly: [.sha1Blob]),
            Paste(what: "ssh-keygen -l -E sha512", text: try OracleKeys.fingerprintLines(path + ".pub", hash: "sha512")[0],
                  withPrivateKey: [.sha512Blob], publicOnly: [.sha512Blob]),
            Paste(what: "puttygen -l", text: try OracleKeys.puttygenFingerprint(path + ".pub"),
                  withPrivateKey: [.sha256Blob], publicOnly: [.sha256Blob]),
            Paste(what: "cloud-init sha1", text: try OracleKeys.opensslDigest("sha1", blob),
                  withPrivateKey: [.sha1Blob], publicOnly: [.sha1Blob]),
            Paste(what: "cloud-init sha256", text: try OracleKeys.opensslDigest("sha256", blob),
                  withPrivateKey: [.sha256Blob], publicOnly: [.sha256Blob]),
            Paste(what: "cloud-init sha512", text: try OracleKeys.opensslDigest("sha512", blob),
                  withPrivateKey: [.sha512Blob], publicOnly: [.sha512Blob]),
        ]
        switch spec.type {
        case "rsa":
            // openssl reads the same key as PKCS#1 PEM (ssh-keygen -p -m PEM rewrites a copy in place).
            let pem = path + ".pem"
            try FileManager.default.copyItem(atPath: path, toPath: pem)
            _ = try Oracle.run("ssh-keygen", ["-q", "-p", "-P", "", "-N", "", "-m", "PEM", "-f", pem])
            let spki = try Oracle.runBytes("openssl", ["rsa", "-in", pem, "-pubout", "-outform", "DER"])
            let pkcs8 = try Oracle.runBytes("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", pem, "-outform", "DER"])
            pastes += [
                Paste(what: "AWS imported RSA (MD5 of the SPKI)", text: try OracleKeys.opensslDigest("md5", spki),
                      withPrivateKey: [.md5SPKI], publicOnly: [.md5SPKI]),
                // Without the private key the PKCS#8 digest cannot be computed, so it matches nothing.
                Paste(what: "AWS created RSA (SHA-1 of the PKCS#8)", text: try OracleKeys.opensslDigest("sha1", pkcs8),
                      withPrivateKey: [.sha1PKCS8], publicOnly: []),
            ]
        case "ed25519":
            let digest = try Oracle.runBytes("openssl", ["dgst", "-sha256", "-binary"], stdin: blob)
            let aws = String(decoding: try Oracle.runBytes("openssl", ["base64", "-A"], stdin: digest), as: UTF8.self)
            pastes.append(Paste(what: "AWS Ed25519", text: aws.trimmingCharacters(in: .whitespacesAndNewlines),
                                withPrivateKey: [.sha256Blob], publicOnly: [.sha256Blob]))
        default:
            break
        }
        return pastes
    }

    @Test("matches(_:privateKey:) finds each kind the tools print, and nothing on another key",
          arguments: [OracleKeySpec.rsa2048, .ed25519, .ecdsa256])
    func matchesFreshKeys(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(spec, "key", in: directory)
        let entry = try #require(try KeyFile(text: try directory.read("key")).entries.first)
        let privateKey = try #require(entry.privateKey)
        try OracleKeys.generate(spec, "stranger", in: directory)
        let stranger = try #require(try KeyFile(text: try directory.read("stranger")).entries.first)

        for paste in try Self.pastes(spec, path) {
            let query = try FingerprintQuery(paste.text)
            #expect(query.matches(entry.publicKey, privateKey: privateKey) == paste.withPrivateKey, "\(paste.what): \(paste.text)")
            #expect(query.matches(entry.publicKey) == paste.publicOnly, "\(paste.what): \(paste.text)")
            #expect(query.matches(stranger.publicKey, privateKey: stranger.privateKey).isEmpty, "\(paste.what) matched a stranger")
        }
    }

    @Test("a certificate matches by its plain key's fingerprint, as ssh-keygen -l prints it")
    func certificateMatches() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.rsa2048, "key", in: directory)
        try OracleKeys.generate(.ed25519, "ca", in: directory)
        _ = try Oracle.run("ssh-keygen", ["-q", "-s", directory.path("ca"), "-I", "id", path + ".pub"])
        let certificate = try SSHPublicKey(openSSHRepresentation: try directory.read("key-cert.pub"))
        let line = try OracleKeys.fingerprintLines(directory.path("key-cert.pub"))[0]
        #expect(try FingerprintQuery(line).matches(certificate) == [.sha256Blob])
        #expect(try FingerprintQuery(OracleKeys.puttygenFingerprint(path + ".pub", hash: "md5")).matches(certificate) == [.md5Blob])
    }
}
