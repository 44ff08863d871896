import AMIKeyWorkflows
import Foundation
import Testing

/// `lab.json` and `state.json` as the lab writes them, and the errors that name the file when they are not.
@Suite("LabDirectory")
struct LabDirectoryTests {
    static let directory = LabDirectory(path: "/var/lib/amikey/lab/")

    /// A lab.json in the shape Lab/amikey_lab/launcher.py writes.
    static let labJSON = """
        {"pid": 4242, "port": 41234, "endpoint": "http://127.0.0.1:41234", "region": "us-east-1",
         "dir": "/var/lib/amikey/lab", "sshConfig": "/var/lib/amikey/lab/ssh_config", "state": "/var/lib/amikey/lab/state.json",
         "accounts": {"A": {"accountId": "123456789012", "credentials": "any access key"},
                      "B": {"accountId": "222222222222", "roleArn": "arn:aws:iam::222222222222:role/amikey-lab", "credentials": "sts"}},
         "imageTags": {"amikey-lab:cloud-init-ssh": {"default": true, "meaning": "runs the ssh module"},
                       "amikey-lab:login-user": {"default": "ec2-user", "meaning": "default user"}},
         "awsConfigFile": "/var/lib/amikey/lab/aws/config", "awsCredentialsFile": "/var/lib/amikey/lab/aws/credentials",
         "envFile": "/var/lib/amikey/lab/env", "profiles": {"A": "lab-a", "B": "lab-b", "BRole": "lab-b-role"},
         "cloudInitVersion": "22.4.2", "pendingPolls": 0}
        """

    @Test("lab.json decodes, booleans and strings alike in imageTags; the trailing slash of DIR is dropped")
    func decodes() throws {
        let files = InMemoryFileSystem()
        files.add("/var/lib/amikey/lab/lab.json", Self.labJSON)
        #expect(Self.directory.infoFile == "/var/lib/amikey/lab/lab.json")
        let info = try Self.directory.info(files)
        #expect(info.pid == 4242)
        #expect(info.accounts.a.roleArn == nil)
        #expect(info.accounts.b.roleArn == "arn:aws:iam::222222222222:role/amikey-lab")
        #expect(info.imageTags["amikey-lab:cloud-init-ssh"]?.defaultValue == "true")
        #expect(info.imageTags["amikey-lab:login-user"]?.defaultValue == "ec2-user")
        #expect(try Self.directory.instances(files).isEmpty)
    }

    @Test(
        "unreadable lab files are errors that name the file, the field, and the next step",
        arguments: [
            ("lab.json", "{\"pid\": 1}", "bad-lab-file", "no \"port\""),
            ("lab.json", "{\"pid\": \"x\"", "bad-lab-file", "not JSON"),
            ("lab.json", Self.labJSON.replacingOccurrences(of: "\"pid\": 4242", with: "\"pid\": \"4242\""), "bad-lab-file", "\"pid\" has the wrong type"),
            ("state.json", "{\"instances\": [{\"instanceId\": \"i-1\"}]}", "bad-lab-file", "no \"instances.0.account\""),
        ])
    func badFiles(_ name: String, _ text: String, _ code: String, _ detail: String) throws {
        let files = InMemoryFileSystem()
        files.add("/var/lib/amikey/lab/lab.json", name == "lab.json" ? text : Self.labJSON)
        files.add("/var/lib/amikey/lab/state.json", name == "state.json" ? text : "{\"instances\": []}")
        let error = #expect(throws: LabFailure.self) {
            _ = try Self.directory.info(files)
            _ = try Self.directory.instances(files)
        }
        #expect(error?.code == code)
        #expect(error?.message.hasPrefix("/var/lib/amikey/lab/\(name) is not a lab file amikey understands") == true)
        #expect(error?.message.contains(detail) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("amikey lab down --dir /var/lib/amikey/lab") == true)
    }

    @Test("no lab.json: not-running, saying how to start one")
    func notRunning() {
        let error = #expect(throws: LabFailure.self) { _ = try Self.directory.info(InMemoryFileSystem()) }
        #expect(error?.code == "not-running")
        #expect(error?.message == "no lab is running in /var/lib/amikey/lab (no lab.json); start one with \"amikey lab up --dir /var/lib/amikey/lab\"")
        #expect(error?.exitCode == 3)
    }

    @Test("the end of lab.log, trailing blank lines dropped")
    func logTail() {
        let files = InMemoryFileSystem()
        files.add("/var/lib/amikey/lab/lab.log", (1...30).map { "line \($0)" }.joined(separator: "\n") + "\n\n")
        #expect(Self.directory.logTail(files, lines: 3) == ["line 28", "line 29", "line 30"])
        #expect(LabDirectory(path: "/nowhere").logTail(files).isEmpty)
    }

    @Test("the default directory is outside every path the lab refuses")
    func defaultPath() {
        #expect(LabDirectory.defaultPath == "/var/lib/amikey/lab")
        for refused in ["/tmp/", "/home/", "/root/", "/etc/ssh/"] { #expect(!LabDirectory.defaultPath.hasPrefix(refused)) }
    }
}
