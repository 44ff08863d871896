import EC2Evidence
import SSHKeys

/// Every public key the doctor knows by name — local files and key pairs of either account — grouped by key, so one
/// key that is both `K_A.pem` and key pair `old-key` in account A is named as both.
struct KeyCatalog {
    struct Entry {
        var publicKey: SSHPublicKey
        var matches: [KeyMatch]
    }

    private(set) var entries: [Entry] = []

    init(_ evidence: DoctorEvidence) {
        for key in evidence.localKeys {
            guard let publicKey = key.publicKey else { continue }
            add(publicKey, .file(path: key.source, holdsPrivateKey: key.holdsPrivateKey))
        }
        for pair in evidence.keyPairs {
            guard let publicKey = pair.publicKey else { continue }
            add(publicKey, .keyPair(name: pair.name, account: pair.account ?? evidence.callerAccount))
        }
    }

    private mutating func add(_ key: SSHPublicKey, _ match: KeyMatch) {
        let plain = key.plainKey
        if let index = entries.firstIndex(where: { $0.publicKey.wireRepresentation == plain.wireRepresentation }) {
            if !entries[index].matches.contains(match) { entries[index].matches.append(match) }
        } else {
            entries.append(Entry(publicKey: plain, matches: [match]))
        }
    }

    /// The files and key pairs that are `key`.
    func matches(for key: SSHPublicKey) -> [KeyMatch] {
        entries.first { $0.publicKey.wireRepresentation == key.plainKey.wireRepresentation }?.matches ?? []
    }

    /// The key a cloud-init table row names: its fingerprint is the table's hash over the key blob, in colon hex
    /// (cc_ssh_authkey_fingerprints.py `_gen_fingerprint`). Nil for `?` rows and hashes amikey does not compute.
    func key(forRow row: AuthorizedKeysTable.Row, hash: String?) -> SSHPublicKey? {
        guard row.fingerprint != "?", let hash = hash.flatMap({ FingerprintHash(rawValue: $0.lowercased()) }) else { return nil }
        return entries.first { $0.publicKey.cloudInitFingerprint(hash) == row.fingerprint.lowercased() }?.publicKey
    }

    /// The key whose `SHA256:…` fingerprint this is (from an `ssh -v` log).
    func key(sha256 fingerprint: String) -> SSHPublicKey? {
        entries.first { $0.publicKey.sha256Fingerprint == fingerprint }?.publicKey
    }
}
