/// Why a key file or fingerprint could not be read, modelled for whoever reports it.
///
/// `code` is stable (it is the JSON `error.code`); `message` is for people; `line` is set when the
/// problem sits on one line of a text file, so the caller can print `path:LINE`.
public struct SSHKeyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable kind of problem.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The spelling used in JSON output.
        public let rawValue: String
        /// Wraps a raw code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The data ends before a field the format requires.
        public static let truncated = Code(rawValue: "truncated")
        /// The data is present but breaks the format's rules.
        public static let malformed = Code(rawValue: "malformed")
        /// Nothing here looks like any key format amikey reads.
        public static let unrecognizedFormat = Code(rawValue: "unrecognized-format")
        /// A valid file in a variant amikey does not read (a cipher, a KDF, a version).
        public static let unsupported = Code(rawValue: "unsupported")
        /// The key is encrypted and no passphrase was available.
        public static let passphraseRequired = Code(rawValue: "passphrase-required")
        /// The passphrase did not decrypt the key (or the file was altered).
        public static let wrongPassphrase = Code(rawValue: "wrong-passphrase")
        /// Two parts of one file disagree about the key they hold.
        public static let inconsistent = Code(rawValue: "inconsistent")
        /// The requested output format cannot represent this key.
        public static let cannotRepresent = Code(rawValue: "cannot-represent")
        /// A pasted fingerprint is not in any spelling amikey knows.
        public static let unrecognizedFingerprint = Code(rawValue: "unrecognized-fingerprint")
        /// The spelling, as printed.
        public var description: String { rawValue }
    }

    /// The stable kind of problem.
    public var code: Code
    /// A sentence for people, without the file name (the caller adds it).
    public var message: String
    /// The 1-based line the problem is on, for line-oriented files.
    public var line: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, line: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
    }

    /// `line N: message`, or the message alone.
    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }

    /// The same error, placed on a line.
    func at(line: Int) -> SSHKeyError {
        var copy = self
        copy.line = line
        return copy
    }

    static func truncated(_ message: String) -> SSHKeyError { .init(.truncated, message) }
    static func malformed(_ message: String) -> SSHKeyError { .init(.malformed, message) }
    static func unsupported(_ message: String) -> SSHKeyError { .init(.unsupported, message) }
}
