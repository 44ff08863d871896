/// One `key = value` line of a shared config or credentials file, with its location.
///
/// Printed forms (`description`, `debugDescription`, `dump`) redact the values of
/// `aws_secret_access_key`, `aws_session_token` and `aws_security_token`.
public struct AWSConfigEntry: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The key: lower-cased at the top level (configparser's `optionxform`), as written inside a sub-section.
    public let key: String
    /// The value.
    public let value: AWSConfigValue
    /// Where the key was written.
    public let location: ConfigFileLocation

    /// An entry from its parts.
    public init(key: String, value: AWSConfigValue, location: ConfigFileLocation) {
        self.key = key
        self.value = value
        self.location = location
    }

    /// The keys whose values are secrets and never printed.
    static let secretKeys: Set<String> = ["aws_secret_access_key", "aws_session_token", "aws_security_token"]

    /// Whether this entry's value is a secret.
    var isSecret: Bool { Self.secretKeys.contains(key.lowercased()) }

    /// `key = value` on one line, secrets redacted, sub-sections in braces.
    public var description: String { "\(key) = \(printedValue)" }

    /// The same as `description`.
    public var debugDescription: String { description }

    /// Redacted children, so `dump` shows no secret either.
    public var customMirror: Mirror {
        Mirror(self, children: ["key": key, "value": printedValue, "location": location], displayStyle: .struct)
    }

    private var printedValue: String {
        if isSecret { return "<REDACTED>" }
        switch value {
        case .text(let text): return text.contains("\n") ? String(reflecting: text) : text
        case .subsection(let entries): return "{ " + entries.map(\.description).joined(separator: "; ") + " }"
        }
    }
}
