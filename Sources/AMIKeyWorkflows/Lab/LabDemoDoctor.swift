/// The demo's doctor step: `amikey doctor` on account B's instance, run as a user would after `source DIR/env` —
/// profile `lab-b`, the source account's key pairs through `lab-a`, both demo keys, and `--probe` through the lab's
/// `ssh_config` — so the demo shows the product finding the seed's cause, not only ssh failing.
struct LabDemoDoctor {
    let info: LabInfo
    let directory: LabDirectory

    /// The command line the step stands for, as a user would type it.
    func commandLine(instanceId: String, keys: [String]) -> String {
        (["amikey", "doctor", instanceId, "--profile", "lab-b", "--source-profile", "lab-a"] + keys.flatMap { ["--key", $0] }
            + ["--probe", "--ssh-config", info.sshConfig]).joined(separator: " ")
    }

    /// Runs the doctor with the lab's profiles.
    func run(instanceId: String, keys: [String], context: WorkflowContext) async throws(DoctorFailure) -> Diagnosis {
        let request = DoctorRequest(
            instanceId: instanceId, keyPaths: keys, sourceProfile: "lab-a", probe: true, sshConfig: info.sshConfig,
            amikeyOptions: ["--profile", "lab-b"])
        return try await DoctorWorkflow().run(request, context: info.context(context, profile: "lab-b"))
    }

    /// The step: the verdict and summary, then what was found and the fixes' commands.
    func step(_ diagnosis: Diagnosis, instanceId: String, keys: [String]) -> LabDemoStep {
        let finding = diagnosis.findings.first
        var lines = ["$ " + commandLine(instanceId: instanceId, keys: keys)]
        lines += finding?.evidence.map { "- \($0.en)" } ?? []
        for remedy in finding?.remedies ?? [] {
            lines.append("* \(remedy.title.en)")
            lines += remedy.commands.map { "    \($0)" }
        }
        return LabDemoStep(
            id: "doctor", account: "B",
            summary: "amikey doctor \(instanceId): \(diagnosis.verdict.rawValue) — \(finding?.summary.en ?? "")",
            resources: [("instanceId", instanceId), ("verdict", diagnosis.verdict.rawValue)], lines: lines)
    }
}
