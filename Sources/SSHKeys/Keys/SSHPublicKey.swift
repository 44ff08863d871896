import Crypto

/// An SSH public key, of any algorithm, held as its RFC 4253 §6.6 wire blob.
///
/// Every fingerprint is a digest of the wire blob (or, for certificates, of the plain key inside),
/// so the blob is the key's identity; the parsed components serve sizes and DER encodings.
///
/// ## Usage
/// ```swift
/// let key = try SSHPublicKey(openSSHRepresentation: "ssh-ed25519 AAAAC3Nza… me@host")
/// print(key.bits, key.fingerprint(.sha256).display)   // 256 SHA256:…
/// ```
public struct SSHPublicKey: Sendable, Hashable {
    /// The algorithm name inside the blob, such as `ssh-rsa` or `ssh-ed25519-cert-v01@openssh.com`.
    public let algorithm: String
    /// The exact wire blob (base64-decoded field 2 of a `.pub` line).
    public let wireRepresentation: [UInt8]
    let backing: Backing

    /// The algorithm-specific contents of a public key.
    indirect enum Backing: Sendable, Hashable {
        case rsa(exponent: [UInt8], modulus: [UInt8])
        case dsa(p: [UInt8], q: [UInt8], g: [UInt8], y: [UInt8])
        case ecdsa(ECCurve, point: [UInt8])
        case ed25519([UInt8])
        case securityKeyECDSA(point: [UInt8], application: String)
        case securityKeyEd25519([UInt8], application: String)
        case certificate(SSHCertificate)
        case unknown
    }

    /// Parses a wire blob; unknown algorithms are kept (and still fingerprinted), never rejected.
    public init(wireRepresentation blob: [UInt8]) throws(SSHKeyError) {
        var reader = SSHWireReader(blob)
        let algorithm = try reader.readUTF8(field: "key type")
        if algorithm.hasSuffix(SSHCertificate.suffix) {
            backing = .certificate(try SSHCertificate(algorithm: algorithm, reader: &reader))
        } else {
            backing = try Self.readFields(algorithm: algorithm, reader: &reader)
        }
        if case .unknown = backing {} else { try reader.expectEnd("the \(algorithm) key") }
        self.algorithm = algorithm
        self.wireRepresentation = blob
    }

    init(algorithm: String, backing: Backing) {
        var writer = SSHWireWriter()
        writer.writeString(algorithm)
        Self.writeFields(backing, into: &writer)
        self.algorithm = algorithm
        self.wireRepresentation = writer.bytes
        self.backing = backing
    }

    /// The key without its certificate wrapper; fingerprints are taken over this, as OpenSSH and PuTTY do.
    public var plainKey: SSHPublicKey {
        if case .certificate(let certificate) = backing { return certificate.plainKey }
        return self
    }

    /// The certificate details, when this key is an OpenSSH certificate.
    public var certificate: SSHCertificate? {
        if case .certificate(let certificate) = backing { return certificate }
        return nil
    }

    /// The size `ssh-keygen -l` reports (Ed25519 256), or nil for algorithms amikey does not know.
    public var bits: Int? {
        switch backing {
        case .rsa(_, let modulus): BitCount.of(modulus)
        case .dsa(let p, _, _, _): BitCount.of(p)
        case .ecdsa(let curve, _): curve.bits
        case .ed25519, .securityKeyEd25519, .securityKeyECDSA: 256
        case .certificate(let certificate): certificate.plainKey.bits
        case .unknown: nil
        }
    }

    /// The short name OpenSSH prints in logs and `ssh-keygen -l`: `RSA`, `ED25519`, `ECDSA-SK-CERT`, …
    public var shortTypeName: String {
        let base: String
        switch plainKey.backing {
        case .rsa: base = "RSA"
        case .dsa: base = "DSA"
        case .ecdsa: base = "ECDSA"
        case .ed25519: base = "ED25519"
        case .securityKeyECDSA: base = "ECDSA-SK"
        case .securityKeyEd25519: base = "ED25519-SK"
        case .certificate, .unknown: base = plainKey.algorithm.uppercased()
        }
        return certificate == nil ? base : base + "-CERT"
    }

    /// True for key kinds that OpenSSH no longer accepts by default or that are weak: DSA, RSA below 2048 bits.
    public var weaknesses: [String] {
        switch plainKey.backing {
        case .dsa:
            return ["DSA keys are disabled by default since OpenSSH 7.0 and removed in 10.1; use Ed25519 or RSA ≥ 2048 bits"]
        case .rsa(_, let modulus) where BitCount.of(modulus) < 2048:
            return ["RSA key of \(BitCount.of(modulus)) bits: below 2048 bits is weak; sshd refuses below 1024"]
        default:
            return []
        }
    }
}

