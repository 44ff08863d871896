import AWSCore
import AWSTestSupport
import Foundation
import Testing

/// The provider from `credentialProvider(context:)` is cached: fetched once, reused far from expiry, fetched again
/// within 5 minutes of it (judged by the context's clock).
@Suite("Credential chain: caching and refresh")
struct CredentialRefreshTests {
    /// 2026-05-28T20:26:40Z, the manual clock's start; the process's credentials expire an hour later.
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    struct Step: Sendable {
        let advance: Duration
        let expectedRuns: Int
    }

    @Test(
        "a credential_process is run again only when its credentials are about to expire",
        arguments: [
            [Step(advance: .zero, expectedRuns: 1), Step(advance: .seconds(1_800), expectedRuns: 1),
             Step(advance: .seconds(1_499), expectedRuns: 1), Step(advance: .seconds(1), expectedRuns: 2)],
            [Step(advance: .zero, expectedRuns: 1), Step(advance: .seconds(3_600), expectedRuns: 2),
             Step(advance: .seconds(10), expectedRuns: 3)],
        ])
    func refresh(_ steps: [Step]) async throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let counter = home.path + "/runs"
        let expiration = AWSTimestamp.iso8601String(from: Self.start.addingTimeInterval(3_600))
        let program = try home.write(
            "bin/creds",
            """
            #!/bin/sh
            echo run >> '\(counter)'
            n=$(wc -l < '\(counter)' | tr -d ' ')
            printf '{"Version": 1, "AccessKeyId": "AKIARUN%s", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "%s"}' "$n" "\(expiration)"
            """, executable: true)
        try home.config("[default]\ncredential_process = \(program)\n")
        let clock = ManualClock(start: Self.start)
        let provider = try home.configuration()
            .credentialProvider(context: CredentialTestContext.make(transport: FailingTransport(), clock: clock))

        for step in steps {
            clock.advance(by: step.advance)
            let credentials = try await provider.credentials()
            let runs = try String(contentsOfFile: counter, encoding: .utf8).split(separator: "\n").count
            #expect(runs == step.expectedRuns)
            #expect(credentials.credentials.accessKeyID == "AKIARUN\(step.expectedRuns)")
        }
    }
}
