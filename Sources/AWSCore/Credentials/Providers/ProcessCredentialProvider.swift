import Foundation
import AWSSigV4

/// Runs `credential_process` and reads the version 1 document on its standard output (botocore `ProcessProvider`;
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html).
///
/// Standard output holds the secret key, so no message ever quotes it: a bad document is reported by the key at
/// fault. A failing process is reported by its exit status and the first lines of its standard error.
struct ProcessCredentialProvider: CredentialProvider {
    /// The command.
    let source: ProcessSource
    /// Runs it.
    let runner: any CredentialProcessRunner

    /// How much of standard error a failure message quotes.
    static let stderrLineLimit = 5
    static let stderrCharacterLimit = 1_000

    func credentials() async throws -> ExpiringCredentials {
        let program = source.arguments.first ?? ""
        let origin = source.commandLine.origin
        let output: CredentialProcessOutput
        do {
            output = try await runner.run(source.arguments)
        } catch let error as CredentialProcessLaunchError {
            throw CredentialProviderError.processLaunchFailed(program: program, origin: origin, reason: error.reason)
        }
        guard output.exitStatus == 0 else {
            throw CredentialProviderError.processFailed(
                program: program, origin: origin, exitStatus: output.exitStatus, stderr: Self.excerpt(of: output.stderr))
        }
        func invalid(_ reason: String) -> CredentialProviderError {
            .processOutputInvalid(program: program, origin: origin, reason: reason)
        }
        guard let document = CredentialJSON(output.stdout) else {
            throw invalid("did not print a JSON object on standard output")
        }
        guard document.contains("Version") else { throw invalid("printed no Version") }
        guard document.number("Version") == 1 else {
            throw invalid("printed an unsupported Version (supported versions: 1)")
        }
        let credentials: AWSCredentials
        do throws(CredentialJSON.Missing) {
            credentials = AWSCredentials(
                accessKeyID: try document.require("AccessKeyId"),
                secretAccessKey: try document.require("SecretAccessKey"),
                sessionToken: document.string("SessionToken").flatMap { $0.isEmpty ? nil : $0 })
        } catch {
            throw invalid("printed a document where \(error.reason)")
        }
        // No Expiration means long-term credentials: used for the whole run, never refreshed.
        guard let expiration = document.string("Expiration") else { return ExpiringCredentials(credentials) }
        guard let date = AWSTimestamp.date(fromISO8601: expiration) else {
            throw invalid("printed an Expiration that is not an ISO 8601 timestamp")
        }
        return ExpiringCredentials(credentials, expiration: date)
    }

    /// The first lines of standard error, shortened, with any private key block removed.
    static func excerpt(of stderr: [UInt8]) -> String {
        let text = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(stderrLineLimit)
            .joined(separator: "\n")
        if lines.count > stderrCharacterLimit { lines = String(lines.prefix(stderrCharacterLimit)) + "…" }
        else if text.count > lines.count { lines += "\n…" }
        return SecretRedactor().redact(text: lines)
    }
}
