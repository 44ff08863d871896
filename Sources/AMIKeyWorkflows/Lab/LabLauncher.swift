import AWSCore
import Foundation

/// `amikey lab up|status|down`: starts the lab's server detached, reports on it, and stops exactly the process
/// it started (the pid in `lab.json`, checked by the lab's own `down`).
///
/// ## Usage
/// ```swift
/// let launcher = LabLauncher(directory: LabDirectory(path: dir), source: try LabSource.locate(...))
/// let started = try await launcher.up(context)          // waits until lab.json exists and the endpoint answers
/// print(started.info.endpoint)
/// _ = try await launcher.down(context)                  // SIGTERM to that pid; the lab stops its sshds
/// ```
public struct LabLauncher: Sendable {
    /// The lab's directory.
    public var directory: LabDirectory
    /// The project whose `Lab/` package is run.
    public var source: LabSource
    /// How long `up` waits for the server (importing moto and cloud-init takes a few seconds on 2 cores).
    public var startTimeout: Duration
    /// How often `up` looks again.
    public var pollInterval: Duration

    /// A launcher for one lab directory.
    public init(
        directory: LabDirectory, source: LabSource, startTimeout: Duration = .seconds(120),
        pollInterval: Duration = .milliseconds(200)
    ) {
        self.directory = directory
        self.source = source
        self.startTimeout = startTimeout
        self.pollInterval = pollInterval
    }

    /// Starts `python3 -m amikey_lab serve --dir DIR` in its own session, output to `DIR/lab.log`, and waits
    /// (bounded, on the context's clock) until `lab.json` names that process and the endpoint answers. A lab that
    /// already serves in DIR is reported, not started twice.
    ///
    /// - Throws: ``LabFailure`` `start-failed` with the end of `lab.log` (not root, DIR below /tmp, moto missing).
    public func up(_ context: WorkflowContext) async throws(LabFailure) -> LabUpReport {
        let (processes, clock, transport) = try requirements(context)
        if directory.hasInfo(context.fileSystem), let info = try? directory.info(context.fileSystem),
            await answers(info, transport)
        {
            return LabUpReport(info: info, alreadyRunning: true)
        }
        do {
            try context.fileSystem.createDirectory(directory.path, mode: 0o700)
        } catch {
            throw LabFailure(code: "start-failed", message: "cannot create the lab directory: \(error)")
        }
        let command = python(["serve", "--dir", directory.path], context)
        let process: any DetachedProcess
        do {
            process = try processes.startDetached(command, logPath: directory.logFile)
        } catch {
            throw LabFailure(code: "start-failed", message: "\(error); install Python 3 (scripts/setup does)")
        }
        if let info = await waitForServer(process, clock: clock, transport: transport, context) {
            return LabUpReport(info: info, alreadyRunning: false)
        }
        if let status = process.exitStatus {
            throw startFailure("the lab exited with status \(status) before it served", context)
        }
        process.terminate()
        throw startFailure("the lab did not answer within \(startTimeout); it was stopped", context)
    }

    /// Polls until `lab.json` names `process` and its endpoint answers; nil when the process ends or time runs out.
    private func waitForServer<C: AWSClock>(
        _ process: any DetachedProcess, clock: C, transport: any HTTPTransport, _ context: WorkflowContext
    ) async -> LabInfo? {
        let deadline = clock.now.advanced(by: startTimeout)
        while clock.now < deadline, process.exitStatus == nil {
            // lab.json may be a dead lab's until the new process writes its own: its pid tells them apart.
            if let info = try? directory.info(context.fileSystem), info.pid == process.pid, await answers(info, transport) {
                return info
            }
            do { try await clock.sleep(until: clock.now.advanced(by: pollInterval), tolerance: nil) } catch { return nil }
        }
        return nil
    }

    /// `lab.json`, the instances, and whether the endpoint answers now.
    ///
    /// - Throws: ``LabFailure`` `not-running` when DIR has no `lab.json`; `bad-lab-file`.
    public func status(_ context: WorkflowContext) async throws(LabFailure) -> LabStatusReport {
        let (_, _, transport) = try requirements(context)
        let info = try directory.info(context.fileSystem)
        let instances = try directory.instances(context.fileSystem)
        return LabStatusReport(info: info, instances: instances, answering: await answers(info, transport))
    }

