import AMIKeyWorkflows
import ArgumentParser

/// `--lang en|ja`: the report's language, else the locale's (`LC_ALL`, `LC_MESSAGES`, `LANG`).
struct LanguageOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Language of the report: en or ja (default: ja when the locale is Japanese, such as LANG=ja_JP.UTF-8).",
        valueName: "en|ja"))
    var language: ReportLanguage?

    /// The language asked for, else the locale's.
    func resolved(environment: [String: String]) -> ReportLanguage {
        language ?? ReportLanguage.from(environment: environment)
    }
}

extension ReportLanguage: ExpressibleByArgument {}
