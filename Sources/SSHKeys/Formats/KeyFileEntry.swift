/// One key found in a file, with what the file said about it.
public struct KeyFileEntry: Sendable {
    /// The format of the file (or of the line) the key came from.
    public var format: KeyFileFormat
    /// The 1-based line, for files holding one key per line.
    public var line: Int?
    /// The public key.
    public var publicKey: SSHPublicKey
    /// The comment; nil when the format holds none or it is inside an encrypted part not opened.
    public var comment: String?
    /// `authorized_keys` options in front of the key, as written (dequoted values).
    public var options: [AuthorizedKeyOption]
    /// Whether the private part is protected by a passphrase.
    public var isEncrypted: Bool
    /// The private key, when the file holds one and it was readable (decrypted if need be).
    public var privateKey: SSHPrivateKey?
    /// Things a user should know about this entry (a type/blob quirk, a part not opened).
    public var notes: [String]
    /// The encoding the file's text was read in (set by `KeyFile(contents:)`; UTF-8 for text given as a string).
    public var textEncoding: KeyFileTextEncoding = .utf8

    /// Creates an entry.
    public init(format: KeyFileFormat, line: Int? = nil, publicKey: SSHPublicKey, comment: String?,
                options: [AuthorizedKeyOption] = [], isEncrypted: Bool = false,
                privateKey: SSHPrivateKey? = nil, notes: [String] = []) {
        self.format = format
        self.line = line
        self.publicKey = publicKey
        self.comment = comment
        self.options = options
        self.isEncrypted = isEncrypted
        self.privateKey = privateKey
        self.notes = notes
    }

    /// The public key as one OpenSSH line, with the comment when known.
    public var opensshPublicLine: String { publicKey.openSSHRepresentation(comment: comment) }
}
