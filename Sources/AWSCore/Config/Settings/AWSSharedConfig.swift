/// The two shared files, `~/.aws/config` and `~/.aws/credentials`, located and parsed as the AWS CLI does.
///
/// The library never touches the file system: ``load(environment:readFile:)`` takes a closure that returns a
/// file's bytes, or `nil` when there is no file at that path (botocore treats a missing file as empty).
///
/// ## Usage
///
/// ```swift
/// let shared = try AWSSharedConfig.load(environment: environment) { path in
///     try fileSystem.contentsIfExists(atPath: path)
/// }
/// shared.profile(named: "prod")?["region"]
/// ```
public struct AWSSharedConfig: Sendable, Hashable {
    /// Where the config file is looked for (`AWS_CONFIG_FILE`, else `~/.aws/config`), expanded.
    public let configPath: ResolvedSetting<String>
    /// Where the credentials file is looked for (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`), expanded.
    public let credentialsPath: ResolvedSetting<String>
    /// The parsed config file; `nil` when there is none.
    public let configFile: AWSConfigFile?
    /// The parsed credentials file; `nil` when there is none.
    public let credentialsFile: AWSConfigFile?

    /// Shared config from already-parsed files.
    public init(
        configPath: ResolvedSetting<String>, credentialsPath: ResolvedSetting<String>, configFile: AWSConfigFile?,
        credentialsFile: AWSConfigFile?
    ) {
        self.configPath = configPath
        self.credentialsPath = credentialsPath
        self.configFile = configFile
        self.credentialsFile = credentialsFile
    }

    /// Locates both files from `environment` (using its `HOME` for `~`), reads them with `readFile`, and parses them.
    ///
    /// - Parameter readFile: the bytes of the file at a path, or `nil` if nothing is there; anything it throws
    ///   becomes ``AWSConfigFileError/unreadable(path:reason:)``.
    /// - Throws: ``AWSConfigError`` (no `HOME` to expand `~`) or ``AWSConfigFileError`` (unreadable or malformed file).
    public static func load(
        environment: [String: String], readFile: (String) throws -> [UInt8]?
    ) throws -> AWSSharedConfig {
        let configPath = try path(variable: "AWS_CONFIG_FILE", default: "~/.aws/config", environment: environment)
        let credentialsPath = try path(
            variable: "AWS_SHARED_CREDENTIALS_FILE", default: "~/.aws/credentials", environment: environment)
        func parse(_ path: String, _ kind: AWSConfigFile.Kind) throws(AWSConfigFileError) -> AWSConfigFile? {
            let bytes: [UInt8]?
            do {
                bytes = try readFile(path)
            } catch {
                throw .unreadable(path: path, reason: String(describing: error))
            }
            return try bytes.map { bytes throws(AWSConfigFileError) in try AWSConfigFile(parsing: bytes, path: path, kind: kind) }
        }
        return AWSSharedConfig(
            configPath: configPath, credentialsPath: credentialsPath,
            configFile: try parse(configPath.value, .config), credentialsFile: try parse(credentialsPath.value, .credentials))
    }

    /// `AWS_CONFIG_FILE`-style path resolution: the variable if set and not empty, else the default; then
    /// `$VAR` and `~` expansion (botocore's `raw_config_parse`).
    static func path(variable: String, default defaultPath: String, environment: [String: String])
        throws(AWSConfigError) -> ResolvedSetting<String>
    {
        let raw: ResolvedSetting<String>
        if let value = environment[variable], !value.isEmpty {
            raw = ResolvedSetting(value, from: .environment(variable))
        } else {
            raw = ResolvedSetting(defaultPath, from: .default)
        }
        guard let expanded = PathExpansion.expand(raw.value, environment: environment) else {
            throw .homeDirectoryUnknown(path: raw.value, origin: raw.origin)
        }
        return ResolvedSetting(expanded, from: raw.origin)
    }

    /// The profile called `name`: the config file's `[default]`/`[profile name]` updated with the credentials
    /// file's `[name]`; `nil` if neither file defines it.
    public func profile(named name: String) -> AWSProfile? {
        let fromConfig = configFile?.profileSection(named: name)
        let fromCredentials = credentialsFile?.profileSection(named: name)
        guard fromConfig != nil || fromCredentials != nil else { return nil }
        return AWSProfile(name: name, entries: fromConfig?.entries ?? []).updated(with: fromCredentials?.entries ?? [])
    }

    /// Every profile either file defines, sorted.
    public var profileNames: [String] {
        Set((configFile?.profileNames ?? []) + (credentialsFile?.profileNames ?? [])).sorted()
    }

    /// The paths of the files that exist, config file first.
    var existingFilePaths: [String] {
        [configFile?.path, credentialsFile?.path].compactMap { $0 }
    }
}
