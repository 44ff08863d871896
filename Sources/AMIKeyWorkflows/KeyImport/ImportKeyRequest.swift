import AWSServices

/// What `amikey import-key` was asked: the key pair name, where the public key comes from, tags, dry run.
public struct ImportKeyRequest: Sendable {
    /// Where the public key is read.
    public enum Source: Sendable, Hashable {
        /// `--from FILE`: any key file SSHKeys reads, public or private (only its public key is used).
        case file(String)
        /// `--from-authorized-keys FILE [--line K | --all]`: one line of an `authorized_keys` file, or every line.
        case authorizedKeys(String, Selection)
        /// `--from-host USER@HOST [--line K | --all]`: the `~/.ssh/authorized_keys` of a running instance, read over
        /// OpenSSH, chosen from as with ``authorizedKeys(_:_:)``.
        case host(ImportKeyHostSource, Selection)
        /// `--from-key-pair NAME --source-profile P`: the public key of a key pair in another account.
        case keyPair(name: String, sourceProfile: String)
    }

    /// Which keys of an `authorized_keys` file.
    public enum Selection: Sendable, Hashable {
        /// The only key in the file (an error when there are several).
        case only
        /// The key on this 1-based line of the file (as `amikey fingerprint FILE` lists it, `FILE:K`).
        case line(Int)
        /// Every key, one key pair per line, named `NAME-K` after the line K it is on.
        case all
    }

    /// `--name`: the key pair's name (with `--all`, the stem of each name).
    public var name: String
    /// Where the key comes from.
    public var source: Source
    /// `--tag K=V`: tags for the new key pair (TagSpecifications, resource type `key-pair`).
    public var tags: [EC2.Tag]
    /// `--dry-run`: check permission with EC2's DryRun and import nothing.
    public var dryRun: Bool

    /// A request from its parts.
    public init(name: String, source: Source, tags: [EC2.Tag] = [], dryRun: Bool = false) {
        self.name = name
        self.source = source
        self.tags = tags
        self.dryRun = dryRun
    }
}

/// Why `import-key` could do nothing at all: the source could not be read or AWS could not be reached.
public struct ImportKeyFailure: Error, Sendable, CustomStringConvertible {
    /// The underlying failure, as the error renderers show it.
    public var failure: AWSFailure
    /// 3 (nothing could be done), or 2 when the request does not say which key to take.
    public var exitCode: Int32

    /// A failure from its parts.
    public init(code: String, message: String, exitCode: Int32 = 3) {
        self.failure = AWSFailure(code: code, message: message)
        self.exitCode = exitCode
    }

    /// A failure of AWS itself (exit 3).
    public init(_ failure: AWSFailure) {
        self.failure = failure
        self.exitCode = failure.exitCode
    }

    /// The message.
    public var description: String { failure.message }
}
