/// A profile as botocore sees it: the config file's section merged with the credentials file's, whose keys win.
///
/// botocore's `Session.full_config` loads the config file's profiles, then `update`s each with the section of the
/// same name in the credentials file; settings such as `region` are read from this merged view.
public struct AWSProfile: Sendable, Hashable {
    /// The profile name.
    public let name: String
    /// Its settings: the config file's in file order, replaced or followed by the credentials file's.
    public let entries: [AWSConfigEntry]

    /// A profile from its parts.
    public init(name: String, entries: [AWSConfigEntry]) {
        self.name = name
        self.entries = entries
    }

    /// The entry for `key` (looked up lower-cased), or `nil`.
    public subscript(key: String) -> AWSConfigEntry? {
        let key = key.lowercased()
        return entries.first { $0.key == key }
    }

    /// Whether `key` is set to something: botocore tests `key in profile`, and an empty value counts as unset here.
    func has(_ key: String) -> Bool {
        guard let value = self[key]?.value else { return false }
        return value.text.map { !$0.isEmpty } ?? true
    }

    /// The text of `key` with its location; `nil` when unset or empty (an empty value counts as unset).
    ///
    /// - Throws: ``AWSConfigError/nestedValueNotAllowed(key:location:)`` when `key` has an indented block.
    func text(_ key: String) throws(AWSConfigError) -> ResolvedSetting<String>? {
        guard let entry = self[key] else { return nil }
        guard let text = entry.value.text else {
            throw .nestedValueNotAllowed(key: entry.key, location: entry.location)
        }
        return text.isEmpty ? nil : ResolvedSetting(text, from: .configFile(entry.location))
    }

    /// The keys of `other` replace this profile's in place or are appended (a Python `dict.update`).
    func updated(with other: [AWSConfigEntry]) -> AWSProfile {
        var entries = self.entries
        for entry in other {
            if let index = entries.firstIndex(where: { $0.key == entry.key }) {
                entries[index] = entry
            } else {
                entries.append(entry)
            }
        }
        return AWSProfile(name: name, entries: entries)
    }
}
