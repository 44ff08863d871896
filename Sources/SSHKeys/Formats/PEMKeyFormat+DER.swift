import BigInt
import Crypto
import Foundation

/// The DER structures inside PEM key blocks, each parsed into an SSH key and checked for consistency.
extension PEMKeyFormat {
    /// The key algorithm an AlgorithmIdentifier names, with the parameters SSH keys need.
    enum KeyAlgorithm {
        case rsa
        case ec(ECCurve)
        case ed25519
        case dsa(p: [UInt8], q: [UInt8], g: [UInt8])
    }

    /// Algorithms a PEM file can hold that have no SSH key type, named so the error says what the file is.
    private static let knownUnsupportedAlgorithms: [[UInt8]: String] = [
        [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A]: "RSASSA-PSS",
        [0x2B, 0x65, 0x6E]: "X25519",
        [0x2B, 0x65, 0x6F]: "X448",
        [0x2B, 0x65, 0x71]: "Ed448",
        [0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D]: "SM2",
    ]

    /// Reads an AlgorithmIdentifier (RFC 5280 §4.1.1.2) naming a key type.
    static func readKeyAlgorithm(_ reader: inout DERReader) throws(SSHKeyError) -> KeyAlgorithm {
        var algorithm = try reader.readConstructed("SEQUENCE AlgorithmIdentifier",
                                                   context: "\(reader.context) AlgorithmIdentifier")
        let oid = try algorithm.readOID("algorithm")
        switch oid {
        case DERKeyEncoding.rsaEncryptionOID:
            // RFC 3279 §2.3.1: parameters MUST be NULL; some writers omit them, which OpenSSL also accepts.
            if !algorithm.isAtEnd { try algorithm.readNull("parameters") }
            try algorithm.expectEnd()
            return .rsa
        case DERKeyEncoding.ecPublicKeyOID:
            // RFC 5480 §2.1.1: ECParameters is a CHOICE; only namedCurve is used by SSH keys.
            let curve = try readNamedCurve(&algorithm)
            try algorithm.expectEnd()
            return .ec(curve)
        case DERKeyEncoding.ed25519OID:
            // RFC 8410 §3: the parameters MUST be absent.
            try algorithm.expectEnd()
            return .ed25519
        case DERKeyEncoding.dsaOID:
            // RFC 3279 §2.3.2: Dss-Parms ::= SEQUENCE { p, q, g }.
            var parameters = try algorithm.readConstructed("SEQUENCE Dss-Parms", context: "DSA Dss-Parms")
            let p = try parameters.readUnsignedInteger("p")
            let q = try parameters.readUnsignedInteger("q")
            let g = try parameters.readUnsignedInteger("g")
            try parameters.expectEnd()
            try algorithm.expectEnd()
            try checkDSADomain(p: p, q: q, g: g)
            return .dsa(p: p, q: q, g: g)
        default:
            let dotted = DERReader.dotted(oid: oid)
            if let name = knownUnsupportedAlgorithms[oid] {
                throw .unsupported("\(name) keys (\(dotted)) have no SSH key type amikey reads")
            }
            throw .unsupported("key algorithm \(dotted) is not RSA, EC, Ed25519 or DSA")
        }
    }

    /// Reads a namedCurve OID (RFC 5480 §2.1.1.1), refusing explicit curve parameters as OpenSSH does.
    static func readNamedCurve(_ reader: inout DERReader) throws(SSHKeyError) -> ECCurve {
        if reader.nextTag == DERReader.Tag.sequence {
            throw .unsupported("\(reader.context): explicit EC curve parameters are not supported, only named curves")
        }
        let oid = try reader.readOID("namedCurve")
        guard let curve = ECCurve(oidContent: oid) else {
            throw .unsupported("EC curve \(DERReader.dotted(oid: oid)) is not P-256, P-384 or P-521, the curves SSH uses")
        }
        return curve
    }

