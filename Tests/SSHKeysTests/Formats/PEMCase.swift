import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// PEM keys made at test time by ssh-keygen and openssl, and the oracles that say what they hold.
struct PEMCase: Sendable, CustomTestStringConvertible {
    /// A short name for test output.
    let name: String
    /// Commands run in order. `{k}` is the plain source key (always unencrypted), `{o}` the file under test
    /// when the source is converted, `{k.pub}` ssh-keygen's public file; a last argument `>{o}` captures stdout there.
    let steps: [[String]]
    /// What `read` must report.
    let format: KeyFileFormat
    /// The PEM labels the tools wrote, in order (checked, so a tool that changed its output fails loudly).
    let labels: [String]
    /// The SSH algorithm of the key.
    let algorithm: String
    /// `ssh-keygen -l` bits.
    let bits: Int
    /// The passphrase the file is encrypted with, if any.
    let passphrase: String?
    /// The legacy `DEK-Info` cipher the tool wrote, for legacy-encrypted files.
    let dekInfo: String?

    var testDescription: String { name }
    var isEd25519: Bool { algorithm == "ssh-ed25519" }
    var isPrivate: Bool { format.holdsPrivateKey }

    init(_ name: String, _ steps: [[String]], _ format: KeyFileFormat, _ labels: [String], _ algorithm: String,
         _ bits: Int, passphrase: String? = nil, dekInfo: String? = nil) {
        (self.name, self.steps, self.format, self.labels) = (name, steps, format, labels)
        (self.algorithm, self.bits, self.passphrase, self.dekInfo) = (algorithm, bits, passphrase, dekInfo)
    }

    // MARK: - Generators

    static func sshKeygen(_ type: String, _ bits: Int) -> [String] {
        ["ssh-keygen", "-q", "-t", type, "-b", "\(bits)", "-m", "PEM", "-N", "", "-C", "pem-test", "-f", "{k}"]
    }

    static let ed25519 = ["openssl", "genpkey", "-algorithm", "ed25519", "-out", "{k}"]
    static let copy = ["cp", "{k}", "{o}"]

    /// `ssh-keygen -p` on the copy: re-encodes (and optionally encrypts) in `format`.
    static func reencode(_ format: String, _ newPassphrase: String = "") -> [String] {
        ["ssh-keygen", "-q", "-p", "-P", "", "-N", newPassphrase, "-m", format, "-f", "{o}"]
    }

    /// `openssl pkcs8 -topk8` with PBES2 options.
    static func pkcs8(_ options: [String]) -> [String] { openssl("pkcs8", ["-topk8"] + options) }

    /// ssh-keygen refuses passphrases under five characters.
    static let passphrase = "secret-pw"
    static let pw = ["-passout", "pass:\(passphrase)"]

    /// `ssh-keygen -e -m MODE` of the public file, captured into the file under test.
    static func export(_ mode: String) -> [String] { ["ssh-keygen", "-e", "-m", mode, "-f", "{k.pub}", ">{o}"] }

    /// `openssl <command> -in k -out o` plus options.
    static func openssl(_ command: String, _ options: [String]) -> [String] {
        ["openssl", command, "-in", "{k}", "-out", "{o}"] + options
    }

