import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// A key type and size as ssh-keygen's `-t` / `-b` spell them.
struct OracleKeySpec: Sendable, Hashable, CustomTestStringConvertible {
    let type: String
    let bits: Int?

    static let rsa1024 = OracleKeySpec(type: "rsa", bits: 1024)
    static let rsa2048 = OracleKeySpec(type: "rsa", bits: 2048)
    static let rsa3072 = OracleKeySpec(type: "rsa", bits: 3072)
    static let ed25519 = OracleKeySpec(type: "ed25519", bits: nil)
    static let ecdsa256 = OracleKeySpec(type: "ecdsa", bits: 256)
    static let ecdsa384 = OracleKeySpec(type: "ecdsa", bits: 384)
    static let ecdsa521 = OracleKeySpec(type: "ecdsa", bits: 521)
    static let dsa = OracleKeySpec(type: "dsa", bits: nil)

    /// One key of each algorithm; RSA at 2048 bits only, since the size changes no fingerprint rule.
    static let fingerprinted: [OracleKeySpec] = [rsa2048, ed25519, ecdsa256, ecdsa384, ecdsa521, dsa]
    /// Every type and the sizes that change encodings (RSA below 2048 and above, P-521's 66-byte scalar).
    static let all: [OracleKeySpec] = [rsa1024, rsa2048, rsa3072, ed25519, ecdsa256, ecdsa384, ecdsa521, dsa]

    /// The size `ssh-keygen -l` reports.
    var keygenBits: Int {
        switch type {
        case "ed25519": 256
        case "dsa": 1024
        default: bits ?? 0
        }
    }

    var testDescription: String { bits.map { "\(type)-\($0)" } ?? type }
}

/// Runs ssh-keygen, puttygen and openssl for the fingerprint and format suites.
enum OracleKeys {
    /// The comment `generate` gives keys unless told otherwise.
    static let comment = "amikey test key"

    /// `ssh-keygen -q -t … -N passphrase -C comment -f directory/name`, plus `extra`; returns the private key's path.
    @discardableResult
    static func generate(_ spec: OracleKeySpec, _ name: String, in directory: TempDirectory, comment: String = comment,
                         passphrase: String = "", extra: [String] = []) throws -> String {
        let path = directory.path(name)
        var arguments = ["-q", "-t", spec.type]
        if let bits = spec.bits { arguments += ["-b", String(bits)] }
        arguments += ["-N", passphrase, "-C", comment, "-f", path] + extra
        _ = try Oracle.run("ssh-keygen", arguments)
        return path
    }

    /// The key in the `.pub` file ssh-keygen wrote next to `path`.
    static func publicKey(_ path: String) throws -> SSHPublicKey {
        try SSHPublicKey(openSSHRepresentation: try String(contentsOfFile: path + ".pub", encoding: .utf8))
    }

    /// The wire blob of `path.pub`, decoded by openssl rather than by the code under test.
    static func blob(_ path: String) throws -> [UInt8] {
        let line = try String(contentsOfFile: path + ".pub", encoding: .utf8)
        let base64 = String(line.split(separator: " ")[1])
        return try Oracle.runBytes("openssl", ["base64", "-d", "-A"], stdin: Array(base64.utf8))
    }

    /// `ssh-keygen -l [-E hash] -f path`, one line per key.
    static func fingerprintLines(_ path: String, hash: String = "sha256") throws -> [String] {
        try Oracle.run("ssh-keygen", ["-l", "-E", hash, "-f", path]).split(separator: "\n").map(String.init)
    }

    /// `puttygen path -l [-E hash]`, trimmed.
    static func puttygenFingerprint(_ path: String, hash: String = "sha256") throws -> String {
        try Oracle.run("puttygen", [path, "-l", "-E", hash]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `openssl <hash> -c` over bytes: the colon hex after "= " (OpenSSL 1.x and 3.x name stdin differently).
    static func opensslDigest(_ hash: String, _ bytes: [UInt8]) throws -> String {
        let output = String(decoding: try Oracle.runBytes("openssl", ["dgst", "-\(hash)", "-c"], stdin: bytes), as: UTF8.self)
        guard let range = output.range(of: "= ") else { throw Oracle.Failure(description: "openssl \(hash) printed \(output)") }
        return output[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An `sk-` public line (PROTOCOL.u2f): the plain key's fields, then the application "ssh:", as a
    /// FIDO authenticator's key would be. No authenticator is needed to parse or fingerprint one.
    static func securityKeyLine(from plain: SSHPublicKey, comment: String) throws -> String {
        var reader = SSHWireReader(plain.wireRepresentation)
        let plainType = try reader.readUTF8(field: "type")
        let fields = try reader.readBytes(reader.remaining, field: "fields")
        let type = plainType == "ssh-ed25519" ? "sk-ssh-ed25519@openssh.com" : "sk-ecdsa-sha2-nistp256@openssh.com"
        var writer = SSHWireWriter()
        writer.writeString(type)
        writer.writeBytes(fields)
        writer.writeString("ssh:")
        return "\(type) \(Base64.encode(writer.bytes)) \(comment)"
    }
}
