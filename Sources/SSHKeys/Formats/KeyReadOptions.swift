/// How far to go when reading a key file, and where a passphrase comes from.
public struct KeyReadOptions: Sendable {
    /// Supplies a passphrase for the key described (e.g. `ppk-v3 key "rsa-key-2026"`), or nil when none is available.
    public typealias PassphraseSource = @Sendable (_ keyDescription: String) -> [UInt8]?

    /// Where passphrases come from; nil means encrypted parts stay closed.
    public var passphrase: PassphraseSource?
    /// Also open encrypted private parts whose public key is readable without a passphrase
    /// (OpenSSH, PPK). Encrypted PEM is always opened when a passphrase is available: its public key is inside.
    public var decryptPrivateKeys: Bool

    /// Creates options.
    public init(passphrase: PassphraseSource? = nil, decryptPrivateKeys: Bool = false) {
        self.passphrase = passphrase
        self.decryptPrivateKeys = decryptPrivateKeys
    }

    /// Public parts only, no passphrases.
    public static let publicOnly = KeyReadOptions()

    /// Asks for a passphrase, or fails with `passphrase-required` naming the key.
    func requirePassphrase(for keyDescription: String) throws(SSHKeyError) -> [UInt8] {
        guard let passphrase = passphrase?(keyDescription) else {
            throw SSHKeyError(.passphraseRequired,
                              "\(keyDescription) is encrypted; give its passphrase with --passphrase-file FILE or AMIKEY_PASSPHRASE")
        }
        return passphrase
    }
}
