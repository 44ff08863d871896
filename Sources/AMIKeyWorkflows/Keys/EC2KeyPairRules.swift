import SSHKeys

/// What EC2's ImportKeyPair accepts (API reference ImportKeyPair; User Guide "Import a public key").
public enum EC2KeyPairRules {
    /// Whether EC2 can import this key as a key pair, and if not, why.
    public static func importability(of key: SSHPublicKey) -> (importable: Bool, reasons: [String]) {
        if key.certificate != nil {
            return (false, ["EC2 key pairs cannot be certificates; import the plain key instead"])
        }
        switch key.algorithm {
        case "ssh-ed25519":
            return (true, [])
        case "ssh-rsa":
            let bits = key.bits ?? 0
            guard (1024...4096).contains(bits) else {
                return (false, ["EC2 imports RSA keys of 1024 to 4096 bits; this one has \(bits)"])
            }
            return (true, [])
        case let algorithm where algorithm.hasPrefix("ecdsa-sha2-"):
            return (false, ["EC2 does not import ECDSA keys; install this key with cloud-config user data instead"])
        default:
            return (false, ["EC2 imports only RSA and Ed25519 keys; \(key.algorithm) cannot be a key pair"])
        }
    }
}
