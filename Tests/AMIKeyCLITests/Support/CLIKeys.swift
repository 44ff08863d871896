import AMIKeyTestSupport
import Foundation

/// Keys for the CLI tests, made once per test process by ssh-keygen, puttygen and openssl, with what those tools print.
struct CLIKeys: Sendable {
    static let passphrase = "tr0ub4dor & 3"

    /// File name → contents: `rsa` (OpenSSH, unencrypted), `rsa.pub`, `rsa-enc` (OpenSSH, encrypted),
    /// `rsa-enc.pem` (legacy encrypted PEM), `rsa.pem`, `rsa.ppk` (PPK v3), `ed25519.pub`.
    let files: [String: [UInt8]]
    /// `ssh-keygen -l -f rsa.pub`.
    let rsaKeygenLine: String
    /// `SHA256:…` of the RSA key.
    let rsaSHA256: String
    /// `puttygen -l rsa.ppk`.
    let rsaPuttyLine: String
    /// `openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c`.
    let rsaAWSCreated: String
    /// The RSA private exponent, the secret that must never be printed in any encoding.
    let rsaPrivateExponent: [UInt8]
    /// `SHA256:…` of the Ed25519 key.
    let ed25519SHA256: String
    let rsaComment = "cli rsa key"

    private static let made = Result { try CLIKeys() }

    static func load() throws -> CLIKeys { try made.get() }

    private init() throws {
        let scratch = try TempDirectory()
        let empty = try scratch.write("empty", "")
        try Oracle.run("ssh-keygen", ["-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", rsaComment, "-f", scratch.path("rsa")])
        try Oracle.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "cli ed25519 key", "-f", scratch.path("ed25519")])
        for (copy, options) in [("rsa-enc", ["-a", "4", "-N", Self.passphrase]), ("rsa-enc.pem", ["-m", "PEM", "-N", Self.passphrase]),
                                ("rsa.pem", ["-m", "PEM", "-N", ""])] {
            try FileManager.default.copyItem(atPath: scratch.path("rsa"), toPath: scratch.path(copy))
            try Oracle.run("ssh-keygen", ["-q", "-p", "-P", ""] + options + ["-f", scratch.path(copy)])
        }
        try Oracle.run("puttygen", [scratch.path("rsa"), "-O", "private", "-o", scratch.path("rsa.ppk"), "--new-passphrase", empty])

        var files: [String: [UInt8]] = [:]
        for name in ["rsa", "rsa.pub", "rsa-enc", "rsa-enc.pem", "rsa.pem", "rsa.ppk", "ed25519.pub"] {
            files[name] = try scratch.readBytes(name)
        }
        self.files = files
        rsaKeygenLine = try Oracle.run("ssh-keygen", ["-l", "-f", scratch.path("rsa.pub")]).trimmingCharacters(in: .newlines)
        rsaSHA256 = String(rsaKeygenLine.split(separator: " ")[1])
        ed25519SHA256 = String(try Oracle.run("ssh-keygen", ["-l", "-f", scratch.path("ed25519.pub")]).split(separator: " ")[1])
        rsaPuttyLine = try Oracle.run("puttygen", ["-l", scratch.path("rsa.ppk")]).trimmingCharacters(in: .newlines)
        let pkcs8 = try Oracle.runBytes("openssl", ["pkcs8", "-topk8", "-nocrypt", "-in", scratch.path("rsa.pem"), "-outform", "DER"])
        let sha1 = String(decoding: try Oracle.runBytes("openssl", ["sha1", "-c"], stdin: pkcs8), as: UTF8.self)
        rsaAWSCreated = String(sha1.trimmingCharacters(in: .newlines).split(separator: " ").last ?? "")
        rsaPrivateExponent = try Self.privateExponent(Oracle.run("openssl", ["rsa", "-in", scratch.path("rsa.pem"), "-text", "-noout"]))
    }

    /// The `privateExponent:` block of `openssl rsa -text`, as bytes without the sign byte.
    private static func privateExponent(_ text: String) throws -> [UInt8] {
        guard let start = text.range(of: "privateExponent:\n"), let end = text.range(of: "prime1:", range: start.upperBound..<text.endIndex) else {
            throw Oracle.Failure(description: "openssl rsa -text printed no privateExponent")
        }
        let hex = text[start.upperBound..<end.lowerBound].filter { $0.isHexDigit }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return Array(bytes.drop { $0 == 0 })
    }

    /// Strings any printing of the private exponent would contain: hex (plain and colon) and base64 at each of
    /// the three byte alignments it can have inside a larger structure, cut into 16-character pieces so line
    /// wrapping cannot hide them.
    var secretNeedles: [String] {
        let d = rsaPrivateExponent
        var needles = [d.prefix(16).map { String(format: "%02x", $0) }.joined(),
                       d.prefix(16).map { String(format: "%02x", $0) }.joined(separator: ":")]
        for shift in 0..<3 {
            let encoded = Data(d[shift..<(shift + 48)]).base64EncodedString()
            var offset = encoded.startIndex
            while encoded.distance(from: offset, to: encoded.endIndex) >= 16 {
                let end = encoded.index(offset, offsetBy: 16)
                needles.append(String(encoded[offset..<end]))
                offset = end
            }
        }
        return needles
    }

    /// Writes the named fixtures into a directory.
    func install(_ names: [String], in directory: TempDirectory) throws {
        for name in names { try directory.write(name, files[name]!) }
    }
}
