import BigInt
import Foundation

/// DER encodings of keys, laid out exactly as OpenSSL writes them so that digests over them match AWS's.
enum DERKeyEncoding {
    /// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 Appendix C).
    static let rsaEncryptionOID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    /// id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1).
    static let ecPublicKeyOID: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    /// id-Ed25519, 1.3.101.112 (RFC 8410 §3).
    static let ed25519OID: [UInt8] = [0x2B, 0x65, 0x70]
    /// id-dsa, 1.2.840.10040.4.1 (RFC 3279 §2.3.2).
    static let dsaOID: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01]

    /// RSAPublicKey (RFC 8017 §A.1.1).
    static func rsaPublicPKCS1(n: [UInt8], e: [UInt8]) -> [UInt8] {
        var der = DERWriter()
        der.writeConstructed { seq in
            seq.writeInteger(n)
            seq.writeInteger(e)
        }
        return der.bytes
    }

    /// SubjectPublicKeyInfo for RSA (RFC 5280 §4.1.2.7, RFC 3279 §2.3.1): the input of AWS's imported-RSA MD5.
    static func rsaSubjectPublicKeyInfo(n: [UInt8], e: [UInt8]) -> [UInt8] {
        var der = DERWriter()
        der.writeConstructed { spki in
            spki.writeConstructed { algorithm in
                algorithm.writeOID(rsaEncryptionOID)
                algorithm.writeNull()
            }
            spki.writeBitString(rsaPublicPKCS1(n: n, e: e))
        }
        return der.bytes
    }

    /// SubjectPublicKeyInfo for any key that has one (RFC 5480 §2 for EC, RFC 8410 §4 for Ed25519).
    static func subjectPublicKeyInfo(_ key: SSHPublicKey) -> [UInt8]? {
        var der = DERWriter()
        switch key.plainKey.backing {
        case .rsa(let e, let n):
            return rsaSubjectPublicKeyInfo(n: n, e: e)
        case .ecdsa(let curve, let point):
            der.writeConstructed { spki in
                spki.writeConstructed { algorithm in
                    algorithm.writeOID(ecPublicKeyOID)
                    algorithm.writeOID(curve.oidContent)
                }
                spki.writeBitString(point)
            }
        case .ed25519(let raw):
            der.writeConstructed { spki in
                spki.writeConstructed { $0.writeOID(ed25519OID) }
                spki.writeBitString(raw)
            }
        default:
            return nil
        }
        return der.bytes
    }

    /// RSAPrivateKey (RFC 8017 §A.1.2), with dP and dQ derived as OpenSSL does.
    static func rsaPrivatePKCS1(n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8], iqmp: [UInt8]) -> [UInt8] {
        let bigD = BigUInt(Data(d))
        let dP = Array((bigD % (BigUInt(Data(p)) - 1)).serialize())
        let dQ = Array((bigD % (BigUInt(Data(q)) - 1)).serialize())
        var der = DERWriter()
        der.writeConstructed { seq in
            seq.writeInteger(0)
            for value in [n, e, d, p, q, dP, dQ, iqmp] { seq.writeInteger(value) }
        }
        return der.bytes
    }

    /// ECPrivateKey (RFC 5915 §3) with the curve and public point, as OpenSSL writes `EC PRIVATE KEY`.
    static func sec1(curve: ECCurve, scalar: [UInt8], point: [UInt8], includeParameters: Bool = true) -> [UInt8] {
        var der = DERWriter()
        der.writeConstructed { seq in
            seq.writeInteger(1)
            seq.writeOctetString(scalar)
            if includeParameters { seq.writeConstructed(tag: 0xA0) { $0.writeOID(curve.oidContent) } }
            seq.writeConstructed(tag: 0xA1) { $0.writeBitString(point) }
        }
        return der.bytes
    }

    /// DSA private key as OpenSSL's traditional `DSA PRIVATE KEY`: SEQUENCE {0, p, q, g, y, x}.
    static func dsaPrivate(p: [UInt8], q: [UInt8], g: [UInt8], y: [UInt8], x: [UInt8]) -> [UInt8] {
        var der = DERWriter()
        der.writeConstructed { seq in
            seq.writeInteger(0)
            for value in [p, q, g, y, x] { seq.writeInteger(value) }
        }
        return der.bytes
    }

    /// The traditional (PKCS#1 / SEC1 / DSA) DER and its PEM label.
    static func traditional(_ key: SSHPrivateKey) -> (label: String, der: [UInt8])? {
        switch key.backing {
        case .rsa(let n, let e, let d, let p, let q, let iqmp):
            ("RSA PRIVATE KEY", rsaPrivatePKCS1(n: n, e: e, d: d, p: p, q: q, iqmp: iqmp))
        case .ecdsa(let curve, let point, let scalar):
            ("EC PRIVATE KEY", sec1(curve: curve, scalar: scalar, point: point))
        case .dsa(let p, let q, let g, let y, let x):
            ("DSA PRIVATE KEY", dsaPrivate(p: p, q: q, g: g, y: y, x: x))
        case .ed25519:
            nil
        }
    }

    /// PrivateKeyInfo (RFC 5208 §5 / RFC 5958 v1), as `openssl pkcs8 -topk8 -nocrypt` writes it.
    static func pkcs8(_ key: SSHPrivateKey) -> [UInt8] {
        var der = DERWriter()
        der.writeConstructed { info in
            info.writeInteger(0)
            switch key.backing {
            case .rsa(let n, let e, let d, let p, let q, let iqmp):
                info.writeConstructed { $0.writeOID(rsaEncryptionOID); $0.writeNull() }
                info.writeOctetString(rsaPrivatePKCS1(n: n, e: e, d: d, p: p, q: q, iqmp: iqmp))
            case .ecdsa(let curve, let point, let scalar):
                info.writeConstructed { $0.writeOID(ecPublicKeyOID); $0.writeOID(curve.oidContent) }
                info.writeOctetString(sec1(curve: curve, scalar: scalar, point: point, includeParameters: false))
            case .ed25519(let seed, _):
                info.writeConstructed { $0.writeOID(ed25519OID) }
                var inner = DERWriter()
                inner.writeOctetString(seed)  // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING
                info.writeOctetString(inner.bytes)
            case .dsa(let p, let q, let g, _, let x):
                info.writeConstructed { algorithm in
                    algorithm.writeOID(dsaOID)
                    algorithm.writeConstructed { for value in [p, q, g] { $0.writeInteger(value) } }
                }
                var inner = DERWriter()
                inner.writeInteger(x)
                info.writeOctetString(inner.bytes)
            }
        }
        return der.bytes
    }
}