extension SSHPublicKey {
    /// Reads the algorithm-specific fields that follow the name (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4, PROTOCOL.u2f).
    static func readFields(algorithm: String, reader: inout SSHWireReader) throws(SSHKeyError) -> Backing {
        switch algorithm {
        case "ssh-rsa":
            let e = try reader.readMPInt(field: "RSA exponent")
            let n = try reader.readMPInt(field: "RSA modulus")
            guard !n.isEmpty, !e.isEmpty else { throw .malformed("RSA key with a zero modulus or exponent") }
            return .rsa(exponent: e, modulus: n)
        case "ssh-dss":
            return .dsa(p: try reader.readMPInt(field: "DSA p"), q: try reader.readMPInt(field: "DSA q"),
                        g: try reader.readMPInt(field: "DSA g"), y: try reader.readMPInt(field: "DSA y"))
        case "ssh-ed25519":
            return .ed25519(try readEd25519(&reader))
        case "sk-ssh-ed25519@openssh.com":
            let key = try readEd25519(&reader)
            return .securityKeyEd25519(key, application: try reader.readUTF8(field: "security key application"))
        case "sk-ecdsa-sha2-nistp256@openssh.com":
            let point = try readECPoint(.nistp256, &reader)
            return .securityKeyECDSA(point: point, application: try reader.readUTF8(field: "security key application"))
        default:
            if let curve = ECCurve.allCases.first(where: { $0.algorithm == algorithm }) {
                return .ecdsa(curve, point: try readECPoint(curve, &reader))
            }
            return .unknown
        }
    }

    private static func readEd25519(_ reader: inout SSHWireReader) throws(SSHKeyError) -> [UInt8] {
        let key = try reader.readString(field: "Ed25519 public key")
        guard key.count == 32 else { throw .malformed("Ed25519 public key is \(key.count) bytes, not 32") }
        return key
    }

    private static func readECPoint(_ curve: ECCurve, _ reader: inout SSHWireReader) throws(SSHKeyError) -> [UInt8] {
        let name = try reader.readUTF8(field: "ECDSA curve name")
        guard name == curve.rawValue else {
            throw .malformed("ECDSA key names curve \(name) but its type is for \(curve.rawValue)")
        }
        let point = try reader.readString(field: "ECDSA public point")
        guard point.count == curve.pointLength, point.first == 0x04, ECPointCheck.isOnCurve(point, curve) else {
            throw .malformed("ECDSA public point is not a valid uncompressed \(curve.rawValue) point")
        }
        return point
    }

    static func writeFields(_ backing: Backing, into writer: inout SSHWireWriter) {
        switch backing {
        case .rsa(let e, let n):
            writer.writeMPInt(e)
            writer.writeMPInt(n)
        case .dsa(let p, let q, let g, let y):
            for value in [p, q, g, y] { writer.writeMPInt(value) }
        case .ecdsa(let curve, let point):
            writer.writeString(curve.rawValue)
            writer.writeString(point)
        case .ed25519(let key):
            writer.writeString(key)
        case .securityKeyECDSA(let point, let application):
            writer.writeString(ECCurve.nistp256.rawValue)
            writer.writeString(point)
            writer.writeString(application)
        case .securityKeyEd25519(let key, let application):
            writer.writeString(key)
            writer.writeString(application)
        case .certificate, .unknown:
            preconditionFailure("certificates and unknown keys are only ever parsed, never built")
        }
    }
}

/// Bit lengths of unsigned big-endian magnitudes.
enum BitCount {
    /// The number of significant bits.
    static func of(_ magnitude: [UInt8]) -> Int {
        guard let index = magnitude.firstIndex(where: { $0 != 0 }) else { return 0 }
        return (magnitude.count - index - 1) * 8 + (8 - magnitude[index].leadingZeroBitCount)
    }
}

/// Point validation through swift-crypto, so a corrupted ECDSA key is caught where it is read.
enum ECPointCheck {
    static func isOnCurve(_ point: [UInt8], _ curve: ECCurve) -> Bool {
        switch curve {
        case .nistp256: (try? P256.Signing.PublicKey(x963Representation: point)) != nil
        case .nistp384: (try? P384.Signing.PublicKey(x963Representation: point)) != nil
        case .nistp521: (try? P521.Signing.PublicKey(x963Representation: point)) != nil
        }
    }
}
