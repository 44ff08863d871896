import EC2Evidence
import SSHKeys

extension AuthorizedKeysTable {
    /// Whether a row carries `key`'s fingerprint in the table's own hash (cc_ssh_authkey_fingerprints.py prints the
    /// hash over the key blob in colon hex); false for a hash amikey does not compute.
    func lists(_ key: SSHPublicKey) -> Bool {
        guard let hash = hash.flatMap({ FingerprintHash(rawValue: $0.lowercased()) }) else { return false }
        let fingerprint = key.cloudInitFingerprint(hash)
        return rows.contains { $0.fingerprint.lowercased() == fingerprint }
    }
}
