import SSHKeys

/// `ok`: nothing stands in the way; says which key logs in as whom, and how.
enum HealthyRule {
    static func finding(_ facts: DoctorFacts) -> Finding {
        let commands = SuggestedCommands(facts: facts)
        let user = facts.loginUser?.name ?? facts.usersWithKeys.first ?? "USER"
        let file = facts.loginFiles(for: user).first
        let remedies = file.map { file in
            [Remedy(title: DoctorText(en: "Log in", ja: "ログイン"),
                    commands: commands.login(file: file, user: user))]
        } ?? []
        let evidence = LaunchKeyRule.installedKeys(facts)
        let summary: DoctorText
        if let name = facts.evidence.instance?.keyName, let key = facts.launchKey, facts.accepts(key, user: user) {
            summary = DoctorText(en: "The launch key pair \(name) is installed for \(user)", ja: "起動時のキーペア \(name) は \(user) にインストールされています")
        } else if let file {
            summary = DoctorText(en: "\(file) is installed for \(user)", ja: "\(file) は \(user) にインストールされています")
        } else if facts.acceptedKeys.isEmpty {
            summary = DoctorText(en: "No problem was found, though little could be checked (see below)",
                                 ja: "問題は見つかりませんでしたが、確認できた範囲は限られています（下記参照）")
        } else {
            summary = DoctorText(
                en: "The instance accepts \(facts.accepted(for: user).count) key(s) for \(user); none of your key files was given to compare (use --key)",
                ja: "インスタンスは \(user) の鍵を \(facts.accepted(for: user).count) 個受け付けます。比較する鍵ファイルが指定されていません（--key を使ってください）")
        }
        return Finding(code: .ok, severity: .info, summary: summary, evidence: evidence, remedies: remedies)
    }
}
