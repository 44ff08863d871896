/// Where a resolved setting came from, so `amikey whoami` can say why each value is what it is.
public enum SettingOrigin: Sendable, Hashable, CustomStringConvertible {
    /// A global option on the command line, spelled as the user typed it (for example `--region`).
    case commandLine(String)
    /// An environment variable, by name (for example `AWS_REGION`).
    case environment(String)
    /// A `key = value` line in `~/.aws/config` or `~/.aws/credentials`.
    case configFile(ConfigFileLocation)
    /// The EC2 instance metadata service answered (the region, when nothing else set one).
    case instanceMetadata
    /// No source set it: the AWS CLI's built-in default.
    case `default`

    /// A short phrase that completes "… from": `--region`, `environment variable AWS_REGION`,
    /// `[profile prod] in /home/me/.aws/config, line 3`, `the default`.
    public var description: String {
        switch self {
        case .commandLine(let option): return option
        case .environment(let name): return "environment variable \(name)"
        case .configFile(let location): return location.description
        case .instanceMetadata: return "instance metadata"
        case .default: return "the default"
        }
    }
}
