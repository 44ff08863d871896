import Foundation
import AMIKeyWorkflows
import AWSCore

/// `amikey whoami` as text or JSON.
enum WhoAmIRenderer {
    /// Writes the report; text shows files under `home` as `~/…`, JSON keeps whole paths.
    static func render(_ report: WhoAmIReport, format: OutputOptions.Format, home: String, to sink: any OutputSink) {
        switch format {
        case .json: sink.write(json(report).serialized() + "\n")
        case .text: sink.write(text(report, home: home))
        }
    }

    /// `{"account", "arn", "userId", "profile": {"value", "origin"}, "region": {…}, "endpoints": [{"service", "url",
    /// "origin", "signingRegion"}], "credentials": {"source", "origin"}}`.
    static func json(_ report: WhoAmIReport) -> JSONValue {
        .object([
            ("account", .string(report.account)),
            ("arn", .string(report.arn)),
            ("userId", .string(report.userID)),
            ("profile", setting(report.profile)),
            ("region", setting(report.region)),
            (
                "endpoints",
                .array(
                    report.endpoints.map { endpoint in
                        .object([
                            ("service", .string(endpoint.service.name)),
                            ("url", .string(endpoint.url.absoluteString)),
                            ("origin", .string(endpointOrigin(endpoint))),
                            ("signingRegion", .string(endpoint.signingRegion)),
                        ])
                    })
            ),
            (
                "credentials",
                .object([
                    ("source", .string(report.credentials.source.description)),
                    ("origin", .string(report.credentials.origin.description)),
                ])
            ),
        ])
    }

    static func text(_ report: WhoAmIReport, home: String) -> String {
        var rows: [(String, String)] = [
            ("Account", report.account),
            ("Identity", report.arn),
            ("User ID", report.userID),
            ("Profile", "\(report.profile.value) (from \(report.profile.origin))"),
            ("Region", "\(report.region.value) (from \(report.region.origin))"),
        ]
        for endpoint in report.endpoints {
            rows.append(("\(endpoint.service.displayName) endpoint", "\(endpoint.url) (from \(endpointOrigin(endpoint)))"))
        }
        rows.append(("Credentials", report.credentials.description))
        let width = rows.map(\.0.count).max() ?? 0
        let homePrefix = home.hasSuffix("/") ? home : home + "/"
        return rows.map { label, value in
            label.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + (home.isEmpty ? value : value.replacingOccurrences(of: " " + homePrefix, with: " ~/"))
        }.joined(separator: "\n") + "\n"
    }

    private static func setting(_ setting: ResolvedSetting<String>) -> JSONValue {
        .object([("value", .string(setting.value)), ("origin", .string(setting.origin.description))])
    }

    private static func endpointOrigin(_ endpoint: ResolvedEndpoint) -> String {
        endpoint.origin == .default ? "the \(endpoint.partition.id) partition's default" : endpoint.origin.description
    }
}
