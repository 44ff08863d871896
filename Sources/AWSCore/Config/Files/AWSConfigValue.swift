/// The right-hand side of a `key = value` line: text, or the indented block botocore reads as a sub-section.
///
/// botocore's `raw_config_parse` turns a value whose first line is empty into a dictionary
/// (`_parse_nested`): that is how `[services name]` sections give each service its own `endpoint_url`:
///
///     [services local]
///     ec2 =
///       endpoint_url = http://127.0.0.1:5000
public enum AWSConfigValue: Sendable, Hashable {
    /// A plain value; continuation lines are joined with `\n`, as configparser does.
    case text(String)
    /// An indented block of `key = value` lines (keys keep their case; a repeated key: the later line wins).
    case subsection([AWSConfigEntry])

    /// The text of a plain value; `nil` for a sub-section.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The entries of a sub-section; `nil` for a plain value.
    public var subsection: [AWSConfigEntry]? {
        if case .subsection(let entries) = self { return entries }
        return nil
    }
}
