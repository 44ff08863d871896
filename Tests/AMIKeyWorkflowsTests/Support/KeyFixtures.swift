import AMIKeyTestSupport
import Foundation
import SSHKeys

/// The ways one key is stored on disk, as users meet them.
enum InputKind: String, Sendable, CaseIterable, CustomStringConvertible {
    case opensshPrivate, opensshEncrypted, opensshPublic
    case pemPKCS1, pemPKCS1Encrypted, pkcs8, pkcs8Encrypted
    case ppkV2, ppkV3, ppkV2Encrypted, ppkV3Encrypted

    var description: String { rawValue }

    /// The `format` amikey should report.
    var format: KeyFileFormat {
        switch self {
        case .opensshPrivate, .opensshEncrypted: .opensshPrivate
        case .opensshPublic: .opensshPublic
        case .pemPKCS1, .pemPKCS1Encrypted: .pemPKCS1
        case .pkcs8, .pkcs8Encrypted: .pemPKCS8
        case .ppkV2, .ppkV2Encrypted: .ppkV2
        case .ppkV3, .ppkV3Encrypted: .ppkV3
        }
    }

    var isEncrypted: Bool {
        [.opensshEncrypted, .pemPKCS1Encrypted, .pkcs8Encrypted, .ppkV2Encrypted, .ppkV3Encrypted].contains(self)
    }

    var holdsPrivateKey: Bool { self != .opensshPublic }

    /// PEM hides the public key inside the encryption; OpenSSH and PuTTY keep it in clear.
    var publicKeyNeedsPassphrase: Bool { self == .pemPKCS1Encrypted || self == .pkcs8Encrypted }

    /// Whether the file stores the key's comment (PEM has no field for it).
    var keepsComment: Bool { ![.pemPKCS1, .pemPKCS1Encrypted, .pkcs8, .pkcs8Encrypted].contains(self) }

    /// Whether the comment can be read without the passphrase (OpenSSH encrypts it with the key).
    var commentReadableWithoutPassphrase: Bool { keepsComment && self != .opensshEncrypted }
}

/// One key made by ssh-keygen at test time, in every form the tools can write, with the tools' own fingerprints.
struct KeyFixture: Sendable, CustomStringConvertible {
    /// `rsa`, `ed25519`, `ecdsa`.
    let name: String
    /// The comment ssh-keygen was given.
    let comment: String
    /// The `.pub` line.
    let publicLine: String
    /// The same key in each form made for this type.
    let files: [InputKind: [UInt8]]
    /// `ssh-keygen -l` output: `2048 SHA256:… comment (RSA)`.
    let sshKeygenLine: String
    /// `SHA256:…` from `ssh-keygen -l`.
    let sha256: String
    /// `MD5:…` from `ssh-keygen -l -E md5`.
    let md5: String
    /// `puttygen -l`: `ssh-rsa 2048 SHA256:…`; nil when puttygen was not asked.
    let puttyLine: String?
    /// What EC2 shows for the imported public key (openssl md5 of the SPKI DER for RSA).
    let awsImported: String?
    /// What EC2 shows for a key pair it created (openssl sha1 of the PKCS#8 DER for RSA).
    let awsCreated: String?

    var description: String { name }

    /// The kinds this fixture was made in, in a stable order.
    var kinds: [InputKind] { InputKind.allCases.filter { files[$0] != nil } }

    func file(_ kind: InputKind) -> [UInt8] { files[kind]! }

    /// The public line without the comment, as formats without one give it.
    var publicLineWithoutComment: String { publicLine.split(separator: " ").prefix(2).joined(separator: " ") }

    /// The digest bytes behind `SHA256:…`, as cloud-init prints them (colon hex).
    var cloudInitSHA256: String { Self.colonHex(Self.unpaddedBase64Decode(String(sha256.dropFirst(7)))) }

    static func colonHex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined(separator: ":") }

    static func unpaddedBase64Decode(_ text: String) -> [UInt8] {
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Array(Data(base64Encoded: padded) ?? Data())
    }
}

/// Keys shared by every workflow test, made once per test process (key generation is the slow part).
struct KeyFixtures: Sendable {
    /// The passphrase every encrypted fixture uses.
    static let passphrase = "correct horse 42"

    let rsa: KeyFixture
    let ed25519: KeyFixture
    let ecdsa: KeyFixture
    /// An unrelated RSA key, so searches have something not to match.
    let otherRSA: KeyFixture

    var all: [KeyFixture] { [rsa, ed25519] }

    private static let made = Result { try KeyFixtures() }

    /// The fixtures, or the tool failure that prevented making them.
    static func load() throws -> KeyFixtures { try made.get() }

    private init() throws {
        let scratch = try TempDirectory()
        rsa = try Self.make("rsa", ["-t", "rsa", "-b", "2048"], comment: "rsa test key", pem: true, in: scratch)
        ed25519 = try Self.make("ed25519", ["-t", "ed25519"], comment: "ed25519 test key", pem: false, in: scratch)
        ecdsa = try Self.make("ecdsa", ["-t", "ecdsa", "-b", "256"], comment: "ecdsa test key", pem: false, putty: false, in: scratch)
        otherRSA = try Self.make("other", ["-t", "rsa", "-b", "2048"], comment: "other key", pem: true, putty: false, in: scratch)
    }

