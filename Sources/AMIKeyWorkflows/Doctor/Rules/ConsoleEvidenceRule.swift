/// `no-console-evidence` (ssh-on-ec2.md §9): nothing says which keys the instance holds — no cloud-init table in the
/// console output and no probe answer — so the doctor says what it could not see and how to get it.
enum ConsoleEvidenceRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        guard !facts.knowsInstalledKeys else { return [] }
        var evidence: [DoctorText] = []
        if let console = facts.evidence.console {
            let source = facts.evidence.consoleSource ?? "console"
            if console.boots == 0 {
                evidence.append(DoctorText(
                    en: "The console output (\(source)) is empty: EC2 posts it after state changes, so a new instance may need a few minutes",
                    ja: "コンソール出力（\(source)）は空です。EC2 は状態の変化後に出力を保存するため、起動直後は数分かかることがあります"))
            } else if console.hasCloudInitEvidence {
                evidence.append(DoctorText(
                    en: "cloud-init ran but printed no authorized-keys table (\(source)): the image may set no_ssh_fingerprints or leave ssh_authkey_fingerprints out, or the table fell out of the last 64 KB the console keeps",
                    ja: "cloud-init は動作しましたが、authorized_keys の表を出力していません（\(source)）。イメージが no_ssh_fingerprints を設定しているか ssh_authkey_fingerprints を外している、あるいはコンソールが保持する直近 64 KB から表が消えた可能性があります"))
            } else {
                evidence.append(DoctorText(
                    en: "The console output (\(source)) shows no cloud-init at all: if the image does not run cloud-init, the launch key is never installed",
                    ja: "コンソール出力（\(source)）に cloud-init の形跡がありません。イメージで cloud-init が動いていなければ、起動時のキーはインストールされません"))
            }
        } else {
            evidence.append(DoctorText(en: "No console output was read", ja: "コンソール出力を読み取れませんでした"))
        }
        evidence += LaunchKeyRule.provenance(facts)
        let commands = SuggestedCommands(facts: facts)
        let instance = commands.instanceId
        var remedies = [
            Remedy(title: DoctorText(en: "Ask the instance's sshd directly which of your keys it accepts",
                                     ja: "インスタンスの sshd に、どの鍵を受け付けるか直接問い合わせてください"),
                   commands: [commands.amikey(["doctor", instance, "--probe"] + facts.evidence.localKeys.prefix(3).flatMap { ["--key", $0.source] })]),
            Remedy(title: DoctorText(en: "Read the console output again later (Nitro instances: the latest output)",
                                     ja: "しばらくしてからコンソール出力を読み直してください（Nitro インスタンスは最新の出力を取得できます）"),
                   commands: ["aws ec2 get-console-output --instance-id \(instance) --latest --query Output --output text > console.txt",
                              commands.amikey(["doctor", instance, "--console-output", "console.txt"])]),
        ]
        if let name = facts.evidence.instance?.keyName {
            remedies.append(Remedy(
                title: DoctorText(en: "If the image came from another account, install the launch key \(name), keeping every key the instance has",
                                  ja: "別アカウントのイメージの場合は、既存の鍵を残したまま起動時のキー \(name) をインストールしてください"),
                commands: [commands.repair(keyPair: name, user: facts.loginUser?.name ?? "USER")]))
        }
        return [Finding(
            code: .noConsoleEvidence, severity: .warning,
            summary: DoctorText(en: "Nothing shows which keys the instance accepts: its console output has no cloud-init key table",
                                ja: "インスタンスがどの鍵を受け付けるかを示す情報がありません。コンソール出力に cloud-init の鍵の表がありません"),
            evidence: evidence, remedies: remedies)]
    }
}
