import AWSCore
import AWSTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary HOME with `.aws/config` and `.aws/credentials` written into it, removed when the value goes away;
/// configurations load from it through the real file system, as the CLI would. Providers read its files lazily, so
/// tests keep it alive to the end (`defer { withExtendedLifetime(home) {} }`).
final class TempHome: @unchecked Sendable {  // only read after set-up
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("amikey-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/.aws", withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `relativePath` (directories created), mode 0700 when `executable`, and returns the full path.
    ///
    /// Written through a close-on-exec descriptor: Foundation's atomic write uses `mkstemp`, whose descriptor a
    /// process spawned meanwhile by a parallel test would inherit and keep, making `exec` of the script fail with
    /// ETXTBSY ("text file busy").
    @discardableResult
    func write(_ relativePath: String, _ text: String, executable: Bool = false) throws -> String {
        let target = path + "/" + relativePath
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, executable ? 0o700 : 0o600)
        guard descriptor >= 0 else { throw Failure(message: "could not create \(target)") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { writeBytes(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw Failure(message: "could not write \(target)") }
            written += result
        }
        return target
    }

    /// `~/.aws/config`.
    func config(_ text: String) throws { try write(".aws/config", text) }
    /// `~/.aws/credentials`.
    func credentials(_ text: String) throws { try write(".aws/credentials", text) }

    /// The environment with HOME here and nothing from the real environment, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["HOME": path]) { given, _ in given }
    }

    /// A configuration loaded from this HOME and `extra` variables.
    func configuration(
        _ extra: [String: String] = [:], commandLine: AWSCommandLineOverrides = AWSCommandLineOverrides()
    ) throws -> AWSConfiguration {
        try AWSConfiguration.load(environment: environment(extra), commandLine: commandLine, readFile: Self.readFile)
    }

    /// The real file system: the bytes, or `nil` when there is no such file.
    static let readFile: @Sendable (String) throws -> [UInt8]? = { path in
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// Contexts for credential tests.
enum CredentialTestContext {
    /// The real transport shared with moto, the given clock, the real file system and subprocesses.
    static func make(
        transport: any HTTPTransport, clock: any AWSClock = SystemAWSClock(),
        mfaTokenCode: (@Sendable (String) async throws -> String)? = nil, logger: RequestLogger? = nil
    ) -> CredentialProviderContext {
        CredentialProviderContext(
            transport: transport, clock: clock, readFile: TempHome.readFile,
            processRunner: SubprocessCredentialProcessRunner(), mfaTokenCode: mfaTokenCode, logger: logger)
    }

    /// Every printed form of an error, to check none holds a secret.
    static func printedForms(of error: any Error) -> [String] {
        var dumped = ""
        dump(error, to: &dumped)
        return [String(describing: error), String(reflecting: error), "\(error)", dumped]
    }
}

extension CredentialTestContext {
    /// One real transport for the loopback fakes, never shut down (like moto's).
    static let loopbackTransport = AsyncHTTPClientTransport(timeouts: .init(connect: .seconds(60), read: .seconds(60)))

    /// The resolved source's SSO or login cache path.
    static func cachePath(_ configuration: AWSConfiguration) throws -> String {
        switch try configuration.credentialSource().source {
        case .sso(let source): return source.tokenCachePath
        case .login(let source): return source.tokenCachePath
        default: throw TempHome.Failure(message: "the chain picked neither SSO nor login")
        }
    }
}

/// The C `write`, out of reach of ``TempHome/write(_:_:executable:)``'s own name.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
