/// Something an SSH client said that names a cause of a failed login (reference/ssh-on-ec2.md §6).
public enum SSHSymptom: Sendable, Hashable {
    /// OpenSSH's final refusal, `user@host: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).`: the
    /// methods the server still allowed (the list tells the server's configuration apart, e.g. RHEL's gssapi).
    case permissionDenied(methods: [String])
    /// PuTTY's `Server refused our key` (or `…our public key`): the server does not accept the offered key for the user.
    case serverRefusedKey
    /// PuTTY's `No supported authentication methods available (server sent: publickey)`.
    case noSupportedAuthenticationMethods(serverSent: [String])
    /// PuTTY's `Server refused public-key signature despite accepting key!`: the key is installed but its signature
    /// was refused, as when an old PuTTY signs with ssh-rsa (SHA-1) for an OpenSSH 8.8+ server.
    case puttySignatureRefused
    /// The TCP connection timed out (security group, NACL, route, or a wrong address).
    case connectionTimedOut
    /// The TCP connection was refused (nothing listens: sshd down, or the wrong port).
    case connectionRefused
    /// The host name did not resolve; the name when the message gives it.
    case hostUnresolved(host: String?)
    /// The host key differs from the one the client remembers (`REMOTE HOST IDENTIFICATION HAS CHANGED`, PuTTY's
    /// `POTENTIAL SECURITY BREACH`): expected after a relaunch, not a key refusal.
    case hostKeyChanged
    /// No host-key algorithm in common: `no matching host key type found. Their offer: …` (PuTTY: `Couldn't agree a
    /// host key algorithm (available: …)`), with the server's offer.
    case noMatchingHostKeyType(theirOffer: [String])
    /// The private key file is readable by others and ssh ignored it (`UNPROTECTED PRIVATE KEY FILE!`, `bad permissions`).
    case unprotectedPrivateKeyFile(path: String?)
    /// `Load key "…": invalid format`: not a private key ssh can read (a .ppk, a public key, a damaged file).
    case invalidKeyFormat(path: String?)
    /// `Load key "…": error in libcrypto`: a PEM key OpenSSL could not decode (damaged, or a wrong passphrase's output).
    case libcryptoError(path: String?)
    /// PuTTY's `Unable to use key file "…" (OpenSSH SSH-2 private key (new format))`: PuTTY needs a .ppk.
    case puttyUnusableKeyFile(path: String?, format: String?)
    /// PuTTY's `PuTTY key format too new`: a PPK version 3 file read by PuTTY older than 0.75.
    case puttyKeyFormatTooNew
    /// `no mutual signature supported`: client and server share no signature algorithm for the key (ssh-rsa SHA-1).
    case noMutualSignature
    /// cloud-init's `Please login as the user "X" rather than the user "root".`: the key is installed, for user X.
    case loginAsOtherUser(user: String, insteadOf: String?)
    /// `Too many authentication failures`: the client offered more keys than the server's MaxAuthTries.
    case tooManyAuthenticationFailures

    /// The symptom without its details.
    public var kind: Kind {
        switch self {
        case .permissionDenied: .permissionDenied
        case .serverRefusedKey: .serverRefusedKey
        case .noSupportedAuthenticationMethods: .noSupportedAuthenticationMethods
        case .puttySignatureRefused: .puttySignatureRefused
        case .connectionTimedOut: .connectionTimedOut
        case .connectionRefused: .connectionRefused
        case .hostUnresolved: .hostUnresolved
        case .hostKeyChanged: .hostKeyChanged
        case .noMatchingHostKeyType: .noMatchingHostKeyType
        case .unprotectedPrivateKeyFile: .unprotectedPrivateKeyFile
        case .invalidKeyFormat: .invalidKeyFormat
        case .libcryptoError: .libcryptoError
        case .puttyUnusableKeyFile: .puttyUnusableKeyFile
        case .puttyKeyFormatTooNew: .puttyKeyFormatTooNew
        case .noMutualSignature: .noMutualSignature
        case .loginAsOtherUser: .loginAsOtherUser
        case .tooManyAuthenticationFailures: .tooManyAuthenticationFailures
        }
    }

    /// A symptom's kind, with a stable name for JSON output.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `permissionDenied`.
        case permissionDenied = "permission-denied"
        /// `serverRefusedKey`.
        case serverRefusedKey = "server-refused-key"
        /// `noSupportedAuthenticationMethods`.
        case noSupportedAuthenticationMethods = "no-supported-authentication-methods"
        /// `puttySignatureRefused`.
        case puttySignatureRefused = "putty-signature-refused"
        /// `connectionTimedOut`.
        case connectionTimedOut = "connection-timed-out"
        /// `connectionRefused`.
        case connectionRefused = "connection-refused"
        /// `hostUnresolved`.
        case hostUnresolved = "host-unresolved"
        /// `hostKeyChanged`.
        case hostKeyChanged = "host-key-changed"
        /// `noMatchingHostKeyType`.
        case noMatchingHostKeyType = "no-matching-host-key-type"
        /// `unprotectedPrivateKeyFile`.
        case unprotectedPrivateKeyFile = "unprotected-private-key-file"
        /// `invalidKeyFormat`.
        case invalidKeyFormat = "invalid-key-format"
        /// `libcryptoError`.
        case libcryptoError = "libcrypto-error"
        /// `puttyUnusableKeyFile`.
        case puttyUnusableKeyFile = "putty-unusable-key-file"
        /// `puttyKeyFormatTooNew`.
        case puttyKeyFormatTooNew = "putty-key-format-too-new"
        /// `noMutualSignature`.
        case noMutualSignature = "no-mutual-signature"
        /// `loginAsOtherUser`.
        case loginAsOtherUser = "login-as-other-user"
        /// `tooManyAuthenticationFailures`.
        case tooManyAuthenticationFailures = "too-many-authentication-failures"
    }
}
