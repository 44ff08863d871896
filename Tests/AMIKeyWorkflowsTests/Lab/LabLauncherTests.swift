import AMIKeyWorkflows
import AWSCore
import AWSTestSupport
import Synchronization
import Testing

/// The launcher's decisions with a scripted process runner and a manual clock: what it runs, how long it waits,
/// and what it says when the lab does not come up. (The real thing is tested in AMIKeyCLITests' lab suites.)
@Suite("LabLauncher")
struct LabLauncherTests {
    static let directory = LabDirectory(path: "/var/lib/amikey/lab")
    static let launcher = LabLauncher(
        directory: directory, source: LabSource(root: "/src/amikey"), startTimeout: .seconds(10), pollInterval: .milliseconds(250))

    /// A context over memory, with the runner and clock given and no server to answer.
    static func context(_ files: InMemoryFileSystem, _ runner: ScriptedRunner, _ clock: ManualClock) -> WorkflowContext {
        WorkflowContext(
            fileSystem: files, environment: ["PATH": "/usr/bin", "PYTHONPATH": "/site"], homeDirectory: "/root",
            currentDirectory: "/root",
            aws: AWSAccess(overrides: AWSCommandLineOverrides(), transport: NoServer(), clock: clock, processRunner: NoCredentialProcess()),
            processes: runner, clock: clock)
    }

    @Test("the lab exits before serving: start-failed with its status and the end of lab.log")
    func exitsEarly() async throws {
        let files = InMemoryFileSystem()
        let runner = ScriptedRunner(files: files, log: "Traceback...\namikey_lab: must run as root\n", exitStatus: 2)
        let error = await #expect(throws: LabFailure.self) { try await Self.launcher.up(Self.context(files, runner, ManualClock())) }
        #expect(error?.code == "start-failed")
        #expect(error?.message == "the lab exited with status 2 before it served; the end of /var/lib/amikey/lab/lab.log:\n  Traceback...\n  amikey_lab: must run as root")
        let started = try #require(runner.started.first)
        #expect(started.command.description == "python3 -m amikey_lab serve --dir /var/lib/amikey/lab")
        #expect(started.command.environment["PYTHONPATH"] == "/src/amikey/Lab:/site")
        #expect(started.logPath == "/var/lib/amikey/lab/lab.log")
        #expect(files.kind(of: "/var/lib/amikey/lab") == .directory)
    }

    @Test("no answer in time: the wait is bounded on the injected clock and the started process is stopped")
    func timesOut() async throws {
        let files = InMemoryFileSystem()
        let runner = ScriptedRunner(files: files, log: "starting\n", exitStatus: nil)
        let clock = ManualClock()
        let error = await #expect(throws: LabFailure.self) { try await Self.launcher.up(Self.context(files, runner, clock)) }
        #expect(error?.message.hasPrefix("the lab did not answer within 10.0 seconds; it was stopped") == true)
        #expect(clock.sleeps.count == 40)
        #expect(Set(clock.sleeps) == [.milliseconds(250)])
        #expect(runner.terminated == 1)
    }

    @Test("down without lab.json stops nothing and runs nothing; a refused down is stop-failed in the lab's words")
    func down() async throws {
        let files = InMemoryFileSystem()
        let runner = ScriptedRunner(files: files, log: "", exitStatus: nil, downResult: ProcessResult(
            status: 1, stdout: [], stderr: Array("amikey lab: pid 4242 in /var/lib/amikey/lab/lab.json is not this lab; nothing signalled\n".utf8)))
        let context = Self.context(files, runner, ManualClock())
        #expect(try await Self.launcher.down(context).stopped == nil)
        #expect(runner.ran.isEmpty)

        files.add("/var/lib/amikey/lab/lab.json", LabDirectoryTests.labJSON)
        let error = await #expect(throws: LabFailure.self) { try await Self.launcher.down(context) }
        #expect(runner.ran.map(\.description) == ["python3 -m amikey_lab down --dir /var/lib/amikey/lab"])
        #expect(error?.code == "stop-failed")
        #expect(error?.message == "the lab in /var/lib/amikey/lab (pid 4242) was not stopped: amikey lab: pid 4242 in /var/lib/amikey/lab/lab.json is not this lab; nothing signalled; if that process is gone (killed), \"amikey lab up --dir /var/lib/amikey/lab\" starts a new lab over its lab.json")
    }
}

/// A process runner that writes a scripted lab.log, reports a scripted exit, and records what it was asked to run.
final class ScriptedRunner: ProcessRunner {
    struct Started { let command: ProcessCommand; let logPath: String }
    private let files: InMemoryFileSystem
    private let log: String
    private let exitStatus: Int32?
    private let downResult: ProcessResult
    private let state = Mutex<(started: [Started], ran: [ProcessCommand], terminated: Int)>(([], [], 0))

    init(files: InMemoryFileSystem, log: String, exitStatus: Int32?, downResult: ProcessResult = ProcessResult(status: 0, stdout: [], stderr: [])) {
        self.files = files
        self.log = log
        self.exitStatus = exitStatus
        self.downResult = downResult
    }

    var started: [Started] { state.withLock { $0.started } }
    var ran: [ProcessCommand] { state.withLock { $0.ran } }
    var terminated: Int { state.withLock { $0.terminated } }

    func run(_ command: ProcessCommand) async throws(ProcessLaunchError) -> ProcessResult {
        state.withLock { $0.ran.append(command) }
        return downResult
    }

    func startDetached(_ command: ProcessCommand, logPath: String) throws(ProcessLaunchError) -> any DetachedProcess {
        state.withLock { $0.started.append(Started(command: command, logPath: logPath)) }
        files.add(logPath, log)
        return Child(exitStatus: exitStatus) { [self] in state.withLock { $0.terminated += 1 } }
    }

    struct Child: DetachedProcess {
        let pid: Int32 = 4242
        let exitStatus: Int32?
        let onTerminate: @Sendable () -> Void
        func terminate() { onTerminate() }
    }
}

/// Nothing listens: every request fails as a refused connection would.
struct NoServer: HTTPTransport {
    func send(_ request: HTTPTransportRequest, timeout: Duration) async throws -> AWSHTTPResponse {
        throw HTTPTransportError(.connectFailure, detail: "connection refused")
    }
}

/// The lab never runs credential_process.
struct NoCredentialProcess: CredentialProcessRunner {
    func run(_ arguments: [String]) async throws -> CredentialProcessOutput {
        CredentialProcessOutput(exitStatus: 127, stdout: [], stderr: [])
    }
}
