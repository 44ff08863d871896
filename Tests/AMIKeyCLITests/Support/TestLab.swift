import AMIKeyWorkflows
import AWSCore
import AWSServices
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import AMIKeyCLI

/// A lab started for tests in a fresh directory under `/var/lib/amikey-tests` (never below `/tmp`, `/home` or `/root`,
/// which the lab refuses), through the product's own launcher, and always stopped by the scope that made it.
final class TestLab: Sendable {
    /// The lab's directory.
    let directory: LabDirectory
    /// Its `lab.json`.
    let info: LabInfo
    /// The context the launcher and the demo ran with: the real file system, processes, clock and network.
    let context: WorkflowContext

    /// The lab the enclosing `.sharedLab` scope started.
    @TaskLocal static var current: TestLab?

    /// The project directory (the one holding `Lab/`), from this file's place in it.
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// One HTTP client for every lab of this test process. The connect timeout also bounds the wait for a pooled
    /// connection (8 per host): with every lab suite running in parallel a 5 s one ran out once in CI.
    static let transport = AsyncHTTPClientTransport(timeouts: .init(connect: .seconds(60), read: .seconds(120)))

    /// A fresh directory for a lab under /var/lib (not below /tmp, nor inside /home or /root: the lab refuses those).
    static func freshDirectory() throws -> String {
        let path = "/var/lib/amikey-tests/lab-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    /// The real world, as the CLI builds it.
    static func context() -> WorkflowContext {
        let variables = ProcessInfo.processInfo.environment
        return WorkflowContext(
            fileSystem: LocalFileSystem(), environment: variables, homeDirectory: variables["HOME"] ?? NSHomeDirectory(),
            currentDirectory: FileManager.default.currentDirectoryPath,
            aws: AWSAccess(
                overrides: AWSCommandLineOverrides(), transport: transport, clock: SystemAWSClock(),
                processRunner: SubprocessCredentialProcessRunner()),
            processes: LocalProcessRunner(), clock: SystemAWSClock())
    }

    /// The launcher for a directory, with this project's `Lab/` package.
    static func launcher(_ directory: String) -> LabLauncher {
        LabLauncher(directory: LabDirectory(path: directory), source: LabSource(root: projectRoot))
    }

    /// Starts a lab in a fresh directory.
    static func start() async throws -> TestLab {
        let path = try freshDirectory()
        let context = context()
        let report = try await launcher(path).up(context)
        return TestLab(directory: LabDirectory(path: path), info: report.info, context: context)
    }

    private init(directory: LabDirectory, info: LabInfo, context: WorkflowContext) {
        self.directory = directory
        self.info = info
        self.context = context
    }

    /// Stops the lab and removes its directory.
    @discardableResult
    func stop() async throws -> LabDownReport {
        let report = try await Self.launcher(directory.path).down(context)
        try? FileManager.default.removeItem(atPath: directory.path)
        return report
    }

    /// The product's clients for accounts A and B.
    func accounts() async throws -> LabAccounts {
        guard let access = context.aws else { throw LabFailure(code: "no-runner", message: "no network") }
        return try await LabAccounts.open(info, access: access)
    }

    /// A client for a fresh account of its own (any 12-digit id works through AssumeRole), so parallel tests never
    /// see each other's resources.
    func freshAccount() async throws -> (id: String, client: AWSServiceClient) {
        let id = String(Int.random(in: 300_000_000_000...999_999_999_999))
        var info = self.info
        info.accounts.b = LabInfo.Account(accountId: id, roleArn: "arn:aws:iam::\(id):role/amikey-tests")
        guard let access = context.aws else { throw LabFailure(code: "no-runner", message: "no network") }
        return (id, try await LabAccounts.open(info, access: access).b)
    }

    /// Whether a process with this pid exists and is not a zombie.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// Whether something accepts TCP connections on 127.0.0.1:port.
    static func isListening(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { Glibc.close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// One lab for a whole suite: started before its first test, stopped after its last (even when tests fail).
struct SharedLabScope: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let lab = try await TestLab.start()
        do {
            try await TestLab.$current.withValue(lab) { try await function() }
        } catch {
            _ = try? await lab.stop()
            throw error
        }
        try await lab.stop()
    }
}

extension Trait where Self == SharedLabScope {
    /// Runs the suite against one lab of its own.
    static var sharedLab: Self { SharedLabScope() }
}

/// The suite's lab (only inside a `.sharedLab` suite).
func currentLab() throws -> TestLab {
    try #require(TestLab.current, "this test must run in a suite with the .sharedLab trait")
}
