/// PuTTY private key files (`.ppk`), format versions 2 and 3.
///
/// The authority is PuTTY's manual, Appendix C "PPK file format" (`doc/pubkeyfmt.but`), checked
/// against `sshpubk.c` (`ppk_load_s`, `ppk_save_sb`) where the two disagree: the Ed25519 private
/// key and the padding are what the code writes, not what the appendix says.
///
/// The public key and the comment are stored in clear, so they are always read; the private part
/// is opened when it is not encrypted, or when the caller asks for it and supplies a passphrase.
///
/// ## Usage
/// ```swift
/// let entry = try PPKFormat.read(text, options: KeyReadOptions(passphrase: { _ in pass }, decryptPrivateKeys: true))
/// let v2 = try PPKFormat.write(entry.privateKey!, version: 2, passphrase: pass)
/// ```
enum PPKFormat {
    /// Argon2 settings of a version 3 encrypted file (Appendix C §C.4 "Key derivation").
    struct Argon2Parameters: Sendable, Hashable {
        /// Argon2d, Argon2i or Argon2id (the `Key-Derivation` header).
        var variant: Argon2.Variant
        /// Memory in KiB (`Argon2-Memory`).
        var memoryKiB: Int
        /// Number of passes (`Argon2-Passes`).
        var passes: Int
        /// Number of lanes (`Argon2-Parallelism`).
        var parallelism: Int

        /// PuTTYgen's defaults, with the pass count fixed: PuTTY tunes passes to about 100 ms, which
        /// lands near 8 on a current desktop, and a fixed count keeps the output reproducible.
        static let puttyDefault = Argon2Parameters(variant: .id, memoryKiB: 8192, passes: 8, parallelism: 1)
    }

    /// Largest `Argon2-Memory` accepted from a file: 4 GiB, so a hostile file cannot make us allocate more.
    static let maximumArgon2MemoryKiB = 4 * 1024 * 1024
    /// Largest `Argon2-Passes` accepted from a file; PuTTY's own tuning gives a few dozen at most.
    static let maximumArgon2Passes = 1000

    /// Reads a PPK file; the private part is opened as described on the type.
    ///
    /// `commentBytes` are the `Comment:` value as stored, for a file that is not UTF-8 (a Japanese PuTTYgen writes
    /// the comment in CP932): the MAC covers those bytes, not the decoded text.
    static func read(_ text: String, options: KeyReadOptions, commentBytes: [UInt8]? = nil) throws(SSHKeyError)
        -> KeyFileEntry
    {
        let file = try PPKFile(text, commentBytes: commentBytes)
        let publicKey: SSHPublicKey
        do {
            publicKey = try SSHPublicKey(wireRepresentation: file.publicBlob)
        } catch {
            throw SSHKeyError(error.code, "PuTTY key's public part: \(error.message)")
        }
        // PuTTY itself takes the algorithm from the header and never looks at the blob's own name.
        guard publicKey.algorithm == file.algorithm else {
            throw SSHKeyError(.inconsistent,
                              "PuTTY key header says \(file.algorithm) but its public key is \(publicKey.algorithm)")
        }
        var entry = KeyFileEntry(format: file.version == 2 ? .ppkV2 : .ppkV3, publicKey: publicKey,
                                 comment: file.comment, isEncrypted: file.isEncrypted)
        let passphrase: [UInt8]
        if file.isEncrypted {
            guard options.decryptPrivateKeys else { return entry }
            let description = "ppk-v\(file.version) key \(file.comment.debugDescription)"
            guard let given = options.passphrase?(description) else {
                entry.notes.append("the private key is encrypted and no passphrase was given: only the public part was read")
                return entry
            }
            passphrase = given
        } else {
            passphrase = []
        }

        let plaintext = try file.openPrivateBlob(passphrase: passphrase)
        guard let privateKey = try privateKey(plaintext, publicKey: publicKey, comment: file.comment) else {
            entry.notes.append("amikey reads only the public part of \(file.algorithm) PuTTY keys")
            return entry
        }
        entry.privateKey = privateKey
        return entry
    }

    /// Decodes the private blob for the key types amikey converts (Appendix C §C.3); nil for the others.
    ///
    /// Bytes after the fields are the encryption padding and are ignored, as PuTTY does.
    static func privateKey(_ plaintext: [UInt8], publicKey: SSHPublicKey, comment: String) throws(SSHKeyError)
        -> SSHPrivateKey?
    {
        var reader = SSHWireReader(plaintext)
        switch publicKey.backing {
        case .rsa(let e, let n):
            // §C.3.1: mpint d, mpint p, mpint q, mpint iqmp (q⁻¹ mod p).
            let d = try reader.readMPInt(field: "RSA private exponent")
            let p = try reader.readMPInt(field: "RSA prime p")
            let q = try reader.readMPInt(field: "RSA prime q")
            let iqmp = try reader.readMPInt(field: "RSA coefficient iqmp")
            return try .rsa(n: n, e: e, d: d, p: p, q: q, iqmp: iqmp, comment: comment)
        case .dsa(let p, let q, let g, let y):
            // §C.3.2: mpint x.
            let x = try reader.readMPInt(field: "DSA private key x")
            return try .dsa(p: p, q: q, g: g, y: y, x: x, comment: comment)
        case .ecdsa(let curve, let point):
            // §C.3.3: mpint private exponent.
            let scalar = try reader.readMPInt(field: "ECDSA private scalar")
            return try .ecdsa(curve: curve, scalar: scalar, expectedPoint: point, comment: comment)
        case .ed25519(let key):
            let seed = try ed25519Seed(reader.readString(field: "Ed25519 private key"))
            return try .ed25519(seed: seed, expectedPublicKey: key, comment: comment)
        default:
            return nil
        }
    }

