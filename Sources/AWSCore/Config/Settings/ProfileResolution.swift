/// Which profile is in effect: `--profile` > `AWS_PROFILE` > `AWS_DEFAULT_PROFILE` > `default` (DESIGN.md; the
/// AWS CLI v2 order in `awscli/botocore/configprovider.py`), and whether it exists.
enum ProfileResolution {
    /// The selected profile name and where the choice came from.
    static func selectedName(commandLine: AWSCommandLineOverrides, environment: [String: String]) -> ResolvedSetting<String> {
        if let option = AWSCommandLineOverrides.setting(commandLine.profile, option: "--profile") { return option }
        let lookup = SettingLookup(environment: environment, profile: AWSProfile(name: "", entries: []))
        return lookup.environment("AWS_PROFILE", "AWS_DEFAULT_PROFILE") ?? ResolvedSetting("default", from: .default)
    }

    /// The merged profile. A profile chosen by name must exist; the implicit `default` may be missing, and is then
    /// empty (botocore's `Session.get_scoped_config`).
    static func profile(named name: ResolvedSetting<String>, in shared: AWSSharedConfig) throws(AWSConfigError) -> AWSProfile {
        if let profile = shared.profile(named: name.value) { return profile }
        guard name.origin != .default else { return AWSProfile(name: name.value, entries: []) }
        throw .profileNotFound(
            name: name.value, origin: name.origin, available: shared.profileNames,
            searched: [shared.configPath.value, shared.credentialsPath.value], hints: hints(for: name.value, in: shared))
    }

    /// Sections that look like the missing profile but are not one, with what to write instead.
    static func hints(for name: String, in shared: AWSSharedConfig) -> [String] {
        var hints: [String] = []
        for section in shared.configFile?.sections ?? [] where section.kind == .other {
            if section.header == name {
                hints.append(
                    "\(shared.configPath.value) line \(section.line) has [\(name)], which the config file does not read "
                        + "as a profile: write [profile \(name)] there (plain [\(name)] is for the credentials file).")
            } else if section.header.hasPrefix("profile"), section.header.contains(name) {
                hints.append(
                    "\(shared.configPath.value) line \(section.line) has [\(section.header)], which the AWS CLI ignores: "
                        + "a profile header is [profile NAME], with quotes around a name that has spaces.")
            }
        }
        for section in shared.credentialsFile?.sections ?? [] where section.header == "profile \(name)" {
            hints.append(
                "\(shared.credentialsPath.value) line \(section.line) has [profile \(name)], which defines a profile "
                    + "named 'profile \(name)': the credentials file uses [\(name)].")
        }
        return hints
    }
}
