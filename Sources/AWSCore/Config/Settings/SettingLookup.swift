/// The lookups every setting shares: botocore's `ConfigChainFactory` order (command line, then environment
/// variables in order, then the profile key), with one rule applied throughout: an empty value counts as unset.
struct SettingLookup: Sendable {
    let environment: [String: String]
    let profile: AWSProfile

    /// The first of `names` that is set and not empty.
    func environment(_ names: String...) -> ResolvedSetting<String>? {
        for name in names {
            if let value = environment[name], !value.isEmpty { return ResolvedSetting(value, from: .environment(name)) }
        }
        return nil
    }

    /// The profile's value for `key` (see ``AWSProfile``).
    func profile(_ key: String) throws(AWSConfigError) -> ResolvedSetting<String>? {
        try profile.text(key)
    }

    /// The environment variables in order, then the profile key.
    func first(environment names: [String], profileKey key: String) throws(AWSConfigError) -> ResolvedSetting<String>? {
        for name in names {
            if let found = environment(name) { return found }
        }
        return try profile.text(key)
    }

    /// botocore's `ensure_boolean`: `true` in any letter case is true; any other value is false.
    static func boolean(_ setting: ResolvedSetting<String>?) -> ResolvedSetting<Bool> {
        guard let setting else { return ResolvedSetting(false, from: .default) }
        return setting.map { $0.lowercased() == "true" }
    }

    /// A whole number at least `minimum` (read as Python's `int()` reads it, as botocore converts these settings),
    /// or the default.
    static func integer(_ setting: ResolvedSetting<String>?, name: String, minimum: Int, default defaultValue: Int)
        throws(AWSConfigError) -> ResolvedSetting<Int>
    {
        guard let setting else { return ResolvedSetting(defaultValue, from: .default) }
        guard let value = PythonText.int(setting.value), value >= minimum else {
            throw .invalidNumber(setting: name, value: setting, minimum: minimum)
        }
        return ResolvedSetting(value, from: setting.origin)
    }
}
