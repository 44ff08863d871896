import AWSCore
import AWSTestSupport
import Foundation
import Testing

/// `credential_process` end to end: small `/bin/sh` scripts in a temporary HOME, run by the real subprocess runner.
@Suite("Credential chain: credential_process")
struct ProcessCredentialTests {
    static let secret = "processSecret/EXAMPLEKEY"
    static let token = "processSessionTokenEXAMPLE"

    /// A HOME whose default profile runs `script` (a shell body) with `arguments` appended to the command line.
    static func provider(script: String, arguments: String = "", clock: any AWSClock = SystemAWSClock()) throws
        -> (TempHome, any CredentialProvider)
    {
        let home = try TempHome()
        let program = try home.write("bin/creds", "#!/bin/sh\n" + script, executable: true)
        try home.config("[default]\ncredential_process = \(program) \(arguments)\n")
        let provider = try home.configuration()
            .credentialProvider(context: CredentialTestContext.make(transport: FailingTransport(), clock: clock))
        return (home, provider)
    }

    static func document(_ fields: String) -> String {
        "cat <<'JSON'\n{\(fields)}\nJSON\n"
    }

    @Test("a version 1 document: keys, token and expiry; arguments split as the shell would")
    func good() async throws {
        let script = #"printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "%s", "SessionToken": "%s", "Expiration": "2030-01-02T03:04:05Z"}' "$1" "$2" "\#(Self.token)""#
        let (home, provider) = try Self.provider(script: script, arguments: #"AKIAFROMARGUMENT "\#(Self.secret)""#)
        defer { withExtendedLifetime(home) {} }  // the HOME holds the program
        let credentials = try await provider.credentials()
        #expect(credentials.credentials.accessKeyID == "AKIAFROMARGUMENT")
        #expect(credentials.credentials.secretAccessKey == Self.secret)
        #expect(credentials.credentials.sessionToken == Self.token)
        #expect(credentials.expiration.map(AWSTimestamp.iso8601String(from:)) == "2030-01-02T03:04:05Z")
    }

    @Test("no Expiration: long-term keys that never expire")
    func noExpiration() async throws {
        let (home, provider) = try Self.provider(
            script: Self.document(#""Version": 1, "AccessKeyId": "AKIALONGTERM", "SecretAccessKey": "\#(Self.secret)""#))
        defer { withExtendedLifetime(home) {} }  // the HOME holds the program
        let credentials = try await provider.credentials()
        #expect(credentials.credentials.accessKeyID == "AKIALONGTERM")
        #expect(credentials.credentials.sessionToken == nil)
        #expect(credentials.expiration == nil)
    }

    @Test("a chatty process filling stderr while printing its document does not deadlock")
    func largeStderr() async throws {
        let script = "i=0; while [ $i -lt 4000 ]; do echo 'progress line with some padding to fill the pipe' >&2; i=$((i+1)); done\n"
            + Self.document(#""Version": 1, "AccessKeyId": "AKIACHATTY", "SecretAccessKey": "\#(Self.secret)""#)
        let (home, provider) = try Self.provider(script: script)
        defer { withExtendedLifetime(home) {} }  // the HOME holds the program
        #expect(try await provider.credentials().credentials.accessKeyID == "AKIACHATTY")
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let name: String
        let script: String
        let expectedFragments: [String]
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(
            name: "stdout is not JSON",
            script: "echo 'AccessKeyId=AKIA SecretAccessKey=\(secret)'\n",
            expectedFragments: ["did not print a JSON object"]),
        Failure(
            name: "Version missing",
            script: document(#""AccessKeyId": "AKIA", "SecretAccessKey": "\#(secret)""#),
            expectedFragments: ["printed no Version"]),
        Failure(
            name: "Version 2",
            script: document(#""Version": 2, "AccessKeyId": "AKIA", "SecretAccessKey": "\#(secret)""#),
            expectedFragments: ["unsupported Version", "supported versions: 1"]),
        Failure(
            name: "SecretAccessKey missing",
            script: document(#""Version": 1, "AccessKeyId": "AKIA", "SessionToken": "\#(token)""#),
            expectedFragments: ["SecretAccessKey is missing"]),
        Failure(
            name: "Expiration not a timestamp",
            script: document(#""Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "\#(secret)", "Expiration": "soon""#),
            expectedFragments: ["Expiration that is not an ISO 8601 timestamp"]),
        Failure(
            name: "non-zero exit: status and stderr, never stdout",
            script: document(#""Version": 1, "AccessKeyId": "AKIA", "SecretAccessKey": "\#(secret)""#)
                + "echo 'sso session expired' >&2\necho 'run: login-helper --refresh' >&2\nexit 3\n",
            expectedFragments: ["exited with status 3", "sso session expired\nrun: login-helper --refresh"]),
    ]

    @Test("a bad process is reported by what is wrong, naming the program and setting, without its output",
          arguments: failures)
    func failure(_ failure: Failure) async throws {
        let (home, provider) = try Self.provider(script: failure.script)
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        let description = error?.description ?? ""
        for fragment in failure.expectedFragments { #expect(description.contains(fragment)) }
        #expect(description.contains(home.path + "/bin/creds"))
        #expect(description.contains("[default]"))
        for printed in CredentialTestContext.printedForms(of: try #require(error)) {
            #expect(!printed.contains(Self.secret))
            #expect(!printed.contains(Self.token))
        }
    }

    @Test("a program that does not exist cannot be started")
    func missingProgram() async throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.config("[default]\ncredential_process = \(home.path)/bin/absent --flag\n")
        let provider = try home.configuration()
            .credentialProvider(context: CredentialTestContext.make(transport: FailingTransport()))
        let error = await #expect(throws: CredentialProviderError.self) { try await provider.credentials() }
        guard case .processLaunchFailed(let program, _, _) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(program == home.path + "/bin/absent")
    }
}
