extension AWSConfigFile {
    /// What a header means, as botocore's `configloader.build_profile_map` decides it for the config file
    /// and `raw_config_parse` (every section a profile) for the credentials file.
    ///
    /// In the config file botocore tests the raw header with `startswith("profile")`, then `"sso-session"`, then
    /// `"services"`, and takes the name from `shlex.split(header)` only when that gives exactly two words; so
    /// `[profile "my name"]` is profile `my name`, while `[profile a b]`, `[profile]` and `[profiles]` are ignored.
    /// `[default]` is the default profile. A plain `[NAME]` in the config file is not a profile.
    static func sectionKind(ofHeader header: String, in kind: Kind) -> AWSConfigSection.Kind {
        guard kind == .config else { return .profile(header) }
        func namedSection(_ make: (String) -> AWSConfigSection.Kind) -> AWSConfigSection.Kind {
            guard let words = try? ShellWords.split(header), words.count == 2 else { return .other }
            return make(words[1])
        }
        let scalars = header.unicodeScalars
        if scalars.starts(with: "profile".unicodeScalars) { return namedSection(AWSConfigSection.Kind.profile) }
        if scalars.starts(with: "sso-session".unicodeScalars) { return namedSection(AWSConfigSection.Kind.ssoSession) }
        if scalars.starts(with: "services".unicodeScalars) { return namedSection(AWSConfigSection.Kind.services) }
        return header == "default" ? .profile("default") : .other
    }
}
