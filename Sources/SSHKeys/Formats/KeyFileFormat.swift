/// The file formats amikey reads; the raw values are the JSON `format` field.
public enum KeyFileFormat: String, Sendable, Hashable, CaseIterable {
    /// A `.pub` line: `type base64 [comment]`.
    case opensshPublic = "openssh-public"
    /// An `authorized_keys` file (several lines, options allowed).
    case authorizedKeys = "authorized-keys"
    /// RFC 4716 `---- BEGIN SSH2 PUBLIC KEY ----`.
    case rfc4716
    /// `-----BEGIN OPENSSH PRIVATE KEY-----` (openssh-key-v1).
    case opensshPrivate = "openssh-private"
    /// `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1).
    case pemPKCS1 = "pem-pkcs1"
    /// `-----BEGIN PRIVATE KEY-----` / `ENCRYPTED PRIVATE KEY` (PKCS#8).
    case pemPKCS8 = "pem-pkcs8"
    /// `-----BEGIN EC PRIVATE KEY-----` (SEC1).
    case pemSEC1 = "pem-sec1"
    /// `-----BEGIN DSA PRIVATE KEY-----` (OpenSSL traditional DSA).
    case pemDSA = "pem-dsa"
    /// `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo).
    case pemSPKI = "pem-spki"
    /// `-----BEGIN RSA PUBLIC KEY-----` (PKCS#1 RSAPublicKey).
    case pemPKCS1Public = "pem-pkcs1-public"
    /// PuTTY-User-Key-File-2.
    case ppkV2 = "ppk-v2"
    /// PuTTY-User-Key-File-3.
    case ppkV3 = "ppk-v3"

    /// Whether files of this format can hold a private key.
    public var holdsPrivateKey: Bool {
        switch self {
        case .opensshPublic, .authorizedKeys, .rfc4716, .pemSPKI, .pemPKCS1Public: false
        default: true
        }
    }
}