    /// An `EC PARAMETERS` block's named curve (RFC 5480 §2.1.1), used when a SEC1 key omits its own.
    static func ecParametersCurve(_ der: [UInt8]) throws(SSHKeyError) -> ECCurve {
        var reader = DERReader(der, context: "EC PARAMETERS")
        let curve = try readNamedCurve(&reader)
        try reader.expectEnd()
        return curve
    }

    // MARK: - Public keys

    /// SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): `PUBLIC KEY` blocks.
    static func subjectPublicKeyInfo(_ der: [UInt8]) throws(SSHKeyError) -> SSHPublicKey {
        var outer = DERReader(der, context: "SubjectPublicKeyInfo")
        var info = try outer.readConstructed("SEQUENCE SubjectPublicKeyInfo")
        try outer.expectEnd()
        let algorithm = try readKeyAlgorithm(&info)
        let bits = try info.readBitString("subjectPublicKey")
        try info.expectEnd()
        return try publicKey(algorithm, bits: bits)
    }

    /// The key in a subjectPublicKey BIT STRING (RFC 3279 §2.3, RFC 5480 §2.2, RFC 8410 §4).
    static func publicKey(_ algorithm: KeyAlgorithm, bits: [UInt8]) throws(SSHKeyError) -> SSHPublicKey {
        switch algorithm {
        case .rsa:
            return try rsaPublicKey(pkcs1: bits)
        case .ec(let curve):
            let point = try ecPoint(bits, curve: curve, field: "EC public key")
            return SSHPublicKey(algorithm: curve.algorithm, backing: .ecdsa(curve, point: point))
        case .ed25519:
            guard bits.count == 32 else { throw .malformed("Ed25519 public key is \(bits.count) bytes, not 32") }
            return SSHPublicKey(algorithm: "ssh-ed25519", backing: .ed25519(bits))
        case .dsa(let p, let q, let g):
            // RFC 3279 §2.3.2: DSAPublicKey ::= INTEGER -- public key, Y
            var reader = DERReader(bits, context: "DSA public key")
            let y = try reader.readUnsignedInteger("y")
            try reader.expectEnd()
            guard !y.isEmpty else { throw .malformed("DSA public key y is zero") }
            return SSHPublicKey(algorithm: "ssh-dss", backing: .dsa(p: p, q: q, g: g, y: y))
        }
    }

    /// RSAPublicKey (RFC 8017 §A.1.1): `RSA PUBLIC KEY` blocks and the inside of an RSA SPKI.
    static func rsaPublicKey(pkcs1 der: [UInt8]) throws(SSHKeyError) -> SSHPublicKey {
        var outer = DERReader(der, context: "PKCS#1 RSAPublicKey")
        var sequence = try outer.readConstructed("SEQUENCE RSAPublicKey")
        try outer.expectEnd()
        let n = try sequence.readUnsignedInteger("modulus")
        let e = try sequence.readUnsignedInteger("publicExponent")
        try sequence.expectEnd()
        guard !n.isEmpty, !e.isEmpty else { throw .malformed("PKCS#1 RSAPublicKey: the modulus or exponent is zero") }
        return SSHPublicKey(algorithm: "ssh-rsa", backing: .rsa(exponent: e, modulus: n))
    }

    /// An uncompressed SEC1 point (SEC 1 §2.3.3) checked to lie on the curve; compressed points are expanded.
    static func ecPoint(_ bytes: [UInt8], curve: ECCurve, field: String) throws(SSHKeyError) -> [UInt8] {
        if bytes.first == 0x04, bytes.count == curve.pointLength, ECPointCheck.isOnCurve(bytes, curve) { return bytes }
        if let first = bytes.first, first == 0x02 || first == 0x03, bytes.count == 1 + curve.scalarLength {
            // SEC 1 §2.3.4: swift-crypto decompresses (and so validates) the point.
            let expanded: Data?
            switch curve {
            case .nistp256: expanded = (try? P256.Signing.PublicKey(compressedRepresentation: bytes))?.x963Representation
            case .nistp384: expanded = (try? P384.Signing.PublicKey(compressedRepresentation: bytes))?.x963Representation
            case .nistp521: expanded = (try? P521.Signing.PublicKey(compressedRepresentation: bytes))?.x963Representation
            }
            if let expanded { return Array(expanded) }
        }
        throw .malformed("\(field) is not a valid \(curve.rawValue) point")
    }

