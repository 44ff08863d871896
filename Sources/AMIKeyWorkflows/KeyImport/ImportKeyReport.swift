import SSHKeys

/// What `amikey import-key` did, one item per key pair.
public struct ImportKeyReport: Sendable {
    /// One key and what became of it.
    public struct Item: Sendable {
        /// The key pair name used (or that would have been).
        public var keyName: String
        /// Where the key came from: `path`, `path:LINE`, `host:USER@HOST:LINE`, or `key pair NAME (profile P)`.
        public var source: String
        /// The public key, when it could be read.
        public var publicKey: SSHPublicKey?
        /// Things to know that did not stop the import (weak RSA size, Instance Connect limits, tags not applied).
        public var warnings: [String]
        /// What happened.
        public var outcome: Outcome

        /// An item from its parts.
        public init(keyName: String, source: String, publicKey: SSHPublicKey?, warnings: [String] = [], outcome: Outcome) {
            self.keyName = keyName
            self.source = source
            self.publicKey = publicKey
            self.warnings = warnings
            self.outcome = outcome
        }
    }

    /// What became of one key.
    public enum Outcome: Sendable {
        /// ImportKeyPair made the key pair.
        case imported(keyPairId: String?, fingerprint: String?)
        /// A key pair of that name already held this very key; nothing was changed.
        case alreadyPresent(keyPairId: String?, fingerprint: String?)
        /// `--dry-run`: EC2 said the import would be permitted; `fingerprint` is the one EC2 would show.
        case wouldImport(fingerprint: String?)
        /// EC2 cannot take this key; nothing was sent.
        case refused(EC2KeyPairRules.Refusal)
        /// The name is taken by a different key; the existing key pair was left unchanged.
        case conflict(ImportKeyConflict)
        /// The key could not be read, or AWS refused the call.
        case failed(code: String, message: String)

        /// `imported`, `already-present`, `would-import`, or nil for a failure.
        public var status: String? {
            switch self {
            case .imported: "imported"
            case .alreadyPresent: "already-present"
            case .wouldImport: "would-import"
            case .refused, .conflict, .failed: nil
            }
        }

        /// The key pair id EC2 reported.
        public var keyPairId: String? {
            switch self {
            case .imported(let id, _), .alreadyPresent(let id, _): id
            default: nil
            }
        }

        /// The fingerprint EC2 shows (or would show) for the key pair.
        public var fingerprint: String? {
            switch self {
            case .imported(_, let fingerprint), .alreadyPresent(_, let fingerprint), .wouldImport(let fingerprint): fingerprint
            default: nil
            }
        }
    }

    /// In source order.
    public var items: [Item]

    /// 0 every key pair is there (or would be), 1 some failed, 3 none could be done.
    public var exitCode: Int32 {
        let failed = items.filter { $0.outcome.status == nil }.count
        if items.isEmpty || failed == items.count { return 3 }
        return failed > 0 ? 1 : 0
    }
}

/// A key pair name already used by another key: both fingerprints, and a name that is free.
public struct ImportKeyConflict: Sendable, Hashable {
    /// The name asked for.
    public var keyName: String
    /// The fingerprint EC2 shows for the existing key pair.
    public var existingFingerprint: String?
    /// `SHA256:…` of the existing key pair's public key, when EC2 returned it.
    public var existingSHA256: String?
    /// The fingerprint EC2 would show for the key that was to be imported.
    public var requestedFingerprint: String?
    /// `SHA256:…` of the key that was to be imported.
    public var requestedSHA256: String
    /// A name no key pair in the account and Region has.
    public var suggestedName: String

    /// A conflict from its parts.
    public init(keyName: String, existingFingerprint: String?, existingSHA256: String?, requestedFingerprint: String?,
                requestedSHA256: String, suggestedName: String) {
        self.keyName = keyName
        self.existingFingerprint = existingFingerprint
        self.existingSHA256 = existingSHA256
        self.requestedFingerprint = requestedFingerprint
        self.requestedSHA256 = requestedSHA256
        self.suggestedName = suggestedName
    }

    /// One sentence for people.
    public var message: String {
        "key pair '\(keyName)' already exists with a different key (EC2 fingerprint \(existingFingerprint ?? "unknown")); it was left unchanged"
    }
}