    /// Stops the lab in DIR with `python3 -m amikey_lab down --dir DIR`: SIGTERM to `lab.json`'s pid after checking
    /// it is this lab's server, then waits for it; the server stops every sshd it started. Nothing running is not
    /// an error.
    ///
    /// - Throws: ``LabFailure`` `stop-failed` with the lab's own words.
    public func down(_ context: WorkflowContext) async throws(LabFailure) -> LabDownReport {
        let (processes, _, _) = try requirements(context)
        guard directory.hasInfo(context.fileSystem) else { return LabDownReport(directory: directory.path, stopped: nil) }
        let info = try directory.info(context.fileSystem)
        let instances = (try? directory.instances(context.fileSystem)) ?? []
        let result: ProcessResult
        do {
            result = try await processes.run(python(["down", "--dir", directory.path], context))
        } catch {
            throw LabFailure(code: "stop-failed", message: "\(error)")
        }
        guard result.status == 0 else {
            let said = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw LabFailure(
                code: "stop-failed",
                message: "the lab in \(directory.path) (pid \(info.pid)) was not stopped: \(said.isEmpty ? "status \(result.status)" : said)"
                    + "; if that process is gone (killed), \"amikey lab up --dir \(directory.path)\" starts a new lab over its lab.json")
        }
        let sshdPids = instances.filter { $0.state == "running" }.compactMap(\.sshdPid)
        return LabDownReport(directory: directory.path, stopped: LabDownReport.Stopped(pid: info.pid, sshdPids: sshdPids))
    }

    /// The process runner, clock and HTTP transport, which every lab command needs.
    private func requirements(_ context: WorkflowContext) throws(LabFailure)
        -> (any ProcessRunner, any AWSClock, any HTTPTransport)
    {
        guard let processes = context.processes, let clock = context.clock, let transport = context.aws?.transport else {
            throw LabFailure(code: "no-runner", message: "this command cannot start programs or reach the network here")
        }
        return (processes, clock, transport)
    }

    /// `python3 -m amikey_lab ARGS` with the project's `Lab/` first on PYTHONPATH.
    func python(_ arguments: [String], _ context: WorkflowContext) -> ProcessCommand {
        var environment = context.environment
        environment["PYTHONPATH"] = [source.pythonPath, environment["PYTHONPATH"]].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: ":")
        return ProcessCommand("python3", ["-m", "amikey_lab"] + arguments, environment: environment)
    }

    /// Whether the lab's server answers moto's own API.
    private func answers(_ info: LabInfo, _ transport: any HTTPTransport) async -> Bool {
        let probe = HTTPTransportRequest(method: "GET", url: info.endpoint + "/moto-api/", headers: [:], body: [])
        return (try? await transport.send(probe, timeout: .seconds(2)))?.statusCode == 200
    }

    private func startFailure(_ what: String, _ context: WorkflowContext) -> LabFailure {
        let tail = directory.logTail(context.fileSystem)
        let log = tail.isEmpty ? "" : "; the end of \(directory.logFile):\n" + tail.map { "  " + $0 }.joined(separator: "\n")
        return LabFailure(code: "start-failed", message: "\(what)\(log)")
    }
}

/// What `lab up` did.
public struct LabUpReport: Sendable, Hashable {
    /// The running lab's `lab.json`.
    public var info: LabInfo
    /// True when a lab already served in DIR and nothing was started.
    public var alreadyRunning: Bool

    /// The variables that point the AWS CLI (and amikey) at the lab's account A: endpoint, keys and region, and
    /// the lab's config files with profile `lab-a` selected, so `--profile lab-b` reaches account B.
    public var exports: [(name: String, value: String)] {
        var exports: [(name: String, value: String)] = [
            ("AWS_ENDPOINT_URL", info.endpoint), ("AWS_ACCESS_KEY_ID", LabAccounts.accessKeyID),
            ("AWS_SECRET_ACCESS_KEY", LabAccounts.secretAccessKey), ("AWS_REGION", info.region),
        ]
        if let config = info.awsConfigFile, let credentials = info.awsCredentialsFile, let profile = info.profiles?["A"] {
            exports += [("AWS_CONFIG_FILE", config), ("AWS_SHARED_CREDENTIALS_FILE", credentials), ("AWS_PROFILE", profile)]
        }
        return exports
    }
}

/// What `lab status` found.
public struct LabStatusReport: Sendable, Hashable {
    /// `lab.json`.
    public var info: LabInfo
    /// The instances `state.json` lists.
    public var instances: [LabInstance]
    /// Whether the endpoint answered just now.
    public var answering: Bool
}

/// What `lab down` stopped.
public struct LabDownReport: Sendable, Hashable {
    /// The lab directory.
    public var directory: String
    /// The server stopped, nil when no lab was running there.
    public var stopped: Stopped?

    /// A stopped server and the sshds it stopped with it.
    public struct Stopped: Sendable, Hashable {
        /// The server's pid.
        public var pid: Int32
        /// The running instances' sshd pids.
        public var sshdPids: [Int32]
    }
}