    // MARK: - Private keys

    /// RSAPrivateKey (RFC 8017 §A.1.2): `RSA PRIVATE KEY` blocks and the inside of an RSA PKCS#8.
    static func rsaPrivateKey(pkcs1 der: [UInt8]) throws(SSHKeyError) -> SSHPrivateKey {
        var outer = DERReader(der, context: "PKCS#1 RSAPrivateKey")
        var sequence = try outer.readConstructed("SEQUENCE RSAPrivateKey")
        try outer.expectEnd()
        // RFC 8017 §A.1.2: Version ::= INTEGER { two-prime(0), multi(1) }
        let version = try sequence.readSmallInteger("version")
        guard version == 0 else {
            if version == 1 { throw .unsupported("multi-prime RSA keys (PKCS#1 version 1) have no SSH form") }
            throw .malformed("PKCS#1 RSAPrivateKey: unknown version \(version)")
        }
        let n = try sequence.readUnsignedInteger("modulus")
        let e = try sequence.readUnsignedInteger("publicExponent")
        let d = try sequence.readUnsignedInteger("privateExponent")
        let p = try sequence.readUnsignedInteger("prime1")
        let q = try sequence.readUnsignedInteger("prime2")
        let dP = try sequence.readUnsignedInteger("exponent1")
        let dQ = try sequence.readUnsignedInteger("exponent2")
        let qInv = try sequence.readUnsignedInteger("coefficient")
        // otherPrimeInfos is present only in version 1, refused above.
        try sequence.expectEnd()
        guard !n.isEmpty, !e.isEmpty, !d.isEmpty else {
            throw .malformed("PKCS#1 RSAPrivateKey: the modulus or an exponent is zero")
        }
        let key = try SSHPrivateKey.rsa(n: n, e: e, d: d, p: p, q: q, iqmp: qInv, comment: "")
        try checkRSACRT(e: e, d: d, p: p, q: q, dP: dP, dQ: dQ, qInv: qInv)
        return key
    }

