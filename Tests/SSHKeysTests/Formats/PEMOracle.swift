import AMIKeyTestSupport
import Foundation

/// What the tools say about a key file.
enum PEMOracle {
    /// `ssh-keygen -y`: the public line's type and base64, without a comment.
    static func opensshLine(_ path: String, passphrase: String? = nil) throws -> String {
        let line = try Oracle.run("ssh-keygen", ["-y", "-P", passphrase ?? "", "-f", path])
        return line.split(whereSeparator: \.isWhitespace).prefix(2).joined(separator: " ")
    }

    /// `ssh-keygen -l` on the public line: bits and SHA256 fingerprint.
    static func fingerprint(_ path: String, in directory: TempDirectory) throws -> (bits: Int?, sha256: String) {
        let publicPath = try directory.write("oracle.pub", try Oracle.run("ssh-keygen", ["-y", "-f", path]))
        let fields = try Oracle.run("ssh-keygen", ["-l", "-f", publicPath]).split(separator: " ")
        return (fields.first.flatMap { Int($0) }, fields.count > 1 ? String(fields[1]) : "")
    }

    /// `openssl pkey -pubout -outform DER`: the SubjectPublicKeyInfo of a private or public key file.
    static func spki(_ path: String, passphrase: String? = nil, isPublic: Bool = false) throws -> [UInt8] {
        var arguments = ["pkey", "-in", path, "-pubout", "-outform", "DER"]
        if isPublic { arguments.append("-pubin") }
        if let passphrase { arguments += ["-passin", "pass:\(passphrase)"] }
        return try Oracle.runBytes("openssl", arguments)
    }

    /// `openssl pkey -outform DER`: the traditional DER (PKCS#1, SEC1, DSA), or PKCS#8 for Ed25519.
    static func privateDER(_ path: String) throws -> [UInt8] {
        try Oracle.runBytes("openssl", ["pkey", "-in", path, "-outform", "DER"])
    }

    /// AWS's imported-RSA fingerprint: `openssl rsa -pubout -outform DER | openssl md5 -c`.
    static func awsImported(_ path: String) throws -> String {
        try digest("md5", Oracle.runBytes("openssl", ["rsa", "-in", path, "-pubout", "-outform", "DER"]))
    }

    /// AWS's created-RSA fingerprint: `openssl pkcs8 -topk8 -nocrypt -outform DER | openssl sha1 -c`.
    static func awsCreated(_ path: String) throws -> String {
        try digest("sha1", Oracle.runBytes("openssl", ["pkcs8", "-in", path, "-inform", "PEM", "-outform", "DER", "-topk8", "-nocrypt"]))
    }

    /// `openssl <hash> -c` of bytes, the part after "= " (OpenSSL 1.x and 3.x prefix it differently).
    private static func digest(_ hash: String, _ bytes: [UInt8]) throws -> String {
        let output = String(decoding: try Oracle.runBytes("openssl", [hash, "-c"], stdin: bytes), as: UTF8.self)
        guard let range = output.range(of: "= ") else { throw Oracle.Failure(description: "openssl \(hash) printed \(output)") }
        return output[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
