/// A sentence of the doctor's report in every language amikey speaks, written side by side so the two never drift.
///
/// Rules build these from the catalog (`DoctorText+Catalog.swift`); renderers pick the language.
///
/// ```swift
/// let text = DoctorText.launchKeyNotInstalled(keyName: "new-key", user: "ec2-user")
/// print(text[.ja])
/// ```
public struct DoctorText: Sendable, Hashable, CustomStringConvertible {
    /// English.
    public var en: String
    /// Japanese.
    public var ja: String

    /// A text from its two languages.
    public init(en: String, ja: String) {
        self.en = en
        self.ja = ja
    }

    /// The text in `language`.
    public subscript(language: ReportLanguage) -> String {
        switch language {
        case .en: en
        case .ja: ja
        }
    }

    /// The English text (what logs and test failures show).
    public var description: String { en }
}

/// The languages reports are written in (`--lang en|ja`).
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    /// English.
    case en
    /// Japanese.
    case ja

    /// The language a locale asks for (`LC_ALL` > `LC_MESSAGES` > `LANG`, as POSIX orders them): Japanese for `ja`,
    /// `ja_JP.UTF-8` and the like, English otherwise.
    public static func from(environment: [String: String]) -> ReportLanguage {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("ja") ? .ja : .en
        }
        return .en
    }
}
