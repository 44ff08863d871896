/// `local-key-mismatch` (ssh-on-ec2.md §6 #5): the instance's keys are known and fine, but the key file the user tries
/// is none of them — or, without a file named, none of the key files found can log in.
enum LocalKeyRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        guard facts.knowsInstalledKeys, !facts.acceptedKeys.isEmpty else { return [] }
        if let launchKey = facts.launchKey, !facts.accepts(launchKey) { return [] }   // the launch key rule speaks
        let user = facts.loginUser?.name ?? facts.usersWithKeys.first ?? "USER"
        let tried = facts.triedKeys.filter { $0.publicKey != nil }
        let commands = SuggestedCommands(facts: facts)
        var remedies: [Remedy] = []
        if let file = facts.loginFiles(for: user).first {
            remedies.append(Remedy(title: DoctorText(en: "Use \(file): it is an installed key", ja: "\(file) を使ってください。インストール済みの鍵です"),
                                   commands: [commands.ssh(file: file, user: user)] + commands.putty(file: file, user: user)))
        } else if let launchKey = facts.launchKey, let name = facts.evidence.instance?.keyName {
            remedies.append(Remedy(
                title: DoctorText(en: "Find the private key of key pair \(name) (the .pem saved when it was created)",
                                  ja: "キーペア \(name) の秘密鍵（作成時に保存した .pem）を探してください"),
                commands: [commands.amikey(["match", launchKey.sha256Fingerprint, "--in", "~/.ssh", "~/Downloads", "."], options: [])]))
        } else if let installed = facts.accepted(for: user).first {
            remedies.append(Remedy(
                title: DoctorText(en: "Find the key file whose key is installed (\(installed.comment ?? installed.type)); look where you keep keys",
                                  ja: "インストールされている鍵（\(installed.comment ?? installed.type)）の鍵ファイルを探してください。鍵を保管している場所を指定します"),
                commands: [commands.amikey(["match", installed.fingerprint, "--in", "~/.ssh", "~/Downloads", "."], options: [])]))
        }
        if !tried.isEmpty {
            guard !tried.contains(where: { key in key.publicKey.map { facts.accepts($0) } ?? false }) else { return [] }
            let evidence = tried.compactMap { key in
                key.publicKey.map { publicKey in
                    DoctorText(en: "\(key.source) (\(publicKey.sha256Fingerprint)) is not installed on the instance",
                               ja: "\(key.source)（\(publicKey.sha256Fingerprint)）はインスタンスにインストールされていません")
                }
            } + LaunchKeyRule.installedKeys(facts)
            return [Finding(
                code: .localKeyMismatch, severity: .problem,
                summary: DoctorText(en: "The key file you are using is not one the instance accepts",
                                    ja: "お使いの鍵ファイルは、インスタンスが受け付ける鍵ではありません"),
                evidence: evidence, remedies: remedies)]
        }
        let found = facts.evidence.localKeys.filter { $0.publicKey != nil }
        guard !found.isEmpty, facts.loginFiles(for: user).isEmpty else { return [] }
        return [Finding(
            code: .localKeyMismatch, severity: .warning,
            summary: DoctorText(en: "None of the \(found.count) key file(s) amikey found can log in as \(user)",
                                ja: "見つかった鍵ファイル \(found.count) 個のどれでも \(user) としてログインできません"),
            evidence: LaunchKeyRule.installedKeys(facts), remedies: remedies)]
    }
}

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