    /// The 32-byte seed from PPK's little-endian private integer.
    ///
    /// §C.3.4 calls it an mpint, but `ecc-ssh.c` writes a fixed 32-byte little-endian string
    /// (`put_mp_le_fixedlen`) and reads any length (`get_mp_le`), so a shorter string from another
    /// writer is zero-extended and a longer one must only add zero high bytes.
    private static func ed25519Seed(_ raw: [UInt8]) throws(SSHKeyError) -> [UInt8] {
        if raw.count <= 32 { return raw + [UInt8](repeating: 0, count: 32 - raw.count) }
        guard raw[32...].allSatisfy({ $0 == 0 }) else {
            throw .malformed("Ed25519 private key is \(raw.count) bytes, more than 32")
        }
        return Array(raw[..<32])
    }
}

/// The outer, text layer of a PPK file (Appendix C §C.2 "Outer layer"), before any key is opened.
struct PPKFile {
    /// 2 or 3.
    var version: Int
    /// The `PuTTY-User-Key-File-N:` value, e.g. `ssh-ed25519`.
    var algorithm: String
    /// `none` or `aes256-cbc`, exactly as written (it is part of the MAC input).
    var encryption: String
    /// The `Comment:` value, decoded for display.
    var comment: String
    /// The `Comment:` value's bytes exactly as stored: MAC input (§C.2).
    var commentBytes: [UInt8]
    /// The decoded `Public-Lines` blob.
    var publicBlob: [UInt8]
    /// Version 3 encrypted files only: the KDF settings and salt.
    var argon2: (parameters: PPKFormat.Argon2Parameters, salt: [UInt8])?
    /// The decoded `Private-Lines` blob, still encrypted when `isEncrypted`.
    var privateBlob: [UInt8]
    /// The `Private-MAC` value.
    var mac: [UInt8]

    /// Whether the private blob is encrypted.
    var isEncrypted: Bool { encryption == "aes256-cbc" }

    /// Parses the headers in the fixed order PuTTY's loader demands (`ppk_load_s` reads them in sequence).
    ///
    /// `commentBytes` overrides the comment's UTF-8 bytes when the file was decoded from another encoding.
    init(_ text: String, commentBytes: [UInt8]? = nil) throws(SSHKeyError) {
        var lines = PPKLines(TextLines.split(text))
        let (name, algorithm) = try lines.firstHeader()
        version = try Self.version(name)
        self.algorithm = algorithm
        encryption = try lines.header("Encryption")
        guard encryption == "none" || encryption == "aes256-cbc" else {
            throw .unsupported("PuTTY key encrypted with \(encryption.debugDescription); only aes256-cbc exists in PuTTY")
        }
        comment = try lines.header("Comment")
        self.commentBytes = commentBytes ?? Array(comment.utf8)
        publicBlob = try lines.base64Blob("Public-Lines")
        argon2 = nil
        if version == 3 && encryption != "none" {
            argon2 = try Self.argon2Headers(&lines)
        }
        privateBlob = try lines.base64Blob("Private-Lines")
        let macHex = try lines.header("Private-MAC").trimmingTrailingWhitespace()
        // §C.2: HMAC-SHA-256 in v3 (64 hex digits), HMAC-SHA-1 in v2 (§C.5.1, 40 hex digits).
        let macLength = version == 3 ? 32 : 20
        guard let mac = Hex.decode(macHex), mac.count == macLength else {
            throw SSHKeyError(.malformed, "Private-MAC must be \(macLength * 2) hex digits", line: lines.index)
        }
        self.mac = mac
    }

