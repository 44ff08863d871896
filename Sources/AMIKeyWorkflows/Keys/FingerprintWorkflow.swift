import SSHKeys

/// `amikey fingerprint`: every key in the given files and directories, with every fingerprint flavour.
///
/// ## Usage
/// ```swift
/// let report = FingerprintWorkflow(paths: ["~/.ssh", "old.ppk"]).run(context)
/// for item in report.items { … }
/// ```
public struct FingerprintWorkflow: Sendable {
    /// One key, or one input that could not be read.
    public struct Item: Sendable {
        /// `path` or `path:LINE`.
        public var source: String
        /// The key with its fingerprints, or the error.
        public var result: Result<Key, ScanError>
    }

    /// A key and everything said about it.
    public struct Key: Sendable {
        /// What was read.
        public var entry: KeyFileEntry
        /// Every fingerprint flavour.
        public var fingerprints: KeyFingerprints
        /// Whether EC2 ImportKeyPair would take the public key.
        public var importable: Bool
        /// Weaknesses, EC2 limits and parts not opened, in words.
        public var problems: [String]
    }

    /// What the run found.
    public struct Report: Sendable {
        /// In input order.
        public var items: [Item]
        /// 0 all read, 1 some failed, 3 none readable.
        public var exitCode: Int32 {
            let failures = items.filter { if case .failure = $0.result { true } else { false } }.count
            if items.isEmpty || failures == items.count { return 3 }
            return failures > 0 ? 1 : 0
        }
    }

    /// Files and directories, as the user wrote them.
    public var paths: [String]

    /// Creates the workflow.
    public init(paths: [String]) {
        self.paths = paths
    }

    /// Reads everything; encrypted private parts are opened only with a passphrase given up front, and a
    /// prompt is used only where the public key itself is encrypted (legacy PEM, PKCS#8).
    public func run(_ context: WorkflowContext) -> Report {
        let options = KeyReadOptions(passphrase: context.passphrases.source(mayPrompt: true),
                                     decryptPrivateKeys: context.passphrases.hasGivenPassphrase)
        let scanned = KeyScanner(context: context, options: options).scan(paths)
        return Report(items: scanned.map { item in
            Item(source: item.source, result: item.result.map(Self.describe))
        })
    }

    static func describe(_ entry: KeyFileEntry) -> Key {
        let (importable, reasons) = EC2KeyPairRules.importability(of: entry.publicKey)
        var problems = entry.publicKey.weaknesses + reasons + entry.notes
        if entry.publicKey.plainKey.algorithm == "ssh-rsa", entry.privateKey == nil, entry.format.holdsPrivateKey {
            problems.append("the AWS-created fingerprint needs the private key, which is encrypted: give --passphrase-file FILE or AMIKEY_PASSPHRASE")
        }
        return Key(entry: entry, fingerprints: KeyFingerprints(entry), importable: importable, problems: problems)
    }
}