    /// The CRT fields must agree with d, p and q (RFC 8017 §3.2), or writing the key back would silently change it.
    private static func checkRSACRT(e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8], dP: [UInt8], dQ: [UInt8], qInv: [UInt8])
        throws(SSHKeyError)
    {
        let (bigE, bigD, bigP, bigQ) = (BigUInt(Data(e)), BigUInt(Data(d)), BigUInt(Data(p)), BigUInt(Data(q)))
        // The factory has already checked p, q > 1.
        let (pMinus1, qMinus1) = (bigP - 1, bigQ - 1)
        guard (bigE * bigD) % pMinus1 == 1, (bigE * bigD) % qMinus1 == 1 else {
            throw SSHKeyError(.inconsistent, "RSA private key: the private exponent does not invert the public exponent")
        }
        guard BigUInt(Data(dP)) == bigD % pMinus1, BigUInt(Data(dQ)) == bigD % qMinus1 else {
            throw SSHKeyError(.inconsistent, "RSA private key: exponent1/exponent2 are not d mod (p−1) / d mod (q−1)")
        }
        guard (BigUInt(Data(qInv)) * bigQ) % bigP == 1 else {
            throw SSHKeyError(.inconsistent, "RSA private key: the coefficient is not q⁻¹ mod p")
        }
    }

    /// ECPrivateKey (RFC 5915 §3): `EC PRIVATE KEY` blocks and the inside of an EC PKCS#8.
    ///
    /// The curve comes from the key's own `[0]` parameters, else from the PKCS#8 AlgorithmIdentifier,
    /// else from an `EC PARAMETERS` block before it; two that disagree are an error.
    static func ecPrivateKey(sec1 der: [UInt8], algorithmCurve: ECCurve?, parametersCurve: ECCurve? = nil)
        throws(SSHKeyError) -> SSHPrivateKey
    {
        var outer = DERReader(der, context: "SEC1 ECPrivateKey")
        var sequence = try outer.readConstructed("SEQUENCE ECPrivateKey")
        try outer.expectEnd()
        // RFC 5915 §3: version INTEGER { ecPrivkeyVer1(1) }
        let version = try sequence.readSmallInteger("version")
        guard version == 1 else { throw .malformed("SEC1 ECPrivateKey: version is \(version), not 1") }
        let scalar = try sequence.readOctetString("privateKey")
        var ownCurve: ECCurve?
        if sequence.nextTag == DERReader.Tag.contextConstructed(0) {
            var parameters = try sequence.readConstructed(tag: DERReader.Tag.contextConstructed(0), "[0] parameters")
            ownCurve = try readNamedCurve(&parameters)
            try parameters.expectEnd()
        }
        var pointBits: [UInt8]?
        if sequence.nextTag == DERReader.Tag.contextConstructed(1) {
            var publicKey = try sequence.readConstructed(tag: DERReader.Tag.contextConstructed(1), "[1] publicKey")
            pointBits = try publicKey.readBitString("publicKey")
            try publicKey.expectEnd()
        }
        try sequence.expectEnd()
        if let ownCurve, let algorithmCurve, ownCurve != algorithmCurve {
            throw SSHKeyError(.inconsistent,
                              "EC key names \(ownCurve.rawValue) inside but \(algorithmCurve.rawValue) in PKCS#8")
        }
        guard let curve = ownCurve ?? algorithmCurve ?? parametersCurve else {
            throw .malformed("SEC1 ECPrivateKey names no curve (no [0] parameters and no usable EC PARAMETERS block)")
        }
        // RFC 5915 §3: the scalar is ceiling(log2(n)/8) octets; shorter ones are left-padded by the factory.
        guard !scalar.isEmpty, scalar.count <= curve.scalarLength else {
            throw .malformed("SEC1 ECPrivateKey: the private key is \(scalar.count) bytes, not \(curve.scalarLength)")
        }
        var expectedPoint: [UInt8]?
        if let pointBits { expectedPoint = try ecPoint(pointBits, curve: curve, field: "SEC1 ECPrivateKey publicKey") }
        return try SSHPrivateKey.ecdsa(curve: curve, scalar: scalar, expectedPoint: expectedPoint, comment: "")
    }

    /// OpenSSL's traditional DSA private key, SEQUENCE { 0, p, q, g, y, x } (`DSA PRIVATE KEY`).
    static func dsaPrivateKey(_ der: [UInt8]) throws(SSHKeyError) -> SSHPrivateKey {
        var outer = DERReader(der, context: "DSA private key")
        var sequence = try outer.readConstructed("SEQUENCE DSAPrivateKey")
        try outer.expectEnd()
        let version = try sequence.readSmallInteger("version")
        guard version == 0 else { throw .malformed("DSA private key: version is \(version), not 0") }
        let p = try sequence.readUnsignedInteger("p")
        let q = try sequence.readUnsignedInteger("q")
        let g = try sequence.readUnsignedInteger("g")
        let y = try sequence.readUnsignedInteger("y")
        let x = try sequence.readUnsignedInteger("x")
        try sequence.expectEnd()
        try checkDSADomain(p: p, q: q, g: g)
        return try dsaKey(p: p, q: q, g: g, y: y, x: x)
    }

    /// Builds a DSA key once x is known to be a valid exponent (FIPS 186-4 §4.5: 0 < x < q).
    private static func dsaKey(p: [UInt8], q: [UInt8], g: [UInt8], y: [UInt8]?, x: [UInt8]) throws(SSHKeyError)
        -> SSHPrivateKey
    {
        let bigX = BigUInt(Data(x))
        guard bigX > 0, bigX < BigUInt(Data(q)) else {
            throw SSHKeyError(.inconsistent, "DSA private key x is not in 1…q−1")
        }
        return try SSHPrivateKey.dsa(p: p, q: q, g: g, y: y, x: x, comment: "")
    }

    /// DSA domain parameters must have q | p−1 and 1 < g < p (FIPS 186-4 §4.3), so a damaged p or q is caught;
    /// a damaged g or p in a private key also breaks y = gˣ mod p, which the factory checks.
    private static func checkDSADomain(p: [UInt8], q: [UInt8], g: [UInt8]) throws(SSHKeyError) {
        let (bigP, bigQ, bigG) = (BigUInt(Data(p)), BigUInt(Data(q)), BigUInt(Data(g)))
        guard bigP > 3, bigQ > 1, (bigP - 1) % bigQ == 0, bigG > 1, bigG < bigP else {
            throw SSHKeyError(.inconsistent, "DSA domain parameters p, q, g do not form a valid group")
        }
    }

    /// PrivateKeyInfo / OneAsymmetricKey (RFC 5208 §5, RFC 5958 §2): `PRIVATE KEY` blocks and decrypted PKCS#8.
    static func pkcs8PrivateKey(_ der: [UInt8]) throws(SSHKeyError) -> SSHPrivateKey {
        var outer = DERReader(der, context: "PKCS#8 PrivateKeyInfo")
        var info = try outer.readConstructed("SEQUENCE PrivateKeyInfo")
        try outer.expectEnd()
        // RFC 5958 §2: Version ::= INTEGER { v1(0), v2(1) }; v2 may carry the public key.
        let version = try info.readSmallInteger("version")
        guard version <= 1 else { throw .unsupported("PKCS#8 version \(version) is not 0 or 1 (RFC 5958)") }
        let algorithm = try readKeyAlgorithm(&info)
        let privateKey = try info.readOctetString("privateKey")
        // RFC 5958 §2: attributes [0] IMPLICIT SET OF Attribute: nothing SSH needs.
        _ = try info.skipOptional(tag: DERReader.Tag.contextConstructed(0), "[0] attributes")
        var publicBits: [UInt8]?
        if info.nextTag == DERReader.Tag.contextPrimitive(1) {
            // RFC 5958 §2: publicKey [1] IMPLICIT BIT STRING.
            publicBits = try info.readBitString("[1] publicKey", tag: DERReader.Tag.contextPrimitive(1))
        }
        try info.expectEnd()
        // RFC 5958 §2: "If publicKey is present, then version is set to v2 else version is set to v1."
        guard (version == 1) == (publicBits != nil) else {
            throw .malformed("PKCS#8 PrivateKeyInfo: version \(version) \(version == 1 ? "without" : "with") a [1] publicKey")
        }
        let key: SSHPrivateKey
        switch algorithm {
        case .rsa:
            key = try rsaPrivateKey(pkcs1: privateKey)
        case .ec(let curve):
            key = try ecPrivateKey(sec1: privateKey, algorithmCurve: curve)
        case .ed25519:
            // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, itself inside the privateKey OCTET STRING.
            var inner = DERReader(privateKey, context: "Ed25519 CurvePrivateKey")
            let seed = try inner.readOctetString("CurvePrivateKey")
            try inner.expectEnd()
            if let publicBits, publicBits.count != 32 {
                throw .malformed("PKCS#8 Ed25519 public key is \(publicBits.count) bytes, not 32")
            }
            return try SSHPrivateKey.ed25519(seed: seed, expectedPublicKey: publicBits, comment: "")
        case .dsa(let p, let q, let g):
            // The DSA private key in PKCS#8 is a bare INTEGER x (as OpenSSL writes it; cf. RFC 3279 §2.3.2 for y).
            var inner = DERReader(privateKey, context: "PKCS#8 DSA private key")
            let x = try inner.readUnsignedInteger("x")
            try inner.expectEnd()
            var y: [UInt8]?
            if let publicBits, case .dsa(_, _, _, let storedY) = try publicKey(algorithm, bits: publicBits).backing {
                y = storedY
            }
            return try dsaKey(p: p, q: q, g: g, y: y, x: x)
        }
        if let publicBits, try publicKey(algorithm, bits: publicBits).wireRepresentation != key.publicKey.wireRepresentation {
            throw SSHKeyError(.inconsistent, "PKCS#8 private key does not match the public key stored with it")
        }
        return key
    }
}
