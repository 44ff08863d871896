import AMIKeyTestSupport
import Foundation

/// Keys of every kind import-key must take, warn about or refuse, made once per test process: by ssh-keygen
/// where it can, and as hand-built wire blobs (RFC 4253 §6.6) for RSA sizes it will not make quickly or at all
/// (it refuses below 1024 bits; 8192 bits takes about a minute on a shared 2-core machine) and for a security
/// key, which needs a FIDO device.
struct ImportKeyFixtures: Sendable {
    /// File name → OpenSSH public line: `ecdsa.pub`, `dsa.pub`, `ed25519-cert.pub`, `sk-ed25519.pub`,
    /// `rsa-768.pub`, `rsa-8192.pub`, `rsa-1024.pub`, `rsa-2048.pub`, `rsa-3072.pub`, `rsa-4096.pub`.
    let files: [String: String]

    private static let made = Result { try ImportKeyFixtures() }

    static func load() throws -> ImportKeyFixtures { try made.get() }

    private init() throws {
        let scratch = try TempDirectory()
        var files: [String: String] = [:]
        for (name, arguments) in [("ecdsa", ["-t", "ecdsa", "-b", "256"]), ("dsa", ["-t", "dsa"]), ("ca", ["-t", "ed25519"]),
                                  ("ed25519", ["-t", "ed25519"]), ("rsa-1024", ["-t", "rsa", "-b", "1024"]),
                                  ("rsa-2048", ["-t", "rsa", "-b", "2048"]), ("rsa-3072", ["-t", "rsa", "-b", "3072"]),
                                  ("rsa-4096", ["-t", "rsa", "-b", "4096"])] {
            _ = try Oracle.run("ssh-keygen", ["-q", "-N", "", "-C", name, "-f", scratch.path(name)] + arguments)
            files[name + ".pub"] = try scratch.read(name + ".pub")
        }
        _ = try Oracle.run("ssh-keygen", ["-q", "-s", scratch.path("ca"), "-I", "test", "-n", "ec2-user", scratch.path("ed25519.pub")])
        files["ed25519-cert.pub"] = try scratch.read("ed25519-cert.pub")
        files["rsa-768.pub"] = Self.rsaLine(bits: 768)
        files["rsa-8192.pub"] = Self.rsaLine(bits: 8192)
        // PROTOCOL.u2f: string "sk-ssh-ed25519@openssh.com", string key (32 bytes), string application.
        var sk = Self.string(Array("sk-ssh-ed25519@openssh.com".utf8))
        sk += Self.string((0..<32).map { UInt8($0 + 1) }) + Self.string(Array("ssh:".utf8))
        files["sk-ed25519.pub"] = "sk-ssh-ed25519@openssh.com \(Data(sk).base64EncodedString()) security key\n"
        self.files = files
    }

    /// An `ssh-rsa` line whose modulus has exactly `bits` bits (top bit set, odd); only its size matters here.
    private static func rsaLine(bits: Int) -> String {
        var generator = SplitMix64(seed: UInt64(bits))
        var modulus = (0..<(bits / 8)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        modulus[0] |= 0x80
        modulus[modulus.count - 1] |= 1
        // RFC 4251 §5: an mpint with its top bit set gets a leading zero byte.
        let blob = string(Array("ssh-rsa".utf8)) + string([0x01, 0x00, 0x01]) + string([0] + modulus)
        return "ssh-rsa \(Data(blob).base64EncodedString()) rsa-\(bits)\n"
    }

    /// RFC 4251 §5 `string`: a big-endian uint32 length, then the bytes.
    private static func string(_ bytes: [UInt8]) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [UInt8(count >> 24), UInt8(truncatingIfNeeded: count >> 16), UInt8(truncatingIfNeeded: count >> 8),
                UInt8(truncatingIfNeeded: count)] + bytes
    }

    /// Writes the named fixtures into a directory.
    func install(_ names: [String], in directory: TempDirectory) throws {
        for name in names { _ = try directory.write(name, files[name]!) }
    }
}