    private static func make(_ name: String, _ generation: [String], comment: String, pem: Bool, putty: Bool = true,
                             in scratch: TempDirectory) throws -> KeyFixture
    {
        let base = scratch.path(name)
        let passphraseFile = try scratch.write("\(name).pass", passphrase)
        try Oracle.run("ssh-keygen", ["-q"] + generation + ["-N", "", "-C", comment, "-f", base])
        var files: [InputKind: [UInt8]] = [
            .opensshPrivate: try scratch.readBytes(name),
            .opensshPublic: try scratch.readBytes("\(name).pub"),
        ]
        // -a 4 keeps bcrypt fast; the format is what ssh-keygen writes by default.
        files[.opensshEncrypted] = try reencrypt(name, in: scratch, as: "\(name)-enc", ["-a", "4", "-N", passphrase])

        var awsImported: String?
        var awsCreated: String?
        let sha256 = try Oracle.run("ssh-keygen", ["-l", "-f", base + ".pub"]).split(separator: " ")[1]
        if pem {
            files[.pemPKCS1] = try reencrypt(name, in: scratch, as: "\(name).pem", ["-m", "PEM", "-N", ""])
            files[.pemPKCS1Encrypted] = try reencrypt(name, in: scratch, as: "\(name)-enc.pem", ["-m", "PEM", "-N", passphrase])
            let pemPath = scratch.path("\(name).pem")
            files[.pkcs8] = try Oracle.runBytes("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", pemPath])
            files[.pkcs8Encrypted] = try Oracle.runBytes("openssl", ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout",
                                                              "file:" + passphraseFile, "-in", pemPath])
            // key-formats.md §0: AWS hashes the DER, not the SSH blob.
            let spki = try Oracle.runBytes("openssl", ["pkey", "-in", pemPath, "-pubout", "-outform", "DER"])
            awsImported = try digest(Oracle.runBytes("openssl", ["md5", "-c"], stdin: spki))
            let pkcs8 = try Oracle.runBytes("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", pemPath, "-outform", "DER"])
            awsCreated = try digest(Oracle.runBytes("openssl", ["sha1", "-c"], stdin: pkcs8))
        } else if generation.contains("ed25519") {
            // AWS shows Ed25519 key pairs, imported or created, as padded base64 SHA-256 of the blob.
            awsImported = String(sha256.dropFirst(7)) + "="
            awsCreated = awsImported
        }

        var puttyLine: String?
        if putty {
            let emptyFile = try scratch.write("\(name).empty", "")
            let puttygen: (String, [String]) throws -> [UInt8] = { output, parameters in
                try Oracle.run("puttygen", [base, "-O", "private", "-o", scratch.path(output)] + parameters)
                return try scratch.readBytes(output)
            }
            files[.ppkV2] = try puttygen("\(name)-v2.ppk", ["--new-passphrase", emptyFile, "--ppk-param", "version=2"])
            files[.ppkV3] = try puttygen("\(name)-v3.ppk", ["--new-passphrase", emptyFile])
            files[.ppkV2Encrypted] = try puttygen("\(name)-v2-enc.ppk", ["--new-passphrase", passphraseFile, "--ppk-param", "version=2"])
            // Small Argon2 settings keep reading fast; PuTTY's defaults are covered in SSHKeysTests.
            files[.ppkV3Encrypted] = try puttygen("\(name)-v3-enc.ppk", ["--new-passphrase", passphraseFile,
                                                                        "--ppk-param", "kdf=argon2id,memory=1024,passes=2"])
            puttyLine = try Oracle.run("puttygen", ["-l", scratch.path("\(name)-v3.ppk")]).trimmingCharacters(in: .newlines)
        }
        return KeyFixture(
            name: name, comment: comment,
            publicLine: try scratch.read("\(name).pub").trimmingCharacters(in: .newlines),
            files: files,
            sshKeygenLine: try Oracle.run("ssh-keygen", ["-l", "-f", base + ".pub"]).trimmingCharacters(in: .newlines),
            sha256: String(sha256),
            md5: String(try Oracle.run("ssh-keygen", ["-l", "-E", "md5", "-f", base + ".pub"]).split(separator: " ")[1]),
            puttyLine: puttyLine, awsImported: awsImported, awsCreated: awsCreated)
    }

    /// A copy of `name` re-saved by `ssh-keygen -p` with the given options.
    private static func reencrypt(_ name: String, in scratch: TempDirectory, as copy: String, _ options: [String]) throws -> [UInt8] {
        try FileManager.default.copyItem(atPath: scratch.path(name), toPath: scratch.path(copy))
        try Oracle.run("ssh-keygen", ["-q", "-p", "-P", ""] + options + ["-f", scratch.path(copy)])
        return try scratch.readBytes(copy)
    }

    /// The digest from `openssl md5 -c` / `sha1 -c` output: `MD5(stdin)= aa:bb:…`.
    private static func digest(_ stdout: [UInt8]) throws -> String {
        let output = String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard let value = output.split(separator: " ").last else { throw Oracle.Failure(description: "openssl printed \(output)") }
        return String(value)
    }
}
