import SSHKeys

/// What EC2's ImportKeyPair accepts (API reference ImportKeyPair; User Guide "Import a public key"), and what EC2
/// Instance Connect can push (SendSSHPublicKey: RSA 2048 or 4096, ED25519).
public enum EC2KeyPairRules {
    /// Why EC2 cannot import a key, and what to do instead.
    public struct Refusal: Sendable, Hashable, CustomStringConvertible {
        /// A stable code for JSON (`ecdsa-not-importable`, `rsa-size`, …).
        public var code: String
        /// What EC2 does not take, about this key.
        public var reason: String
        /// What to do instead.
        public var alternative: String

        /// "reason; alternative".
        public var description: String { "\(reason); \(alternative)" }
    }

    /// Whether EC2 can import this key as a key pair, and if not, why.
    public static func importability(of key: SSHPublicKey) -> (importable: Bool, reasons: [String]) {
        guard let refusal = refusal(of: key) else { return (true, []) }
        return (false, [refusal.description])
    }

    /// Why ImportKeyPair would reject this key, or nil when it takes it (RSA of 1024 to 4096 bits, Ed25519).
    public static func refusal(of key: SSHPublicKey) -> Refusal? {
        if key.certificate != nil {
            return Refusal(
                code: "certificate-not-importable",
                reason: "EC2 key pairs cannot be certificates; this is an OpenSSH certificate (\(key.algorithm))",
                alternative: "import the plain public key the certificate was issued for (its .pub file, not the -cert.pub)")
        }
        switch key.algorithm {
        case "ssh-ed25519":
            return nil
        case "ssh-rsa":
            let bits = key.bits ?? 0
            guard (1024...4096).contains(bits) else {
                return Refusal(
                    code: "rsa-size-not-importable",
                    reason: "EC2 imports RSA keys of 1024 to 4096 bits; this one has \(bits)",
                    alternative: "make a key EC2 takes (ssh-keygen -t ed25519, or ssh-keygen -t rsa -b 4096) and import that")
            }
            return nil
        case "ssh-dss":
            return Refusal(
                code: "dsa-not-importable",
                reason: "EC2 does not import DSA keys (OpenSSH itself disabled them in 7.0)",
                alternative: "make an Ed25519 key (ssh-keygen -t ed25519) and import that")
        case let algorithm where algorithm.hasPrefix("sk-"):
            return Refusal(
                code: "security-key-not-importable",
                reason: "EC2 does not import security-key (FIDO) keys such as \(algorithm)",
                alternative: "keep this key in cloud-config user data (amikey repair INSTANCE_ID --key FILE --method user-data), or import an Ed25519 or RSA key")
        case let algorithm where algorithm.hasPrefix("ecdsa-sha2-"):
            return Refusal(
                code: "ecdsa-not-importable",
                reason: "EC2 does not import ECDSA keys (\(key.shortTypeName) \(key.bits ?? 0) bits)",
                alternative: "keep this key in cloud-config user data (amikey repair INSTANCE_ID --key FILE --method user-data), or import an Ed25519 or RSA key")
        default:
            return Refusal(
                code: "type-not-importable",
                reason: "EC2 imports only RSA and Ed25519 keys; \(key.algorithm) cannot be a key pair",
                alternative: "make an Ed25519 key (ssh-keygen -t ed25519) and import that")
        }
    }

    /// What a user should know about a key EC2 does take: RSA below 2048 bits is weak, and EC2 Instance Connect
    /// pushes only RSA keys of exactly 2048 or 4096 bits (SendSSHPublicKey API reference).
    public static func warnings(for key: SSHPublicKey) -> [String] {
        guard refusal(of: key) == nil, key.algorithm == "ssh-rsa", let bits = key.bits else { return [] }
        var warnings: [String] = []
        if bits < 2048 {
            warnings.append("RSA key of \(bits) bits: below 2048 bits is weak; replace it with a key of 2048 bits or more (or Ed25519) when you can")
        }
        if bits != 2048, bits != 4096 {
            warnings.append("EC2 Instance Connect takes only 2048- and 4096-bit RSA keys; this \(bits)-bit key cannot be pushed with it")
        }
        return warnings
    }
}
