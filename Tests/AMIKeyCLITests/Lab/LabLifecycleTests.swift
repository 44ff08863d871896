import AMIKeyWorkflows
import AWSServices
import Foundation
import Testing

@testable import AMIKeyCLI

/// `lab up`, `status` and `down` as processes: two labs side by side, and nothing left behind.
@Suite("amikey lab up/status/down")
struct LabLifecycleTests {
    /// A CLI with this process's PATH (python3, ssh) and HOME.
    static func cli() throws -> CLI {
        var cli = try CLI()
        cli.variables = ProcessInfo.processInfo.environment
        cli.variables["AMIKEY_LAB_SOURCE"] = TestLab.projectRoot
        return cli
    }

    @Test("two labs run side by side; lab down stops exactly each one's server and sshds, leaving no process or port")
    func sideBySide() async throws {
        let first = try await TestLab.start()
        let secondDirectory = try TestLab.freshDirectory()
        let cli = try Self.cli()
        var stoppedSecond = false
        defer {
            if !stoppedSecond { _ = try? Self.stopNow(secondDirectory) }
            try? FileManager.default.removeItem(atPath: secondDirectory)
        }
        do {
            let up = await cli.run("lab", "up", "--dir", secondDirectory, "--output", "json")
            #expect(up.status == 0, "\(up.allOutput)")
            let second = try LabDirectory(path: secondDirectory).info(LocalFileSystem())
            #expect(second.port != first.info.port)
            #expect(second.pid != first.info.pid)
            #expect(try up.json()["environment"]?["AWS_ENDPOINT_URL"]?.string == second.endpoint)
            // The printed environment is enough for amikey (and the AWS CLI) to reach both accounts.
            var exported = cli
            for (name, value) in try up.json()["environment"].map({ environment in
                environment.keys.compactMap { key in environment[key]?.string.map { (key, $0) } }
            }) ?? [] {
                exported.variables[name] = value
            }
            #expect(try await exported.run("whoami", "--output", "json").json()["account"]?.string == second.accounts.a.accountId)
            #expect(try await exported.run("whoami", "--profile", "lab-b", "--output", "json").json()["account"]?.string == second.accounts.b.accountId)
            let again = await cli.run("lab", "up", "--dir", secondDirectory)
            #expect(again.status == 0)
            #expect(again.stdout.contains("# amikey lab already running in \(secondDirectory) (pid \(second.pid))"))
            #expect(again.stdout.contains("export AWS_ENDPOINT_URL=\(second.endpoint)\n"))
            #expect(again.stdout.contains("export AWS_PROFILE=lab-a\n"))
            #expect(again.stdout.contains("export AWS_CONFIG_FILE=\(secondDirectory)/aws/config\n"))

            // One instance in each lab: a real sshd each.
            let firstInstance = try await Self.launch(in: first.info, first.context)
            let secondInstance = try await Self.launch(in: second, first.context)
            let firstSSHD = try #require(try first.directory.instances(LocalFileSystem()).first { $0.instanceId == firstInstance })
            let secondSSHD = try #require(try LabDirectory(path: secondDirectory).instances(LocalFileSystem()).first { $0.instanceId == secondInstance })
            for sshd in [firstSSHD, secondSSHD] {
                #expect(TestLab.isListening(sshd.port))
                #expect(sshd.sshdPid.map(TestLab.isRunning) == true)
            }
            let status = await cli.run("lab", "status", "--dir", secondDirectory, "--output", "json")
            #expect(status.status == 0, "\(status.allOutput)")
            #expect(try status.json()["answering"]?.bool == true)
            #expect(try status.json()["instances"]?.array.compactMap { $0["instanceId"]?.string } == [secondInstance])

            // Stopping the first leaves the second serving.
            let down = try await first.stop()
            #expect(down.stopped?.pid == first.info.pid)
            #expect(down.stopped?.sshdPids == [try #require(firstSSHD.sshdPid)])
            try await Self.expectGone(pid: first.info.pid, ports: [first.info.port, firstSSHD.port], sshd: firstSSHD.sshdPid)
            #expect(TestLab.isListening(second.port))
            #expect(TestLab.isListening(secondSSHD.port))

            let stopped = await cli.run("lab", "down", "--dir", secondDirectory)
            stoppedSecond = stopped.status == 0
            #expect(stopped.status == 0, "\(stopped.allOutput)")
            #expect(stopped.stdout == "Stopped the lab in \(secondDirectory) (pid \(second.pid)) and its 1 running instance(s).\n")
            try await Self.expectGone(pid: second.pid, ports: [second.port, secondSSHD.port], sshd: secondSSHD.sshdPid)
            #expect(!FileManager.default.fileExists(atPath: "\(secondDirectory)/lab.json"))

            let nothing = await cli.run("lab", "down", "--dir", secondDirectory)
            #expect(nothing.status == 0)
            #expect(nothing.stdout == "No lab was running in \(secondDirectory).\n")
            let noStatus = await cli.run("lab", "status", "--dir", secondDirectory)
            #expect(noStatus.status == 3)
            #expect(noStatus.stderr.contains("no lab is running in \(secondDirectory)"))
        } catch {
            _ = try? await first.stop()
            throw error
        }
    }

