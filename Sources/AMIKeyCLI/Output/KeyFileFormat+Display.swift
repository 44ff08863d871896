import SSHKeys

extension KeyFileFormat {
    /// The format as a user would name it.
    var displayName: String {
        switch self {
        case .opensshPublic: "OpenSSH public key"
        case .authorizedKeys: "authorized_keys line"
        case .rfc4716: "SSH2 (RFC 4716) public key"
        case .opensshPrivate: "OpenSSH private key"
        case .pemPKCS1: "PEM RSA private key (PKCS#1)"
        case .pemPKCS8: "PEM private key (PKCS#8)"
        case .pemSEC1: "PEM EC private key (SEC1)"
        case .pemDSA: "PEM DSA private key"
        case .pemSPKI: "PEM public key (SubjectPublicKeyInfo)"
        case .pemPKCS1Public: "PEM RSA public key (PKCS#1)"
        case .ppkV2: "PuTTY private key (PPK v2)"
        case .ppkV3: "PuTTY private key (PPK v3)"
        }
    }
}
