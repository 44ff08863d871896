import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// Damaged and unsupported PEM keys: always a thrown `SSHKeyError` that says what is wrong, never a crash,
/// never a different key read silently where the format can tell.
@Suite("PEM keys: damaged and unsupported input")
struct PEMKeyFormatRobustnessTests {
    /// The case's key block (the last; an ecparam file starts with EC PARAMETERS).
    static func keyBlock(_ pem: PEMCase) throws -> (PEMBlock, PEMCase.Generated) {
        let generated = try pem.generate()
        return (try #require(try PEMBlock.parseAll(generated.text).last), generated)
    }

    /// Reads one block with its body replaced.
    static func read(_ block: PEMBlock, body: [UInt8], _ options: KeyReadOptions) throws(SSHKeyError) -> KeyFileEntry? {
        var copy = block
        copy.body = body
        return try PEMKeyFormat.read([copy], options: options).first
    }

    /// Cases whose structure lets every single damaged byte be detected: the private key is checked against its
    /// public part, CRT values or group parameters, and encrypted ones against padding and that.
    static let strictCases = [
        "RSA-1024 PKCS#1 (ssh", "ECDSA P-256 SEC1", "DSA (ssh", "ECDSA P-384 PKCS#8", "RSA-1024 AES-192-CBC",
        "RSA-1024 PBES2 DES-EDE3-CBC", "RSA-1024 DES-CBC",
    ]

    /// Cases with no redundancy to check (an Ed25519 seed, a public key): damage may yield another valid key.
    static let lenientCases = ["Ed25519 PKCS#8", "RSA-1024 PKCS#1 public", "ECDSA P-384 SPKI", "DSA SPKI", "Ed25519 SPKI"]

    @Test("truncated DER, cut at every offset, throws",
          arguments: strictCases + lenientCases + ["Ed25519 PBES2 AES-256-CBC (openssl", "ECDSA P-521 PBES2"])
    func truncatedDER(_ name: String) throws {
        let pem = PEMCase.named(name)
        let (block, _) = try Self.keyBlock(pem)
        for cut in 0..<block.body.count {
            #expect(throws: SSHKeyError.self, "cut at \(cut) of \(block.body.count)") {
                _ = try Self.read(block, body: Array(block.body[..<cut]), pem.options)
            }
        }
    }

    @Test("any flipped byte throws where the format can tell", arguments: strictCases)
    func flippedBytesStrict(_ name: String) throws {
        let pem = PEMCase.named(name)
        let (block, _) = try Self.keyBlock(pem)
        // Encrypted cases run a KDF per attempt, so they get one flip pattern, plain ones two. DSA's y = gˣ mod p check
        // takes ~0.2 s in a debug build (BigInt is not optimised there), so it gets every 13th byte past the headers.
        let masks: [UInt8] = pem.passphrase == nil ? [0x01, 0x80] : [0x01]
        let step = pem.algorithm == "ssh-dss" ? 13 : 1
        let offsets = Array(block.body.indices.prefix(8)) + Array(stride(from: 8, to: block.body.count, by: step))
        for offset in offsets {
            for mask in masks {
                var damaged = block.body
                damaged[offset] ^= mask
                let error = PEMKeyFormatTests.error { _ = try Self.read(block, body: damaged, pem.options) }
                #expect(error != nil, "flipping byte \(offset) with \(mask) was not noticed")
                if pem.passphrase != nil, let error {
                    let expected: [SSHKeyError.Code] = [.wrongPassphrase, .inconsistent, .malformed, .truncated, .unsupported]
                    #expect(expected.contains(error.code), "\(error)")
                }
            }
        }
    }

    @Test("a flipped byte either throws or reads as a different key", arguments: lenientCases)
    func flippedBytesLenient(_ name: String) throws {
        let pem = PEMCase.named(name)
        let (block, _) = try Self.keyBlock(pem)
        let original = try #require(try Self.read(block, body: block.body, pem.options)).publicKey
        for offset in block.body.indices {
            for mask: UInt8 in [0x01, 0x80] {
                var damaged = block.body
                damaged[offset] ^= mask
                guard let entry = try? Self.read(block, body: damaged, pem.options) else { continue }
                #expect(entry.publicKey != original, "flipping byte \(offset) with \(mask) read the same key")
            }
        }
    }

