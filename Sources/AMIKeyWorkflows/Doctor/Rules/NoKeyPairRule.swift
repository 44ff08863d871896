/// `no-key-pair`: the instance was launched without a key pair (§6 #3); only keys the image carried can log in.
enum NoKeyPairRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        guard let instance = facts.evidence.instance, instance.keyName == nil, instance.platform != "windows" else { return [] }
        var evidence = [DoctorText(en: "DescribeInstances: \(instance.instanceId) has no KeyName: it was launched without a key pair",
                                   ja: "DescribeInstances: \(instance.instanceId) に KeyName がありません。キーペアなしで起動されています")]
        evidence += LaunchKeyRule.installedKeys(facts)
        if facts.tables.contains(where: { $0.rows.isEmpty }) {
            evidence.append(DoctorText(en: "cloud-init printed that it found no authorized SSH keys", ja: "cloud-init は認証済みの SSH 鍵がないと出力しています"))
        }
        let commands = SuggestedCommands(facts: facts)
        let user = facts.loginUser?.name ?? "USER"
        var remedies: [Remedy] = []
        if let file = facts.loginFiles(for: user).first {
            remedies.append(Remedy(title: DoctorText(en: "Log in with the key the image carries (\(file))", ja: "イメージに含まれている鍵（\(file)）でログインしてください"),
                                   commands: commands.login(file: file, user: user)))
        }
        remedies.append(Remedy(
            title: DoctorText(en: "Install your public key into the instance, keeping every key it has",
                              ja: "既存の鍵をすべて残したまま、あなたの公開鍵をインスタンスにインストールしてください"),
            commands: [commands.repair(key: "~/.ssh/id_ed25519.pub", user: user)]))
        return [Finding(
            code: .noKeyPair, severity: .problem,
            summary: DoctorText(en: "The instance was launched without a key pair", ja: "インスタンスはキーペアなしで起動されています"),
            evidence: evidence, remedies: remedies)]
    }
}
