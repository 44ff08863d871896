/// A line of a shared config or credentials file, and the section it belongs to.
public struct ConfigFileLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path after `~` and `$VAR` expansion, as it was read.
    public let path: String
    /// The section header as written between the brackets (`profile prod`, `default`, `services local`, `DEFAULT`).
    public let section: String
    /// The 1-based line number of the key (for a value inherited from `[DEFAULT]`, the line in that section).
    public let line: Int

    /// A location from its parts.
    public init(path: String, section: String, line: Int) {
        self.path = path
        self.section = section
        self.line = line
    }

    /// `[profile prod] in /home/me/.aws/config, line 3`.
    public var description: String { "[\(section)] in \(path), line \(line)" }
}
