import AMIKeyTestSupport
import AMIKeyWorkflows
import EC2Evidence
import Foundation
import SSHKeys

/// Evidence for the doctor's rules, built from keys made at test time: the seed's story (account A's image carrying
/// K_A, launched in account B with key pair new-key = K_B) and its variations, one per cause.
enum DoctorFixtures {
    static let accountA = "111111111111"
    static let accountB = "222222222222"
    static let keyA = SSHPrivateKey.generateEd25519(comment: "K_A").publicKey
    static let keyB = SSHPrivateKey.generateEd25519(comment: "K_B").publicKey
    static let stranger = SSHPrivateKey.generateEd25519(comment: "someone else").publicKey

    /// An RSA and a DSA public key from ssh-keygen (made once per test process).
    static let rsa = generated("rsa", ["-t", "rsa", "-b", "2048"])
    static let dsa = generated("dsa", ["-t", "dsa"])

    private static func generated(_ name: String, _ options: [String]) -> SSHPublicKey {
        do {
            let scratch = try TempDirectory()
            try Oracle.run("ssh-keygen", ["-q"] + options + ["-N", "", "-C", name, "-f", scratch.path(name)])
            return try SSHPublicKey(openSSHRepresentation: try scratch.read("\(name).pub"))
        } catch {
            fatalError("ssh-keygen could not make a \(name) key: \(error)")
        }
    }

    /// cloud-init's table for `user` listing `keys` (fingerprints as cc_ssh_authkey_fingerprints prints them).
    static func table(_ user: String, _ keys: [(SSHPublicKey, String?)], hash: FingerprintHash = .sha256) -> AuthorizedKeysTable {
        AuthorizedKeysTable(
            user: user, file: "/home/\(user)/.ssh/authorized_keys", hash: hash.rawValue,
            rows: keys.map { key, comment in .init(type: key.algorithm, fingerprint: key.cloudInitFingerprint(hash), options: nil, comment: comment) },
            boot: 1, line: 120)
    }

    /// A console with these tables and a cloud-init banner.
    static func console(_ tables: [AuthorizedKeysTable], hostKeys: [String] = []) -> ConsoleEvidence {
        ConsoleEvidence(authorizedKeys: tables, hostPublicKeys: hostKeys,
                        cloudInit: CloudInitFacts(version: "22.4.2", datasource: "DataSourceEc2Local", boot: 1, line: 300), boots: 1)
    }

    /// A local key file.
    static func file(_ path: String, _ key: SSHPublicKey, privateKey: Bool = true, mode: UInt16 = 0o600,
                     format: KeyFileFormat? = nil) -> LocalKey {
        let format = format ?? (privateKey ? .opensshPrivate : .opensshPublic)
        return LocalKey(source: path, entry: .success(KeyFileEntry(format: format, publicKey: key, comment: nil)), mode: mode)
    }

    /// The seed: B's instance from A's shared image, launched with new-key (K_B); the image carries K_A, installed
    /// from A's key pair old-key; the user holds K_A's file and both accounts' key pairs are read.
    static func seed() -> DoctorEvidence {
        DoctorEvidence(
            instanceId: "i-0b", callerAccount: accountB,
            instance: InstanceEvidence(instanceId: "i-0b", keyName: "new-key", imageId: "ami-0seed", state: "running", publicIp: "54.1.2.3"),
            image: ImageEvidence(imageId: "ami-0seed", ownerId: accountA, name: "seed", sourceInstanceId: "i-0a", defaultUsers: ["ec2-user"]),
            keyPairs: [
                KeyPairEvidence(name: "new-key", account: accountB, publicKey: keyB),
                KeyPairEvidence(name: "old-key", account: accountA, profile: "account-a", publicKey: keyA),
            ],
            console: console([table("ec2-user", [(keyA, "old-key")])]), consoleSource: "GetConsoleOutput",
            localKeys: [file("keys/K_A", keyA)], amikeyOptions: ["--profile", "account-b"], sourceProfile: "account-a")
    }

    /// The same instance, healthy: its image's cloud-init added the launch key next to the baked one.
    static func healthy() -> DoctorEvidence {
        var evidence = seed()
        evidence.console = console([table("ec2-user", [(keyA, "old-key"), (keyB, "new-key")])])
        evidence.localKeys = [file("keys/K_B", keyB)]
        return evidence
    }
}
