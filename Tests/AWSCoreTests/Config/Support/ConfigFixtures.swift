import AWSCore

/// Builds shared files and configurations in memory: every test gets its own environment dictionary and file map,
/// so suites run in parallel without touching the real HOME.
enum ConfigFixtures {
    static let home = "/home/me"
    static let configPath = "/home/me/.aws/config"
    static let credentialsPath = "/home/me/.aws/credentials"

    /// A parsed config file (`kind: .config`) or credentials file.
    static func file(_ text: String, kind: AWSConfigFile.Kind = .config, path: String? = nil) throws -> AWSConfigFile {
        try AWSConfigFile(parsing: text, path: path ?? (kind == .config ? configPath : credentialsPath), kind: kind)
    }

    /// The environment with `HOME` set, plus `extra`.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["HOME": home]) { given, _ in given }
    }

    /// A reader over an in-memory file map; paths not in the map do not exist.
    static func reader(_ files: [String: String]) -> (String) throws -> [UInt8]? {
        { path in files[path].map { Array($0.utf8) } }
    }

    /// A configuration from config and credentials texts at the default paths.
    static func configuration(
        config: String? = nil, credentials: String? = nil, environment extra: [String: String] = [:],
        commandLine: AWSCommandLineOverrides = AWSCommandLineOverrides()
    ) throws -> AWSConfiguration {
        var files: [String: String] = [:]
        if let config { files[configPath] = config }
        if let credentials { files[credentialsPath] = credentials }
        return try AWSConfiguration.load(environment: environment(extra), commandLine: commandLine, readFile: reader(files))
    }

    /// Every printed form of a value: `description`, `debugDescription`, interpolation and `dump`.
    static func printedForms(of value: some Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }
}
