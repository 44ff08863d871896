import AMIKeyWorkflows
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The real ``ProcessRunner``: `posix_spawn` with exact file descriptors, no shell, no inherited descriptors.
///
/// A detached child gets its own session (`POSIX_SPAWN_SETSID`), so the pid `lab up` reports is the lab's own and
/// a Ctrl-C in the user's terminal does not reach it. A thread reaps each child, so none is left as a zombie in a
/// long-running process such as the test runner.
struct LocalProcessRunner: ProcessRunner {
    func run(_ command: ProcessCommand) async throws(ProcessLaunchError) -> ProcessResult {
        let outcome: Result<ProcessResult, ProcessLaunchError> = await withCheckedContinuation { continuation in
            // The blocking reads and waitpid must not hold a cooperative thread.
            Thread.detachNewThread { continuation.resume(returning: Self.runBlocking(command)) }
        }
        return try outcome.get()
    }

    func startDetached(_ command: ProcessCommand, logPath: String) throws(ProcessLaunchError) -> any DetachedProcess {
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard log >= 0 else {
            throw ProcessLaunchError(program: command.executable, reason: "cannot open \(logPath): \(String(cString: strerror(errno)))")
        }
        defer { close(log) }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(null) }
        let pid = try Self.spawn(command, stdin: null, stdout: log, stderr: log, newSession: true)
        let child = SpawnedChild(pid: pid)
        Thread.detachNewThread { child.reap() }
        return child
    }

    private static func runBlocking(_ command: ProcessCommand) -> Result<ProcessResult, ProcessLaunchError> {
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        // O_CLOEXEC so a program another thread starts meanwhile cannot hold our pipes open.
        guard glibcPipe2(&out, O_CLOEXEC) == 0, glibcPipe2(&err, O_CLOEXEC) == 0 else {
            return .failure(ProcessLaunchError(program: command.executable, reason: String(cString: strerror(errno))))
        }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(null) }
        let pid: pid_t
        do {
            pid = try spawn(command, stdin: null, stdout: out[1], stderr: err[1], newSession: false)
        } catch {
            [out[0], out[1], err[0], err[1]].forEach { _ = close($0) }
            return .failure(error)
        }
        close(out[1])
        close(err[1])
        // Both pipes at once: a child that fills one while we block on the other would never exit.
        let stderrBytes = Mutex<[UInt8]>([])
        let group = DispatchGroup()
        group.enter()
        let errReader = err[0]
        Thread.detachNewThread {
            let bytes = readAll(errReader)
            stderrBytes.withLock { $0 = bytes }
            group.leave()
        }
        let stdout = readAll(out[0])
        group.wait()
        close(out[0])
        close(err[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return .success(ProcessResult(status: exitStatus(status), stdout: stdout, stderr: stderrBytes.withLock { $0 }))
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    /// The shell's view of a wait status: the exit code, or 128 + the signal number.
    static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func spawn(_ command: ProcessCommand, stdin: Int32, stdout: Int32, stderr: Int32, newSession: Bool)
        throws(ProcessLaunchError) -> pid_t
    {
        let executable = try locate(command.executable, path: command.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Nothing else of ours leaks into a child that may outlive us (the lab runs for hours).
        _ = glibcAddCloseFrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        // POSIX_SPAWN_SETSID is 0x80 in glibc (2.26 and later); the macro is not imported into Swift.
        let setsid: Int32 = 0x80
        let flags = Int32(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | (newSession ? setsid : 0)
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let argv = ([executable] + command.arguments).map { strdup($0) } + [nil]
        let envp = command.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ProcessLaunchError(program: command.executable, reason: String(cString: strerror(result)))
        }
        return pid
    }

    /// `program` itself when it names a path, else the first executable of that name on `path`.
    private static func locate(_ program: String, path: String) throws(ProcessLaunchError) -> String {
        if program.contains("/") { return program }
        for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = "\(directory)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw ProcessLaunchError(program: program, reason: "no executable of that name on PATH")
    }
}

/// A detached child and its exit status, kept by the thread that reaps it.
private final class SpawnedChild: DetachedProcess {
    let pid: Int32
    /// nil while running; guarded so `terminate` never signals a pid that was reaped (and may be reused).
    private let status = Mutex<Int32?>(nil)

    init(pid: Int32) {
        self.pid = pid
    }

    var exitStatus: Int32? { status.withLock { $0 } }

    func terminate() {
        status.withLock { status in
            if status == nil { kill(pid, SIGTERM) }
        }
    }

    /// Waits for the child to end without reaping it (WNOWAIT), records that under the lock, then reaps it.
    func reap() {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0, errno == EINTR {}
        status.withLock { status in
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0, errno == EINTR {}
            status = LocalProcessRunner.exitStatus(raw)
        }
    }
}

// glibc's GNU extensions (pipe2 since 2.9, posix_spawn_file_actions_addclosefrom_np since 2.34) are declared only
// under _GNU_SOURCE, which the Glibc module is not built with; both take plain ints and pointers.
@_silgen_name("pipe2")
private func glibcPipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func glibcAddCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32
