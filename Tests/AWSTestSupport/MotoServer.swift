import AMIKeyTestSupport
import AWSCore
import AWSSigV4
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The stock moto server (`moto_server -H 127.0.0.1 -p PORT`), started once per test process on a free port.
///
/// moto runs under a tiny shell guard that kills it once this test process is gone (normal exit, crash or kill),
/// so no server outlives the tests. A missing moto is a failure, never a skip: install it with
/// `pip install 'moto[server]==5.2.1'`.
public final class MotoServer: @unchecked Sendable {  // `Process` is not Sendable; it is only read after start-up.
    /// The server's base URL, `http://127.0.0.1:PORT`.
    public let baseURL: String
    /// The transport tests share (one connection pool for the whole process; never shut down).
    public let transport: AsyncHTTPClientTransport
    /// Where moto's own output goes, for diagnosing a start-up failure.
    public let logPath: String
    private let guardProcess: Process

    /// The one server of this test process.
    public static func shared() async throws -> MotoServer {
        try await Starter.shared.server()
    }

    /// moto's default account and the long-term keys tests sign with (moto does not check signatures).
    public static let defaultAccount = "123456789012"
    public static let credentials = AWSCredentials(
        accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "mOtOTestSecret/K7MDENG+bPxRfiCYzEXAMPLEKEY")

    private init(executable: String) async throws {
        let port = try LoopbackSocket.freePort()
        baseURL = "http://127.0.0.1:\(port)"
        // The connect timeout also bounds the wait for a pooled connection (8 per host), busy when suites run at once.
        transport = AsyncHTTPClientTransport(timeouts: .init(connect: .seconds(60), read: .seconds(120)))
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("amikey-moto-\(port).log").path
        guardProcess = Process()
        guardProcess.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The shell becomes moto (`exec`, same pid) after starting a watcher that kills it once this test process,
        // the shell's parent, is gone; an exit handler kills it sooner on a normal exit.
        // SIGKILL because moto_server ignored SIGTERM here.
        guardProcess.arguments = [
            "-c",
            #"parent=$PPID; (while kill -0 $parent 2>/dev/null; do sleep 1; done; kill -KILL $$) & "#
                + #"exec "$0" -H 127.0.0.1 -p "$1" >"$2" 2>&1"#,
            executable, String(port), logPath,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
        guardProcess.environment = environment
        // Never share our stdout/stderr: the test runner reads them to EOF, which a live server would hold off.
        guardProcess.standardInput = FileHandle.nullDevice
        guardProcess.standardOutput = FileHandle.nullDevice
        guardProcess.standardError = FileHandle.nullDevice
        try guardProcess.run()
        Self.stopAtExit(pid: guardProcess.processIdentifier)
        try await waitUntilReady()
        try await warmUp()
    }

    /// moto loads a service's backend on the first request to it, which takes seconds on a busy machine; paying
    /// that once here keeps the first call of each suite from running into its attempt timeout and being retried.
    private func warmUp() async throws {
        let client = self.client()
        let calls: [(AWSServiceID, AWSQueryProtocol, String)] = [
            (.sts, .sts, "GetCallerIdentity"), (.ec2, .ec2, "DescribeRegions"),
        ]
        for (service, wire, action) in calls {
            _ = try await client.execute(
                wire.request(action: action), endpoint: try endpoint(service),
                traits: OperationRetryTraits(service: service.name, operation: action, idempotency: .readOnly))
        }
    }

    /// Polls moto's own API until it answers (moto takes a second or two to import its backends).
    private func waitUntilReady() async throws {
        let probe = HTTPTransportRequest(method: "GET", url: baseURL + "/moto-api/", headers: [:], body: [])
        for _ in 0..<300 {
            if let response = try? await transport.send(probe, timeout: .seconds(2)), response.statusCode == 200 {
                return
            }
            guard guardProcess.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw MotoUnavailable(message: "moto_server did not answer on \(baseURL); its output is in \(logPath)")
    }

    /// The server's pid, for the exit handler (a C function pointer cannot capture it).
    nonisolated(unsafe) private static var serverPID: Int32 = 0

    private static func stopAtExit(pid: Int32) {
        serverPID = pid
        atexit { if MotoServer.serverPID > 0 { kill(MotoServer.serverPID, SIGKILL) } }
    }

    /// A resolved endpoint for `service` on this server, signed for `region`.
    public func endpoint(_ service: AWSServiceID, region: String = "us-east-1") throws -> ResolvedEndpoint {
        ResolvedEndpoint(
            service: service, url: try EndpointURL(validating: baseURL), signingRegion: region,
            partition: AWSPartition.containing(region: region), origin: .commandLine("--endpoint-url"))
    }

    /// A client for this server signing with `credentials`, logging to `logger` when given.
    public func client(
        credentials: AWSCredentials = MotoServer.credentials, logger: RequestLogger? = nil
    ) -> AWSClient {
        AWSClient(
            transport: transport, credentialProvider: StaticCredentialProvider(credentials),
            retryPolicy: .standard(), logger: logger)
    }

    /// Starts the server on first use; every later caller gets the same one (or the same failure).
    private actor Starter {
        static let shared = Starter()
        private var started: Task<MotoServer, any Error>?

        func server() async throws -> MotoServer {
            if let started { return try await started.value }
            let task = Task { () throws -> MotoServer in
                guard let executable = Self.findExecutable("moto_server") else {
                    throw MotoUnavailable(
                        message: "moto_server is not on PATH; install it with: pip install 'moto[server]==5.2.1'")
                }
                return try await MotoServer(executable: executable)
            }
            started = task
            return try await task.value
        }

        private static func findExecutable(_ name: String) -> String? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
        }
    }

    /// moto is missing or did not start.
    public struct MotoUnavailable: Error, CustomStringConvertible {
        /// What went wrong and how to fix it.
        public let message: String
        /// The message.
        public var description: String { message }
    }
}
