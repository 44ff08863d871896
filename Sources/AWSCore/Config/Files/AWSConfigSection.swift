/// A `[section]` of a shared config or credentials file, with the `[DEFAULT]` values it inherits.
public struct AWSConfigSection: Sendable, Hashable {
    /// What a section header means, by botocore's `build_profile_map`.
    public enum Kind: Sendable, Hashable {
        /// A profile: `[default]` or `[profile NAME]` in the config file, `[NAME]` in the credentials file.
        case profile(String)
        /// `[sso-session NAME]` (config file).
        case ssoSession(String)
        /// `[services NAME]` (config file), referenced from a profile's `services = NAME`.
        case services(String)
        /// Anything else; botocore keeps it but no setting reads it (`[prod]` in the config file is one).
        case other
    }

    /// The header as written between the brackets.
    public let header: String
    /// What the header means.
    public let kind: Kind
    /// The 1-based line of the header.
    public let line: Int
    /// The section's entries in file order, then inherited `[DEFAULT]` entries for keys it does not set.
    public let entries: [AWSConfigEntry]

    /// A section from its parts.
    public init(header: String, kind: Kind, line: Int, entries: [AWSConfigEntry]) {
        self.header = header
        self.kind = kind
        self.line = line
        self.entries = entries
    }

    /// The entry for `key` (looked up lower-cased, as configparser stores keys), or `nil`.
    public subscript(key: String) -> AWSConfigEntry? {
        let key = key.lowercased()
        return entries.first { $0.key == key }
    }
}
