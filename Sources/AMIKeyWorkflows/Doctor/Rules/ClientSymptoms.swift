import EC2Evidence

/// What the user's SSH client said (`--error`), reduced to the questions the rules ask.
struct ClientSymptoms {
    /// The user the client tried.
    var user: String?
    /// The server refused every key offered (OpenSSH `Permission denied (publickey)`, PuTTY `Server refused our key`).
    var publicKeyRefused = false
    /// The text came from PuTTY.
    var isPuTTY = false
    /// Nothing answered: the client's words.
    var unreachable: String?
    /// The client saw another host key than the one it knew.
    var hostKeyChanged = false
    /// The client could not use the key file: its words.
    var keyFileProblems: [String] = []
    /// `sign_and_send_pubkey: no mutual signature supported`.
    var noMutualSignature = false
    /// PuTTY's `Server refused public-key signature despite accepting key!`: the key is installed, its signature
    /// algorithm is not (an `ssh-rsa` SHA-1 signature against a current server).
    var signatureRefused = false
    /// The user cloud-init's forced command for root named.
    var pleaseLoginAs: String?
    /// The client is known to sign RSA with SHA-2 (its version says so); nil when the version is unknown.
    var signsWithSHA2: Bool?
    /// The server's software version the log shows.
    var serverVersion: String?
    /// The server's host-key algorithms, when the client shared none with it.
    var hostKeyAlgorithms: [String]?
    /// `Too many authentication failures`: an agent offered more keys than sshd's MaxAuthTries.
    var tooManyKeysOffered = false
    /// `SHA256:…` fingerprints of the keys the client offered.
    var offeredFingerprints: [String] = []

    init(_ text: SSHClientErrorText?) {
        guard let text else { return }
        user = text.user
        isPuTTY = text.client == .putty
        // rsa-sha2 user authentication: OpenSSH 7.2, PuTTY 0.75 (ssh-on-ec2.md §6 #7).
        if let version = text.clientVersion.map(Self.majorMinor) {
            switch text.client {
            case .openssh: signsWithSHA2 = !version.lexicographicallyPrecedes([7, 2])
            case .putty: signsWithSHA2 = !version.lexicographicallyPrecedes([0, 75])
            default: break
            }
        }
        serverVersion = text.serverSoftware
        offeredFingerprints = text.offeredKeys.compactMap(\.fingerprint)
        for finding in text.symptoms {
            let at = " (line \(finding.line))"
            switch finding.symptom {
            case .permissionDenied, .serverRefusedKey, .noSupportedAuthenticationMethods:
                publicKeyRefused = true
            case .connectionTimedOut:
                unreachable = "Connection timed out" + at
            case .connectionRefused:
                unreachable = "Connection refused" + at
            case .hostUnresolved(let host):
                unreachable = "Could not resolve hostname \(host ?? "")" + at
            case .hostKeyChanged:
                hostKeyChanged = true
            case .noMatchingHostKeyType(let offer):
                hostKeyAlgorithms = offer
            case .unprotectedPrivateKeyFile(let path):
                keyFileProblems.append("UNPROTECTED PRIVATE KEY FILE! \(path ?? "")" + at)
            case .invalidKeyFormat(let path):
                keyFileProblems.append("Load key \"\(path ?? "")\": invalid format" + at)
            case .libcryptoError(let path):
                keyFileProblems.append("Load key \"\(path ?? "")\": error in libcrypto" + at)
            case .puttyUnusableKeyFile(let path, let format):
                keyFileProblems.append("Unable to use key file \"\(path ?? "")\" (\(format ?? "not a .ppk"))" + at)
            case .puttyKeyFormatTooNew:
                keyFileProblems.append("PuTTY key format too new: a PPK version 3 file needs PuTTY 0.75 or later" + at)
            case .noMutualSignature:
                noMutualSignature = true
            case .puttySignatureRefused:
                publicKeyRefused = true
                signatureRefused = true
            case .loginAsOtherUser(let user, _):
                pleaseLoginAs = user
            case .tooManyAuthenticationFailures:
                tooManyKeysOffered = true
            }
        }
    }

    /// `9.2p1` → [9, 2]; `0.78` → [0, 78].
    private static func majorMinor(_ version: String) -> [Int] {
        let digits = version.prefix { $0.isNumber || $0 == "." }
        let parts = digits.split(separator: ".").prefix(2).compactMap { Int($0) }
        return parts.count == 2 ? parts : parts + [0]
    }
}