    /// Every kind of PEM key the tools write, plain and encrypted, private and public.
    static let all: [PEMCase] = [
        .init("RSA-1024 PKCS#1 (ssh-keygen -m PEM)", [sshKeygen("rsa", 1024)],
              .pemPKCS1, ["RSA PRIVATE KEY"], "ssh-rsa", 1024),
        .init("RSA-2048 PKCS#1 (ssh-keygen -m PEM)", [sshKeygen("rsa", 2048)],
              .pemPKCS1, ["RSA PRIVATE KEY"], "ssh-rsa", 2048),
        .init("RSA-3072 PKCS#1 (ssh-keygen -m PEM)", [sshKeygen("rsa", 3072)],
              .pemPKCS1, ["RSA PRIVATE KEY"], "ssh-rsa", 3072),
        .init("RSA-2048 PKCS#8 (ssh-keygen -p -m PKCS8)", [sshKeygen("rsa", 2048), copy, reencode("PKCS8")],
              .pemPKCS8, ["PRIVATE KEY"], "ssh-rsa", 2048),
        .init("ECDSA P-256 SEC1 (ssh-keygen -m PEM)", [sshKeygen("ecdsa", 256)],
              .pemSEC1, ["EC PRIVATE KEY"], "ecdsa-sha2-nistp256", 256),
        .init("ECDSA P-384 SEC1 (ssh-keygen -m PEM)", [sshKeygen("ecdsa", 384)],
              .pemSEC1, ["EC PRIVATE KEY"], "ecdsa-sha2-nistp384", 384),
        .init("ECDSA P-521 SEC1 (ssh-keygen -m PEM)", [sshKeygen("ecdsa", 521)],
              .pemSEC1, ["EC PRIVATE KEY"], "ecdsa-sha2-nistp521", 521),
        .init("ECDSA P-384 PKCS#8 (ssh-keygen -p -m PKCS8)", [sshKeygen("ecdsa", 384), copy, reencode("PKCS8")],
              .pemPKCS8, ["PRIVATE KEY"], "ecdsa-sha2-nistp384", 384),
        .init("ECDSA P-256 with EC PARAMETERS (openssl ecparam -genkey)",
              [["openssl", "ecparam", "-genkey", "-name", "prime256v1", "-out", "{k}"]],
              .pemSEC1, ["EC PARAMETERS", "EC PRIVATE KEY"], "ecdsa-sha2-nistp256", 256),
        .init("ECDSA P-521 PKCS#8 (openssl pkcs8 -nocrypt)", [sshKeygen("ecdsa", 521), pkcs8(["-nocrypt"])],
              .pemPKCS8, ["PRIVATE KEY"], "ecdsa-sha2-nistp521", 521),
        .init("DSA (ssh-keygen -m PEM)", [sshKeygen("dsa", 1024)],
              .pemDSA, ["DSA PRIVATE KEY"], "ssh-dss", 1024),
        .init("DSA PKCS#8 (openssl pkcs8 -nocrypt)", [sshKeygen("dsa", 1024), pkcs8(["-nocrypt"])],
              .pemPKCS8, ["PRIVATE KEY"], "ssh-dss", 1024),
        .init("Ed25519 PKCS#8 (openssl genpkey)", [ed25519],
              .pemPKCS8, ["PRIVATE KEY"], "ssh-ed25519", 256),

        // Legacy Proc-Type / DEK-Info encryption.
        .init("RSA-2048 AES-128-CBC (ssh-keygen -p -N … -m PEM)", [sshKeygen("rsa", 2048), copy, reencode("PEM", passphrase)],
              .pemPKCS1, ["RSA PRIVATE KEY"], "ssh-rsa", 2048, passphrase: passphrase, dekInfo: "AES-128-CBC"),
        .init("RSA-2048 DES-EDE3-CBC (openssl rsa -des3 -traditional)",
              [sshKeygen("rsa", 2048), openssl("rsa", ["-des3", "-traditional"] + pw)],
              .pemPKCS1, ["RSA PRIVATE KEY"], "ssh-rsa", 2048, passphrase: passphrase, dekInfo: "DES-EDE3-CBC"),
        .init("RSA-1024 DES-CBC (openssl rsa -des, legacy provider)",
              [sshKeygen("rsa", 1024),
               openssl("rsa", ["-des", "-traditional", "-provider", "legacy", "-provider", "default"] + pw)],
              .pemPKCS1, ["RSA PRIVATE KEY"], "ssh-rsa", 1024, passphrase: passphrase, dekInfo: "DES-CBC"),
        .init("RSA-1024 AES-192-CBC (openssl rsa -aes192 -traditional)",
              [sshKeygen("rsa", 1024), openssl("rsa", ["-aes192", "-traditional"] + pw)],
              .pemPKCS1, ["RSA PRIVATE KEY"], "ssh-rsa", 1024, passphrase: passphrase, dekInfo: "AES-192-CBC"),
        .init("ECDSA P-256 AES-256-CBC (openssl ec -aes256)", [sshKeygen("ecdsa", 256), openssl("ec", ["-aes256"] + pw)],
              .pemSEC1, ["EC PRIVATE KEY"], "ecdsa-sha2-nistp256", 256, passphrase: passphrase, dekInfo: "AES-256-CBC"),
        .init("DSA AES-128-CBC (openssl dsa -aes128)", [sshKeygen("dsa", 1024), openssl("dsa", ["-aes128"] + pw)],
              .pemDSA, ["DSA PRIVATE KEY"], "ssh-dss", 1024, passphrase: passphrase, dekInfo: "AES-128-CBC"),

        // PKCS#8 PBES2.
        .init("RSA-2048 PBES2 AES-256-CBC (openssl pkcs8 -topk8 -v2 aes-256-cbc)",
              [sshKeygen("rsa", 2048), pkcs8(["-v2", "aes-256-cbc"] + pw)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ssh-rsa", 2048, passphrase: passphrase),
        .init("RSA-1024 PBES2 DES-EDE3-CBC (openssl pkcs8 -topk8 -v2 des3)",
              [sshKeygen("rsa", 1024), pkcs8(["-v2", "des3"] + pw)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ssh-rsa", 1024, passphrase: passphrase),
        .init("RSA-2048 PBES2 AES-128-CBC (ssh-keygen -p -N … -m PKCS8)",
              [sshKeygen("rsa", 2048), copy, reencode("PKCS8", passphrase)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ssh-rsa", 2048, passphrase: passphrase),
        .init("ECDSA P-521 PBES2 AES-192-CBC hmacWithSHA512",
              [sshKeygen("ecdsa", 521), pkcs8(["-v2", "aes-192-cbc", "-v2prf", "hmacWithSHA512"] + pw)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ecdsa-sha2-nistp521", 521, passphrase: passphrase),
        .init("DSA PBES2 AES-256-CBC hmacWithSHA384",
              [sshKeygen("dsa", 1024), pkcs8(["-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA384"] + pw)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ssh-dss", 1024, passphrase: passphrase),
        .init("Ed25519 PBES2 AES-256-CBC (openssl pkcs8 -topk8)", [ed25519, pkcs8(["-v2", "aes-256-cbc"] + pw)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ssh-ed25519", 256, passphrase: passphrase),
        .init("Ed25519 PBES2 AES-128-CBC hmacWithSHA1",
              [ed25519, pkcs8(["-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1"] + pw)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ssh-ed25519", 256, passphrase: passphrase),
        .init("Ed25519 PBES2 AES-256-CBC hmacWithSHA224",
              [ed25519, pkcs8(["-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA224"] + pw)],
              .pemPKCS8, ["ENCRYPTED PRIVATE KEY"], "ssh-ed25519", 256, passphrase: passphrase),

        // Public keys.
        .init("RSA-2048 SPKI (ssh-keygen -e -m PKCS8)", [sshKeygen("rsa", 2048), export("PKCS8")],
              .pemSPKI, ["PUBLIC KEY"], "ssh-rsa", 2048),
        .init("RSA-2048 PKCS#1 public (ssh-keygen -e -m PEM)", [sshKeygen("rsa", 2048), export("PEM")],
              .pemPKCS1Public, ["RSA PUBLIC KEY"], "ssh-rsa", 2048),
        .init("RSA-1024 PKCS#1 public (openssl rsa -RSAPublicKey_out)",
              [sshKeygen("rsa", 1024), openssl("rsa", ["-RSAPublicKey_out"])],
              .pemPKCS1Public, ["RSA PUBLIC KEY"], "ssh-rsa", 1024),
        .init("ECDSA P-384 SPKI (ssh-keygen -e -m PKCS8)", [sshKeygen("ecdsa", 384), export("PKCS8")],
              .pemSPKI, ["PUBLIC KEY"], "ecdsa-sha2-nistp384", 384),
        .init("ECDSA P-256 compressed SPKI (openssl ec -conv_form compressed)",
              [sshKeygen("ecdsa", 256), openssl("ec", ["-pubout", "-conv_form", "compressed"])],
              .pemSPKI, ["PUBLIC KEY"], "ecdsa-sha2-nistp256", 256),
        .init("DSA SPKI (openssl pkey -pubout)", [sshKeygen("dsa", 1024), openssl("pkey", ["-pubout"])],
              .pemSPKI, ["PUBLIC KEY"], "ssh-dss", 1024),
        .init("Ed25519 SPKI (openssl pkey -pubout)", [ed25519, openssl("pkey", ["-pubout"])],
              .pemSPKI, ["PUBLIC KEY"], "ssh-ed25519", 256),
    ]

    /// The cases with a private key.
    static var privateKeys: [PEMCase] { all.filter(\.isPrivate) }

    /// One case by the start of its name.
    static func named(_ prefix: String) -> PEMCase {
        guard let found = all.first(where: { $0.name.hasPrefix(prefix) }) else { preconditionFailure("no PEM case \(prefix)") }
        return found
    }

    // MARK: - Running

    /// The generated files: `source` is the plain key the tools made first, `text` the PEM under test.
    struct Generated {
        let directory: TempDirectory
        let source: String
        let path: String
        let text: String
    }

    /// The case's files in a fresh directory. The tools run once per case and process (keys are made at test
    /// time, but RSA-3072 generation is too slow to repeat for every test); each caller gets its own copy.
    func generate() throws -> Generated {
        let directory = try TempDirectory()
        let files = try GeneratedFiles.shared.files(for: self)
        let source = try directory.write("k", files.source)
        let path = files.text.map { _ in directory.path("o") } ?? source
        if let text = files.text { try directory.write("o", text) }
        return Generated(directory: directory, source: source, path: path, text: files.text ?? files.source)
    }

    /// Runs the steps in a scratch directory: the source key's text, and the converted file's when there is one.
    fileprivate func runSteps() throws -> (source: String, text: String?) {
        let directory = try TempDirectory()
        let (k, o) = (directory.path("k"), directory.path("o"))
        for step in steps {
            var arguments = step.dropFirst().map {
                $0.replacingOccurrences(of: "{k.pub}", with: k + ".pub").replacingOccurrences(of: "{k}", with: k)
                    .replacingOccurrences(of: "{o}", with: o)
            }
            var capture: String?
            if let last = arguments.last, last.hasPrefix(">") {
                capture = String(last.dropFirst())
                arguments.removeLast()
            }
            let output = try Oracle.run(step[0], arguments)
            if let capture { try directory.write(URL(fileURLWithPath: capture).lastPathComponent, output) }
        }
        let converted = FileManager.default.fileExists(atPath: o) ? try directory.read("o") : nil
        return (try directory.read("k"), converted)
    }

    /// Read options giving this case's passphrase (or none).
    var options: KeyReadOptions { PEMCase.options(passphrase) }

    static func options(_ passphrase: String?) -> KeyReadOptions {
        guard let passphrase else { return .publicOnly }
        return KeyReadOptions(passphrase: { _ in Array(passphrase.utf8) })
    }
}

/// The texts each case's tools produced, so that every test of a case sees the same key.
private final class GeneratedFiles: @unchecked Sendable {
    static let shared = GeneratedFiles()
    private let lock = NSLock()
    private var byKey: [String: (source: String, text: String?)] = [:]

    /// The case's texts, running its tools the first time.
    func files(for pem: PEMCase) throws -> (source: String, text: String?) {
        // Keyed by the commands too: two cases may share a name but not what they run.
        let key = "\(pem.name) \(pem.steps)"
        if let done = lock.withLock({ byKey[key] }) { return done }
        // Two tests may race here and both run the tools; the first result is kept so later callers agree.
        let made = try pem.runSteps()
        return lock.withLock {
            if let done = byKey[key] { return done }
            byKey[key] = made
            return made
        }
    }
}