    @Test(
        "lab up refuses a directory the lab cannot use: exit 3 with the lab's reason, nothing left running",
        arguments: [
            ("/tmp/amikey-lab-\(UUID().uuidString.prefix(8))", "anyone can write"), ("/home/amikey-lab-test", "inside /home"),
            ("/root/amikey-lab-test", "inside /root"),
        ])
    func refusedDirectory(_ directory: String, _ reason: String) async throws {
        let cli = try Self.cli()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = await cli.run("lab", "up", "--dir", directory)
        #expect(run.status == 3)
        #expect(run.stderr.hasPrefix("amikey: the lab exited with status 2 before it served"))
        #expect(run.stderr.contains(reason))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/lab.json"))
    }

    @Test("--lab-source that holds no lab: exit 3 naming the option and what to give")
    func badSource() async throws {
        let cli = try Self.cli()
        let run = await cli.run("lab", "up", "--dir", cli.directory.path("lab"), "--lab-source", cli.directory.path, "--output", "json")
        #expect(run.status == 3)
        let error = try #require(try run.json()["error"])
        #expect(error["code"]?.string == "no-lab-source")
        #expect(error["message"]?.string?.contains("--lab-source names \(cli.directory.path)") == true)
    }

    @Test("lab --help teaches the four commands")
    func help() async throws {
        let run = await (try Self.cli()).run("lab", "--help")
        #expect(run.status == 0)
        for command in ["up", "status", "demo", "down", "eval \"$(amikey lab up)\""] { #expect(run.stdout.contains(command)) }
    }

    /// An instance in the lab's account A from a fresh base image; its id.
    static func launch(in info: LabInfo, _ context: WorkflowContext) async throws -> String {
        let a = try await LabAccounts.open(info, access: try #require(context.aws)).a
        let image = try await a.send(EC2.registerImage(.init(name: "side-\(UUID().uuidString.prefix(8))"))).imageId
        return try #require(try await a.send(EC2.runInstances(.init(imageId: image))).instances.first?.instanceId)
    }

    /// The server and its sshd are gone and nothing listens on their ports (sshd may take a moment to close).
    static func expectGone(pid: Int32, ports: [Int], sshd: Int32?) async throws {
        for _ in 0..<50 where TestLab.isRunning(pid) || sshd.map(TestLab.isRunning) == true || ports.contains(where: TestLab.isListening) {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(!TestLab.isRunning(pid))
        #expect(sshd.map(TestLab.isRunning) == false)
        for port in ports { #expect(!TestLab.isListening(port), "port \(port)") }
    }

    /// Last resort after a failed test: stop the second lab with the lab's own `down`.
    static func stopNow(_ directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "amikey_lab", "down", "--dir", directory]
        process.environment = ProcessInfo.processInfo.environment.merging(["PYTHONPATH": TestLab.projectRoot + "/Lab"]) { $1 }
        try process.run()
        process.waitUntilExit()
    }
}
