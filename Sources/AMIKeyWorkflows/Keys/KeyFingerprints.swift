import SSHKeys

/// Every fingerprint of one key, in every flavour a user may be comparing against (key-formats.md §0).
public struct KeyFingerprints: Sendable, Equatable {
    /// `SHA256:…` as ssh-keygen, sshd logs and PuTTY ≥ 0.75 print it.
    public var sha256: String
    /// `MD5:…` as ssh-keygen `-E md5` prints it.
    public var md5: String
    /// Colon hex SHA-256, as cloud-init's console table prints it.
    public var cloudInitSha256: String
    /// What the EC2 console shows once this public key is imported (RSA, Ed25519).
    public var awsImported: String?
    /// What the EC2 console shows for a key pair AWS created (RSA needs the private key; Ed25519 as imported).
    public var awsCreated: String?
    /// PuTTYgen's line, `ssh-rsa 2048 SHA256:…`.
    public var putty: String
    /// PuTTY ≤ 0.74's MD5 line, `ssh-rsa 2048 aa:bb:…`.
    public var puttyMD5: String

    /// Computes every flavour for an entry.
    public init(_ entry: KeyFileEntry) {
        let key = entry.publicKey
        sha256 = key.sha256Fingerprint
        md5 = key.md5Fingerprint
        cloudInitSha256 = key.cloudInitFingerprint(.sha256)
        awsImported = key.awsImportedFingerprint
        awsCreated = entry.privateKey?.awsCreatedFingerprint ?? (key.plainKey.algorithm == "ssh-ed25519" ? key.awsImportedFingerprint : nil)
        putty = key.puttyFingerprint(.sha256)
        puttyMD5 = key.puttyFingerprint(.md5)
    }
}