    /// The format version from the first header's name.
    private static func version(_ name: String) throws(SSHKeyError) -> Int {
        let prefix = "PuTTY-User-Key-File-"
        let digits = name.utf8.dropFirst(prefix.utf8.count)
        guard name.hasPrefix(prefix), !digits.isEmpty, digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw SSHKeyError(.malformed, "not a PuTTY key file: the first line is not PuTTY-User-Key-File-N", line: 1)
        }
        // A number too long for Int is still a version from the future.
        let number = String(decoding: digits, as: UTF8.self)
        let version = Int(number) ?? Int.max
        switch version {
        case 2, 3:
            return version
        case 1:
            // §C.5.2: version 1 came only from development snapshots before 0.52, with a weaker MAC.
            throw .unsupported("PPK version 1 is a PuTTY 0.52-era key: convert it with a current PuTTYgen")
        case 4...:
            throw .unsupported("PPK version \(number) was made by a newer PuTTY than amikey knows (it reads versions 2 and 3)")
        default:
            throw SSHKeyError(.malformed, "PPK version \(number) never existed", line: 1)
        }
    }

    /// The five `Key-Derivation` / `Argon2-*` headers of an encrypted v3 file (§C.2), checked for form only:
    /// the limits are applied when the key is derived, so the public part stays readable.
    private static func argon2Headers(_ lines: inout PPKLines) throws(SSHKeyError)
        -> (parameters: PPKFormat.Argon2Parameters, salt: [UInt8])
    {
        let flavour = try lines.header("Key-Derivation")
        let variant: Argon2.Variant
        switch flavour {
        case "Argon2id": variant = .id
        case "Argon2i": variant = .i
        case "Argon2d": variant = .d
        default: throw .unsupported("PuTTY key derivation \(flavour.debugDescription) (PuTTY knows Argon2id, Argon2i, Argon2d)")
        }
        let memory = try lines.number("Argon2-Memory")
        let passes = try lines.number("Argon2-Passes")
        let parallelism = try lines.number("Argon2-Parallelism")
        let saltHex = try lines.header("Argon2-Salt").trimmingTrailingWhitespace()
        guard let salt = Hex.decode(saltHex) else {
            throw SSHKeyError(.malformed, "Argon2-Salt is not hex", line: lines.index)
        }
        return (.init(variant: variant, memoryKiB: memory, passes: passes, parallelism: parallelism), salt)
    }
}

/// A cursor over a PPK file's lines, reading `Name: value` headers in a set order.
private struct PPKLines {
    private let lines: [Substring]
    /// Lines consumed so far, which is also the 1-based number of the last one read.
    private(set) var index = 0

    /// Starts before the first line.
    init(_ lines: [Substring]) { self.lines = lines }

    /// The `PuTTY-User-Key-File-N: algorithm` line, whose header name varies.
    mutating func firstHeader() throws(SSHKeyError) -> (name: String, value: String) {
        guard let line = lines.first, let colon = line.firstIndex(of: ":") else {
            throw SSHKeyError(.malformed, "not a PuTTY key file: no header on the first line", line: 1)
        }
        index = 1
        let name = String(line[..<colon])
        return (name, try value(after: line.index(after: colon), in: line, header: name))
    }

    /// The value of the next line, which must be header `name`.
    ///
    /// The value is kept byte for byte: the algorithm, encryption and comment are MAC input.
    mutating func header(_ name: String) throws(SSHKeyError) -> String {
        guard index < lines.count else { throw .truncated("the PuTTY key ends before its \(name) header") }
        let line = lines[index]
        index += 1
        let prefix = name + ":"
        guard line.utf8.starts(with: prefix.utf8) else {
            let found = line.prefix { $0 != ":" }.prefix(40)
            throw SSHKeyError(.malformed, "expected the \(name) header, found \(String(found).debugDescription)", line: index)
        }
        return try value(after: line.utf8.index(line.startIndex, offsetBy: prefix.utf8.count), in: line, header: name)
    }

    /// Everything after `Name:` and one space; the space may be missing only when the value is empty
    /// (an editor that strips trailing blanks leaves `Comment:` for an empty comment).
    private func value(after start: Substring.Index, in line: Substring, header: String) throws(SSHKeyError) -> String {
        let rest = line.utf8[start...]
        guard let first = rest.first else { return "" }
        guard first == UInt8(ascii: " ") else {
            throw SSHKeyError(.malformed, "\(header) header has no space after the colon", line: index)
        }
        return String(decoding: rest.dropFirst(), as: UTF8.self)
    }

    /// A header holding a decimal number that fits in 32 bits, as PuTTY's `str_to_uint32_t` requires.
    mutating func number(_ name: String) throws(SSHKeyError) -> Int {
        let text = try header(name).trimmingTrailingWhitespace()
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = UInt32(text) else {
            throw SSHKeyError(.malformed, "\(name) is not a number below 2³²: \(text.prefix(20).debugDescription)", line: index)
        }
        return Int(value)
    }

    /// A `Public-Lines` / `Private-Lines` header and the base64 lines it counts.
    mutating func base64Blob(_ name: String) throws(SSHKeyError) -> [UInt8] {
        let count = try number(name)
        let headerLine = index
        guard count <= lines.count - index else {
            throw SSHKeyError(.truncated, "\(name) announces \(count) lines but only \(lines.count - index) follow",
                              line: headerLine)
        }
        let body = lines[index..<index + count].joined()
        index += count
        // PuTTY wraps at 64 characters; joining first also accepts other widths.
        guard let blob = Base64.decode(body, ignoringWhitespace: true) else {
            throw SSHKeyError(.malformed, "the \(count) lines after \(name) are not valid base64", line: headerLine)
        }
        return blob
    }
}
