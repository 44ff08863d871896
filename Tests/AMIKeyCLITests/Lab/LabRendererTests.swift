import AMIKeyWorkflows
import Testing

@testable import AMIKeyCLI

/// How the lab commands print: narration lines, and shell words `eval` reads back unchanged.
@Suite("LabRenderer")
struct LabRendererTests {
    @Test(
        "a demo step is one line tagged with its account, its output indented under it",
        arguments: [
            (LabDemoStep(id: "share-image", account: "A", summary: "A shared ami-1 with account 222222222222 (launch permission)"),
             "[A] A shared ami-1 with account 222222222222 (launch permission)\n"),
            (LabDemoStep(id: "ssh-new-key", account: "B", summary: "ssh -i K_B ec2-user@54.1.2.3: refused",
                         lines: ["ec2-user@127.0.0.1: Permission denied (publickey)."]),
             "[B] ssh -i K_B ec2-user@54.1.2.3: refused\n      ec2-user@127.0.0.1: Permission denied (publickey).\n"),
            (LabDemoStep(id: "next", account: nil, summary: "Fixes: log in with K_A"), "    Fixes: log in with K_A\n"),
        ])
    func step(_ step: LabDemoStep, _ expected: String) {
        let output = CapturedOutput()
        LabRenderer.renderText(step, to: output)
        #expect(output.standardOutput == expected)
        #expect(output.standardError.isEmpty)
    }

    @Test(
        "values become single shell words",
        arguments: [
            ("http://127.0.0.1:41234", "http://127.0.0.1:41234"), ("amikey-lab-not-a-secret", "amikey-lab-not-a-secret"),
            ("/var/lib/my lab/aws/config", "'/var/lib/my lab/aws/config'"), ("it's", "'it'\\''s'"), ("", "''"),
            ("$(reboot)", "'$(reboot)'"),
        ])
    func shellWords(_ value: String, _ quoted: String) {
        #expect(LabRenderer.shellQuoted(value) == quoted)
    }

    @Test("a failure is one line on standard error, or the JSON error object")
    func failure() throws {
        let failure = LabFailure(code: "not-running", message: "no lab is running in /var/lib/amikey/lab (no lab.json)")
        let text = CapturedOutput()
        LabRenderer.render(failure, format: .text, to: text)
        #expect(text.standardError == "amikey: no lab is running in /var/lib/amikey/lab (no lab.json)\n")
        #expect(text.standardOutput.isEmpty)
        let json = CapturedOutput()
        LabRenderer.render(failure, format: .json, to: json)
        let error = try #require(try JSON.parse(json.standardOutput)["error"])
        #expect(error.keys == ["code", "message"])
        #expect(error["code"]?.string == "not-running")
    }
}
