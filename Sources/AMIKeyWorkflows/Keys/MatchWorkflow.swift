import SSHKeys

/// `amikey match`: which of the user's key files a pasted fingerprint belongs to, under every reading of it.
///
/// ## Usage
/// ```swift
/// let report = MatchWorkflow(fingerprints: ["00:dc:23:…"], searchPaths: []).run(context)
/// ```
public struct MatchWorkflow: Sendable {
    /// One key that has the fingerprint.
    public struct Match: Sendable {
        /// `path` or `path:LINE`.
        public var source: String
        /// Which reading matched.
        public var kind: FingerprintQuery.Kind
        /// The key's algorithm.
        public var type: String
        /// The key's comment, when known.
        public var comment: String?
    }

    /// A key that could not be compared under some reading, and why.
    public struct Unchecked: Sendable {
        /// `path` or `path:LINE`.
        public var source: String
        /// Why, in words.
        public var reason: String
    }

    /// The answer for one fingerprint.
    public struct Answer: Sendable {
        /// As given.
        public var fingerprint: String
        /// The readings, or why the text is not a fingerprint.
        public var query: Result<FingerprintQuery, SSHKeyError>
        /// Keys that match.
        public var matches: [Match]
        /// Keys that could not be checked under a reading (encrypted, or a PKCS#8 form rebuilt from a PPK).
        public var unchecked: [Unchecked]
    }

    /// What the run found.
    public struct Report: Sendable {
        /// One per fingerprint, in order.
        public var answers: [Answer]
        /// Inputs that could not be read while searching.
        public var unreadable: [ScannedKey]
        /// Where the search looked.
        public var searched: [String]
        /// 0 every fingerprint matched, 1 some did not, 3 no fingerprint could be read.
        public var exitCode: Int32 {
            if answers.allSatisfy({ if case .failure = $0.query { true } else { false } }) { return 3 }
            return answers.allSatisfy { !$0.matches.isEmpty } ? 0 : 1
        }
    }

    /// The fingerprints as pasted.
    public var fingerprints: [String]
    /// Where to look; empty means `~/.ssh` and the working directory.
    public var searchPaths: [String]

    /// Creates the workflow.
    public init(fingerprints: [String], searchPaths: [String]) {
        self.fingerprints = fingerprints
        self.searchPaths = searchPaths
    }

    /// Searches without prompting: a passphrase given up front opens encrypted keys for the AWS-created reading.
    public func run(_ context: WorkflowContext) -> Report {
        let paths = searchPaths.isEmpty ? ["~/.ssh", "."] : searchPaths
        let options = KeyReadOptions(passphrase: context.passphrases.source(mayPrompt: false),
                                     decryptPrivateKeys: context.passphrases.hasGivenPassphrase)
        var scanner = KeyScanner(context: context, options: options)
        scanner.reportsMissingPaths = !searchPaths.isEmpty
        // The default search is `~/.ssh` and `.` themselves: run from $HOME, a recursive walk would read everything.
        if searchPaths.isEmpty { scanner.maximumDepth = 1 }
        let scanned = scanner.scan(paths)
        let keys = scanned.compactMap { item -> (String, KeyFileEntry)? in
            guard case .success(let entry) = item.result else { return nil }
            return (item.source, entry)
        }
        var seen = Set<String>()
        let unreadable = scanned.filter { item in
            if case .failure = item.result { return seen.insert(item.source).inserted }
            return false
        }
        let answers = fingerprints.map { text in
            do throws(SSHKeyError) {
                let query = try FingerprintQuery(text)
                return answer(text, query, keys)
            } catch {
                return Answer(fingerprint: text, query: .failure(error), matches: [], unchecked: [])
            }
        }
        return Report(answers: answers, unreadable: unreadable, searched: paths)
    }

    private func answer(_ text: String, _ query: FingerprintQuery, _ keys: [(String, KeyFileEntry)]) -> Answer {
        var matches: [Match] = []
        var unchecked: [Unchecked] = []
        for (source, entry) in keys {
            for kind in query.matches(entry.publicKey, privateKey: entry.privateKey) {
                matches.append(Match(source: source, kind: kind, type: entry.publicKey.algorithm, comment: entry.comment))
            }
            guard query.kinds.contains(.sha1PKCS8), entry.publicKey.plainKey.algorithm == "ssh-rsa",
                  !matches.contains(where: { $0.source == source }) else { continue }
            if entry.privateKey == nil, entry.format.holdsPrivateKey {
                unchecked.append(Unchecked(source: source, reason: "encrypted: the AWS-created fingerprint needs the private key (give --passphrase-file)"))
            } else if entry.format == .ppkV2 || entry.format == .ppkV3 {
                unchecked.append(Unchecked(source: source, reason: "cannot confirm: the PKCS#8 form AWS hashed is rebuilt from the .ppk and may differ"))
            }
        }
        return Answer(fingerprint: text, query: .success(query), matches: matches, unchecked: unchecked)
    }
}
