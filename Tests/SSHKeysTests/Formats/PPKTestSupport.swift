import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// A key type as puttygen's `-t` / `-b` spell it.
struct PPKKeyKind: Sendable, CustomTestStringConvertible {
    /// puttygen's `-t` value (ssh-keygen takes the same for rsa, dsa, ecdsa, ed25519).
    let type: String
    /// `-b`, when the type takes one.
    let bits: Int?

    /// puttygen options that generate this type.
    var generationArguments: [String] { ["-t", type] + (bits.map { ["-b", String($0)] } ?? []) }
    /// Whether EC2 computes its created-key fingerprint for it (RSA only).
    var isRSA: Bool { type == "rsa" }
    /// `type-bits`, as the test report shows it.
    var testDescription: String { bits.map { "\(type)-\($0)" } ?? type }

    /// Every type amikey converts, with the sizes that change the encodings (RSA below 2048, P-521's 66-byte scalar).
    static let all: [PPKKeyKind] = [
        .init(type: "rsa", bits: 1024), .init(type: "rsa", bits: 2048), .init(type: "dsa", bits: 1024),
        .init(type: "ecdsa", bits: 256), .init(type: "ecdsa", bits: 384), .init(type: "ecdsa", bits: 521),
        .init(type: "ed25519", bits: nil),
    ]
}

/// How a PPK file is protected: its version and, when encrypted, the Argon2 flavour (v3).
struct PPKProtection: Sendable, CustomTestStringConvertible {
    let version: Int
    let encrypted: Bool
    /// puttygen's `kdf=` value, v3 encrypted only; nil with `encrypted` means puttygen's defaults.
    let kdf: String?

    /// Version 2, unencrypted.
    static let v2 = PPKProtection(version: 2, encrypted: false, kdf: nil)
    /// Version 2, aes256-cbc.
    static let v2Encrypted = PPKProtection(version: 2, encrypted: true, kdf: nil)
    /// Version 3, unencrypted.
    static let v3 = PPKProtection(version: 3, encrypted: false, kdf: nil)
    /// Version 3, aes256-cbc; small Argon2 settings (1 MiB, 2 passes) keep the suite fast, and a nil `kdf`
    /// (puttygen's defaults) is tested once.
    static func v3Encrypted(_ kdf: String?) -> PPKProtection { .init(version: 3, encrypted: true, kdf: kdf) }

    /// The four combinations every key type is tested with.
    static let common: [PPKProtection] = [.v2, .v2Encrypted, .v3, .v3Encrypted("argon2id")]

    /// The Argon2 settings amikey writes to match `kdf`.
    var argon2: PPKFormat.Argon2Parameters {
        let variant: Argon2.Variant = switch kdf {
        case "argon2i": .i
        case "argon2d": .d
        default: .id
        }
        return kdf == nil ? .puttyDefault : .init(variant: variant, memoryKiB: 1024, passes: 2, parallelism: 1)
    }

    /// puttygen options that write a file protected this way.
    func puttygenArguments(_ workspace: PPKWorkspace) -> [String] {
        var arguments = ["--new-passphrase", encrypted ? workspace.passphraseFile : workspace.emptyFile]
        if version == 2 { arguments += ["--ppk-param", "version=2"] }
        if let kdf { arguments += ["--ppk-param", "kdf=\(kdf),memory=1024,passes=2"] }
        return arguments
    }

    /// `v3 argon2id`, `v2 unencrypted`, …
    var testDescription: String {
        "v\(version)" + (encrypted ? (version == 3 ? " \(kdf ?? "default Argon2")" : " aes256-cbc") : " unencrypted")
    }
}

/// A temporary directory with the passphrase files puttygen reads, and the oracle runs the PPK tests need.
final class PPKWorkspace {
    /// Non-ASCII and spaces, to catch encoding slips.
    static let passphrase = "correct horse ☃ battery"
    /// Non-ASCII and spaces: the comment is MAC input, byte for byte.
    static let comment = "amikey ppk test ✓ key"

    /// Where every file of one test lives.
    let directory: TempDirectory
    /// puttygen reads the first line of this file as the passphrase.
    let passphraseFile: String
    /// An empty passphrase: puttygen then writes (or exports) unencrypted.
    let emptyFile: String

    /// Creates the directory and the passphrase files.
    init() throws {
        directory = try TempDirectory()
        passphraseFile = try directory.write("passphrase", Self.passphrase + "\n")
        emptyFile = try directory.write("empty", "")
    }

    /// The path of `name` in the workspace.
    func path(_ name: String) -> String { directory.path(name) }

    /// Generates a key with puttygen straight into a PPK file and returns its text.
    func puttygenGenerate(_ kind: PPKKeyKind, _ protection: PPKProtection, name: String = "key.ppk",
                          comment: String = PPKWorkspace.comment) throws -> String {
        try Oracle.run("puttygen", kind.generationArguments + ["-C", comment, "-q", "-O", "private", "-o", path(name)]
            + protection.puttygenArguments(self))
        return try directory.read(name)
    }

    /// Has puttygen rewrite `source` (encrypted with the test passphrase or not) under another protection
    /// (`--reencrypt`: without it puttygen refuses a PPK-to-PPK run as doing "no useful action").
    func puttygenConvert(_ source: String, _ protection: PPKProtection, name: String) throws -> String {
        try Oracle.run("puttygen", [path(source), "--old-passphrase", passphraseFile, "--reencrypt", "-O", "private",
                                    "-o", path(name)]
            + protection.puttygenArguments(self))
        return try directory.read(name)
    }

