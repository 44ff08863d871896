/// A parsed `~/.aws/config` or `~/.aws/credentials`, read exactly as the AWS CLI v2 (botocore) reads it.
///
/// Parsing follows Python's `configparser.RawConfigParser` with botocore's settings (`raw_config_parse`):
/// `=` or `:` between key and value, full-line `#` / `;` comments only (a `#` after a value is part of the value),
/// keys lower-cased, values and section names kept as written, indented continuation lines, `[DEFAULT]` values
/// inherited by every section, and a repeated section or key in one file rejected. An indented block under an
/// empty value is a sub-section (`_parse_nested`). Section headers get their meaning from `build_profile_map`:
/// see ``AWSConfigSection/Kind``.
///
/// Every malformed line is reported with its number (``AWSConfigFileError/malformed(path:problems:)``); nothing is
/// dropped silently. One deliberate difference: a leading UTF-8 byte-order mark is skipped, where the AWS CLI
/// (reading in the locale's encoding) fails on it.
///
/// ## Usage
///
/// ```swift
/// let file = try AWSConfigFile(parsing: bytes, path: "/home/me/.aws/config", kind: .config)
/// file.profileSection(named: "prod")?["region"]?.value.text   // "eu-west-1"
/// file.profileNames                                            // ["default", "prod"]
/// ```
public struct AWSConfigFile: Sendable, Hashable {
    /// Which of the two shared files this is; it decides how `[NAME]` headers are read.
    public enum Kind: Sendable, Hashable {
        /// `~/.aws/config` (`AWS_CONFIG_FILE`): profiles are `[default]` and `[profile NAME]`.
        case config
        /// `~/.aws/credentials` (`AWS_SHARED_CREDENTIALS_FILE`): every `[NAME]` is a profile.
        case credentials
    }

    /// The path the file was read from.
    public let path: String
    /// Which file this is.
    public let kind: Kind
    /// Every section but `[DEFAULT]`, in file order, each with the `[DEFAULT]` values it inherits.
    public let sections: [AWSConfigSection]

    /// A parsed file from its parts (tests and callers that build files in memory).
    public init(path: String, kind: Kind, sections: [AWSConfigSection]) {
        self.path = path
        self.kind = kind
        self.sections = sections
    }

    /// The section that defines profile `name`; when two headers name the same profile (`[default]` and
    /// `[profile default]`, or `[profile a]` and `[profile "a"]`), the later one wins whole, as in botocore.
    public func profileSection(named name: String) -> AWSConfigSection? {
        sections.last { $0.kind == .profile(name) }
    }

    /// The `[sso-session NAME]` section, the later one if repeated under another spelling.
    public func ssoSessionSection(named name: String) -> AWSConfigSection? {
        sections.last { $0.kind == .ssoSession(name) }
    }

    /// The `[services NAME]` section, the later one if repeated under another spelling.
    public func servicesSection(named name: String) -> AWSConfigSection? {
        sections.last { $0.kind == .services(name) }
    }

    /// The names of the profiles the file defines, sorted.
    public var profileNames: [String] {
        Set(sections.compactMap { if case .profile(let name) = $0.kind { name } else { nil } }).sorted()
    }
}
