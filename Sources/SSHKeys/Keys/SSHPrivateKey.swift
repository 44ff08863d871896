import BigInt
import Foundation
import Crypto

/// An SSH private key of a type amikey can convert: RSA, DSA, ECDSA P-256/384/521 or Ed25519.
///
/// Its `description` never shows key material, so it is safe to log.
public struct SSHPrivateKey: Sendable, CustomStringConvertible {
    /// The algorithm-specific secret parts.
    enum Backing: Sendable {
        /// RSA with `iqmp` = q⁻¹ mod p (OpenSSH, PPK and PKCS#1 `coefficient` all agree on that).
        case rsa(n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8], iqmp: [UInt8])
        case dsa(p: [UInt8], q: [UInt8], g: [UInt8], y: [UInt8], x: [UInt8])
        case ecdsa(ECCurve, point: [UInt8], scalar: [UInt8])
        /// The 32-byte seed (OpenSSH's sk[0..<32], PPK's private blob, RFC 8410's CurvePrivateKey).
        case ed25519(seed: [UInt8], publicKey: [UInt8])
    }

    let backing: Backing
    /// The comment stored with the key (empty when the format keeps none).
    public var comment: String

    init(_ backing: Backing, comment: String) {
        self.backing = backing
        self.comment = comment
    }

    /// The matching public key.
    public var publicKey: SSHPublicKey {
        switch backing {
        case .rsa(let n, let e, _, _, _, _):
            SSHPublicKey(algorithm: "ssh-rsa", backing: .rsa(exponent: e, modulus: n))
        case .dsa(let p, let q, let g, let y, _):
            SSHPublicKey(algorithm: "ssh-dss", backing: .dsa(p: p, q: q, g: g, y: y))
        case .ecdsa(let curve, let point, _):
            SSHPublicKey(algorithm: curve.algorithm, backing: .ecdsa(curve, point: point))
        case .ed25519(_, let publicKey):
            SSHPublicKey(algorithm: "ssh-ed25519", backing: .ed25519(publicKey))
        }
    }

    /// What EC2 shows for a key pair it created from this key: RSA is the SHA-1 of the PKCS#8 DER
    /// (rebuilt here, so from a PPK it can only be confirmed, never refuted), Ed25519 as when imported.
    public var awsCreatedFingerprint: String? {
        switch backing {
        case .rsa:
            DigestText.colonHex(FingerprintHash.sha1.digest(DERKeyEncoding.pkcs8(self)))
        case .ed25519:
            publicKey.awsImportedFingerprint
        default:
            nil
        }
    }

    /// A redacted summary: type and comment only.
    public var description: String { "SSHPrivateKey(\(publicKey.algorithm), comment: \(comment.debugDescription))" }
}

extension SSHPrivateKey {
    /// Builds an RSA key from its primes and exponents, deriving whatever the source format left out.
    static func rsa(n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8], iqmp: [UInt8]?, comment: String)
        throws(SSHKeyError) -> SSHPrivateKey
    {
        let (bigP, bigQ) = (BigUInt(Data(p)), BigUInt(Data(q)))
        guard bigP > 1, bigQ > 1, bigP * bigQ == BigUInt(Data(n)) else {
            throw SSHKeyError(.inconsistent, "RSA private key: p × q does not equal the modulus")
        }
        let coefficient = iqmp ?? Array(bigQ.inverse(bigP).map { $0.serialize() } ?? Data())
        return SSHPrivateKey(.rsa(n: n, e: e, d: d, p: p, q: q, iqmp: coefficient), comment: comment)
    }

    /// Builds an Ed25519 key from its seed, checking it against a stored public key when there is one.
    static func ed25519(seed: [UInt8], expectedPublicKey: [UInt8]?, comment: String) throws(SSHKeyError) -> SSHPrivateKey {
        guard seed.count == 32, let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .malformed("Ed25519 private key seed is \(seed.count) bytes, not 32")
        }
        let derived = Array(key.publicKey.rawRepresentation)
        if let expectedPublicKey, expectedPublicKey != derived {
            throw SSHKeyError(.inconsistent, "Ed25519 private key does not match its public key")
        }
        return SSHPrivateKey(.ed25519(seed: seed, publicKey: derived), comment: comment)
    }

    /// Builds an ECDSA key from its scalar, deriving (and checking) the public point.
    static func ecdsa(curve: ECCurve, scalar: [UInt8], expectedPoint: [UInt8]?, comment: String) throws(SSHKeyError)
        -> SSHPrivateKey
    {
        var fixed = Array(scalar.drop { $0 == 0 })
        guard fixed.count <= curve.scalarLength else { throw .malformed("ECDSA private scalar too long for \(curve.rawValue)") }
        fixed = [UInt8](repeating: 0, count: curve.scalarLength - fixed.count) + fixed
        let derived: [UInt8]?
        switch curve {
        case .nistp256: derived = (try? P256.Signing.PrivateKey(rawRepresentation: fixed)).map { Array($0.publicKey.x963Representation) }
        case .nistp384: derived = (try? P384.Signing.PrivateKey(rawRepresentation: fixed)).map { Array($0.publicKey.x963Representation) }
        case .nistp521: derived = (try? P521.Signing.PrivateKey(rawRepresentation: fixed)).map { Array($0.publicKey.x963Representation) }
        }
        guard let derived else { throw .malformed("ECDSA private scalar is not valid for \(curve.rawValue)") }
        if let expectedPoint, expectedPoint != derived {
            throw SSHKeyError(.inconsistent, "ECDSA private key does not match its public key")
        }
        return SSHPrivateKey(.ecdsa(curve, point: derived, scalar: fixed), comment: comment)
    }

    /// Builds a DSA key, checking y = gˣ mod p.
    static func dsa(p: [UInt8], q: [UInt8], g: [UInt8], y: [UInt8]?, x: [UInt8], comment: String) throws(SSHKeyError)
        -> SSHPrivateKey
    {
        let modulus = BigUInt(Data(p))
        guard modulus > 1 else { throw .malformed("DSA key with an invalid modulus") }
        let derived = Array(BigUInt(Data(g)).power(BigUInt(Data(x)), modulus: modulus).serialize())
        if let y, Array(y.drop { $0 == 0 }) != derived {
            throw SSHKeyError(.inconsistent, "DSA private key does not match its public key")
        }
        return SSHPrivateKey(.dsa(p: p, q: q, g: g, y: derived, x: x), comment: comment)
    }
}
