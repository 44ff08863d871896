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
                                   commands: commands.login(file: file, user: user)))
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