    @Test("truncated PEM text throws through KeyFile", arguments: ["RSA-1024 PKCS#1 (ssh", "RSA-1024 PBES2 DES-EDE3-CBC"])
    func truncatedText(_ name: String) throws {
        let pem = PEMCase.named(name)
        let generated = try pem.generate()
        let text = Array(generated.text.utf8)
        let end = try #require(generated.text.range(of: "-----END")).lowerBound.utf16Offset(in: generated.text)
        for cut in stride(from: 0, to: end, by: 7) {
            #expect(throws: SSHKeyError.self, "cut at \(cut)") {
                _ = try KeyFile(text: String(decoding: text[..<cut], as: UTF8.self), options: pem.options)
            }
        }
    }

    @Test("a bad DEK-Info or Proc-Type header is refused before any passphrase is asked for", arguments: [
        ("Proc-Type", "4,ENCRYPTED", "DEK-Info", "BF-CBC,0011223344556677", SSHKeyError.Code.unsupported),
        ("Proc-Type", "4,ENCRYPTED", "DEK-Info", "AES-128-CBC,00112233", .malformed),
        ("Proc-Type", "4,ENCRYPTED", "DEK-Info", "AES-128-CBC,0011223344556677889900112233445G", .malformed),
        ("Proc-Type", "4,ENCRYPTED", "DEK-Info", "AES-128-CBC", .malformed),
        ("Proc-Type", "4,MIC-ONLY", "DEK-Info", "AES-128-CBC,00112233445566778899001122334455", .unsupported),
        ("Proc-Type", "4,ENCRYPTED", "X-Other", "1", .malformed),
    ])
    func badLegacyHeaders(_ first: String, _ firstValue: String, _ second: String, _ secondValue: String,
                          _ code: SSHKeyError.Code) throws {
        let (block, _) = try Self.keyBlock(PEMCase.named("RSA-1024 AES-192-CBC"))
        var copy = block
        copy.headers = [(first, firstValue), (second, secondValue)]
        let asked = PEMKeyFormatTests.Asked()
        let options = KeyReadOptions(passphrase: { asked.append($0); return Array("pw".utf8) })
        let error = PEMKeyFormatTests.error { _ = try PEMKeyFormat.read([copy], options: options) }
        #expect(error?.code == code, "\(String(describing: error))")
        #expect(asked.all.isEmpty)
    }

    @Test("keys amikey cannot use are unsupported, and the error names what they are", arguments: [
        ("X25519", [["openssl", "genpkey", "-algorithm", "x25519", "-out", "{o}"]]),
        ("Ed448", [["openssl", "genpkey", "-algorithm", "ed448", "-out", "{o}"]]),
        ("RSASSA-PSS", [["openssl", "genpkey", "-algorithm", "rsa-pss", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "{o}"]]),
        ("explicit EC curve parameters", [["openssl", "ecparam", "-genkey", "-name", "prime256v1", "-param_enc", "explicit",
                                           "-noout", "-out", "{o}"]]),
        ("secp256k1", [["openssl", "ecparam", "-genkey", "-name", "secp256k1", "-noout", "-out", "{o}"]]),
        ("PBES1", [["openssl", "pkcs8", "-topk8", "-v1", "PBE-MD5-DES", "-in", "{k}", "-out", "{o}",
                    "-passout", "pass:secret-pw", "-provider", "legacy", "-provider", "default"]]),
        ("multi-prime", [["openssl", "genpkey", "-algorithm", "rsa", "-pkeyopt", "rsa_keygen_bits:2048",
                          "-pkeyopt", "rsa_keygen_primes:3", "-out", "{o}"]]),
        // Decrypted with the right passphrase: unsupported, not wrong-passphrase.
        ("X25519", [["openssl", "genpkey", "-algorithm", "x25519", "-out", "{k}"],
                    ["openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "{k}", "-out", "{o}",
                     "-passout", "pass:secret-pw"]]),
    ])
    func unsupported(_ named: String, _ steps: [[String]]) throws {
        let pem = PEMCase("unsupported \(named)", [PEMCase.sshKeygen("rsa", 1024)] + steps, .pemPKCS8, [], "", 0)
        let generated = try pem.generate()
        let options = PEMCase.options(PEMCase.passphrase)
        let error = PEMKeyFormatTests.error { _ = try PEMKeyFormatTests.read(generated.text, options) }
        #expect(error?.code == .unsupported, "\(String(describing: error))")
        let expected = named == "secp256k1" ? "1.3.132.0.10" : named
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    /// A TLS bundle (`cat server.crt server.key`) holds a key beside its certificate; a certificate alone holds none.
    @Test("a certificate is passed over with a note; alone it is no key file")
    func certificateBundle() throws {
        let directory = try TempDirectory()
        try Oracle.run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", directory.path("key.pem")])
        try Oracle.run("openssl", ["req", "-x509", "-new", "-key", directory.path("key.pem"), "-subj", "/CN=amikey",
                                   "-days", "1", "-out", directory.path("cert.pem")])
        let certificate = try directory.read("cert.pem")
        let bundle = certificate + (try directory.read("key.pem"))

        let file = try KeyFile(contents: Array(bundle.utf8))
        let certificateLines = certificate.split(separator: "\n").count
        #expect(file.entries.count == 1)
        #expect(file.entries.first?.notes == ["passed over: CERTIFICATE (line 1), not a key"])
        #expect(file.entries.first?.publicKey.openSSHRepresentation() == (try Oracle.run("ssh-keygen", ["-y", "-f", directory.path("key.pem")]))
            .trimmingCharacters(in: .whitespacesAndNewlines), "the key after \(certificateLines) certificate lines")

        #expect(throws: SSHKeyError(.unrecognizedFormat, "the PEM text holds no key, only CERTIFICATE")) {
            _ = try KeyFile(contents: Array(certificate.utf8))
        }
    }

    @Test("EC PARAMETERS alone hold no key")
    func parametersOnly() throws {
        let pem = PEMCase("EC PARAMETERS", [["openssl", "ecparam", "-name", "prime256v1", "-out", "{k}"]], .pemSEC1, [], "", 0)
        let generated = try pem.generate()
        let error = PEMKeyFormatTests.error { _ = try PEMKeyFormatTests.read(generated.text, .publicOnly) }
        #expect(error?.code == .unrecognizedFormat)
    }

    @Test("a SEC1 key without [0] parameters takes its curve from the EC PARAMETERS block before it")
    func curveFromParametersBlock() throws {
        let steps = [["openssl", "ecparam", "-genkey", "-name", "secp384r1", "-out", "{k}"]]
        let pem = PEMCase("secp384r1 with EC PARAMETERS", steps, .pemSEC1, [], "", 0)
        let generated = try pem.generate()
        var blocks = try PEMBlock.parseAll(generated.text)
        let key = try #require(try PEMKeyFormat.read(blocks, options: .publicOnly).first?.privateKey)
        // Re-encode without [0] parameters, so only the EC PARAMETERS block names the curve.
        guard case .ecdsa(let curve, let point, let scalar) = key.backing else { Issue.record("not ECDSA"); return }
        blocks[1].body = DERKeyEncoding.sec1(curve: curve, scalar: scalar, point: point, includeParameters: false)
        #expect(try PEMKeyFormat.read(blocks, options: .publicOnly).first?.publicKey == key.publicKey)
        #expect(PEMKeyFormatTests.error { _ = try PEMKeyFormat.read([blocks[1]], options: .publicOnly) }?.code == .malformed)
    }

    @Test("an error in the second block carries that block's line")
    func errorLine() throws {
        let (good, generated) = try Self.keyBlock(PEMCase.named("Ed25519 SPKI"))
        let lines = generated.text.split(separator: "\n", omittingEmptySubsequences: false).count
        let text = generated.text + "-----BEGIN PUBLIC KEY-----\nMAMCAQA=\n-----END PUBLIC KEY-----\n"
        let error = PEMKeyFormatTests.error { _ = try PEMKeyFormatTests.read(text, .publicOnly) }
        #expect(error?.code == .malformed)
        #expect(error?.line == lines, "the bad block begins on line \(lines); first block at \(good.line)")
        #expect(error?.message.contains("SubjectPublicKeyInfo") == true, "\(String(describing: error))")
    }

    @Test("structure errors name the structure and field", arguments: [
        // SEQUENCE { OCTET STRING }: the version INTEGER is missing.
        ("PRIVATE KEY", [0x30, 0x03, 0x04, 0x01, 0x00], "PKCS#8 PrivateKeyInfo: expected INTEGER version"),
        ("RSA PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x00], "PKCS#1 RSAPrivateKey: expected INTEGER modulus"),
        ("EC PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x02], "SEC1 ECPrivateKey: version is 2"),
        ("RSA PUBLIC KEY", [0x30, 0x80, 0x02, 0x01, 0x00], "invalid length encoding"),
        ("PUBLIC KEY", [0x30, 0x0F, 0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00],
         "SubjectPublicKeyInfo: expected BIT STRING"),
        ("DSA PRIVATE KEY", [0x30, 0x03, 0x02, 0x01, 0x00, 0x00], "1 unexpected bytes"),
    ] as [(String, [UInt8], String)])
    func structureMessages(_ label: String, _ der: [UInt8], _ expected: String) {
        let block = PEMBlock(label: label, headers: [], body: der, line: 1)
        let error = PEMKeyFormatTests.error { _ = try PEMKeyFormat.read([block], options: .publicOnly) }
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }
}
