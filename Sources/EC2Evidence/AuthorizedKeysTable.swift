/// What cloud-init's `ssh_authkey_fingerprints` module printed for one user: a table of the keys in the user's
/// authorized_keys file, or the line saying it had none.
public struct AuthorizedKeysTable: Sendable, Hashable {
    /// One row of the table.
    public struct Row: Sendable, Hashable {
        /// The `Keytype` cell, such as `ssh-rsa`.
        public var type: String
        /// The `Fingerprint (hash)` cell: lower-case hex pairs joined by `:`, or `?` when cloud-init could not
        /// decode the key's base64.
        public var fingerprint: String
        /// The `Options` cell; nil when cloud-init printed `-`.
        public var options: String?
        /// The `Comment` cell; nil when cloud-init printed `-`.
        public var comment: String?

        /// Creates a row.
        public init(type: String, fingerprint: String, options: String?, comment: String?) {
            self.type = type
            self.fingerprint = fingerprint
            self.options = options
            self.comment = comment
        }
    }

    /// The login user the table is for.
    public var user: String
    /// The authorized_keys path cloud-init read; nil for the "no authorized SSH keys" line, which names none.
    public var file: String?
    /// The digest named in the `Fingerprint (…)` header (`md5`, `sha1`, `sha256`, `sha512` or any hashlib name);
    /// nil for the "no authorized SSH keys" line.
    public var hash: String?
    /// The keys, in file order; empty when the user had none.
    public var rows: [Row]
    /// 1-based boot of the log the table was printed in (a new boot starts at each kernel `Linux version` line).
    public var boot: Int
    /// 1-based line of the table's header in the log.
    public var line: Int
    /// False when the log ends or is interrupted before the table's closing border.
    public var isComplete: Bool

    /// Creates a table.
    public init(user: String, file: String?, hash: String?, rows: [Row], boot: Int, line: Int, isComplete: Bool = true) {
        self.user = user
        self.file = file
        self.hash = hash
        self.rows = rows
        self.boot = boot
        self.line = line
        self.isComplete = isComplete
    }
}