    /// `puttygen FILE -O public-openssh`: the public key and comment, which need no passphrase.
    func puttygenPublicLine(_ name: String) throws -> String {
        try Oracle.run("puttygen", [path(name), "-O", "public-openssh"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `puttygen FILE -l [-E md5]`.
    func puttygenFingerprint(_ name: String, md5: Bool = false) throws -> String {
        try Oracle.run("puttygen", [path(name), "-l"] + (md5 ? ["-E", "md5"] : []))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `puttygen FILE -O text`: every key component as `name=0x…`, private ones included (needs the passphrase).
    func puttygenComponents(_ name: String) throws -> [String: String] {
        let text = try Oracle.run("puttygen", [path(name), "--old-passphrase", passphraseFile, "-O", "text"])
        var components: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            components[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return components
    }

    /// puttygen's unencrypted OpenSSH export of a PPK (PEM for RSA/DSA/ECDSA, openssh-key-v1 for Ed25519); returns its path.
    func puttygenExportOpenSSH(_ name: String, to output: String) throws -> String {
        try Oracle.run("puttygen", [path(name), "--old-passphrase", passphraseFile, "--new-passphrase", emptyFile,
                                    "-O", "private-openssh", "-o", path(output)])
        return path(output)
    }

    /// `ssh-keygen -y -f FILE`'s type and base64 (the comment, when any, is dropped).
    func sshKeygenPublicKey(_ path: String) throws -> String {
        try Self.typeAndKey(Oracle.run("ssh-keygen", ["-y", "-f", path]))
    }

    /// `openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c`: what EC2 shows for a key pair it created.
    func opensslAWSCreatedFingerprint(_ pemPath: String) throws -> String {
        let der = path("pkcs8-\(UUID().uuidString).der")
        try Oracle.run("openssl", ["pkcs8", "-in", pemPath, "-topk8", "-nocrypt", "-outform", "DER", "-out", der])
        let line = try Oracle.run("openssl", ["sha1", "-c", der])
        // OpenSSL 3 prints `SHA1(file)= aa:bb:…`; older versions `(stdin)= …`.
        return String(line.split(separator: "= ").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The first two fields of an OpenSSH public key line.
    static func typeAndKey(_ line: String) -> String {
        line.split(separator: " ").prefix(2).joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Helpers shared by the PPK tests.
enum PPKTest {
    /// Options that open every private part with the test passphrase.
    static func options(passphrase: String? = PPKWorkspace.passphrase) -> KeyReadOptions {
        KeyReadOptions(passphrase: { _ in passphrase.map { Array($0.utf8) } }, decryptPrivateKeys: true)
    }

    /// Reads a PPK text, opening the private part with the test passphrase.
    static func read(_ text: String, passphrase: String? = PPKWorkspace.passphrase) throws(SSHKeyError) -> KeyFileEntry {
        try PPKFormat.read(text, options: options(passphrase: passphrase))
    }

    /// The error a read throws, or nil when it succeeds.
    static func readError(_ text: String, passphrase: String? = PPKWorkspace.passphrase) -> SSHKeyError? {
        do {
            _ = try read(text, passphrase: passphrase)
            return nil
        } catch {
            return error
        }
    }

    /// A magnitude as puttygen's `-O text` prints it: `0x` and lowercase hex without leading zeros.
    static func puttyHex(_ magnitude: [UInt8]) -> String {
        let hex = magnitude.map { String(format: "%02x", $0) }.joined()
        let trimmed = hex.drop { $0 == "0" }
        return "0x" + (trimmed.isEmpty ? "0" : trimmed)
    }

    /// The private components of a key under the names puttygen's `-O text` uses.
    static func privateComponents(_ key: SSHPrivateKey) -> [String: String] {
        switch key.backing {
        case .rsa(_, _, let d, let p, let q, let iqmp):
            ["private_exponent": puttyHex(d), "private_p": puttyHex(p), "private_q": puttyHex(q),
             "private_inverse_q_mod_p": puttyHex(iqmp)]
        case .dsa(_, _, _, _, let x):
            ["private_x": puttyHex(x)]
        case .ecdsa(_, _, let scalar):
            ["private_exponent": puttyHex(scalar)]
        case .ed25519(let seed, _):
            // PuTTY holds the seed as a little-endian integer.
            ["private_exponent": puttyHex(seed.reversed())]
        }
    }
}

/// Replays fixed 64-bit words, so a test can hand `PPKFormat.write` the salt puttygen chose.
struct ReplayGenerator: RandomNumberGenerator {
    private var words: [UInt64]

    /// Words that `PPKFormat.write` turns back into `salt` (two words, each little-endian).
    init(salt: [UInt8]) {
        words = stride(from: 0, to: salt.count, by: 8).map { start in
            salt[start..<min(start + 8, salt.count)].enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
    }

    /// The next replayed word; running out is a test failure, not a crash.
    mutating func next() -> UInt64 {
        guard !words.isEmpty else {
            Issue.record("PPKFormat.write asked for more random words than the salt holds")
            return 0
        }
        return words.removeFirst()
    }
}
