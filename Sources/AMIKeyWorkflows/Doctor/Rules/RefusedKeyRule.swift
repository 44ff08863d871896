/// `key-installed-but-refused` (ssh-on-ec2.md §6 #6): key and user match the console table, yet sshd refuses — file
/// permissions or ownership, `sshd_config` (AuthorizedKeysFile, AllowUsers), a locked user or an unmounted home.
enum RefusedKeyRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        var evidence: [DoctorText] = []
        for probe in facts.evidence.probes where probe.failure == nil {
            for key in probe.refused where facts.acceptedKeys.contains(where: { $0.user == probe.user && $0.seenBy.contains(.console) && $0.publicKey == key.plainKey })
                && !facts.optionsExplainRefusal(of: key, user: probe.user) {
                evidence.append(DoctorText(
                    en: "cloud-init's table lists \(key.sha256Fingerprint) for \(probe.user), yet sshd refused it when asked",
                    ja: "cloud-init の表には \(probe.user) の鍵として \(key.sha256Fingerprint) がありますが、問い合わせると sshd は拒否しました"))
            }
        }
        // When SHA-1 signatures explain the refusal, that rule speaks instead.
        if evidence.isEmpty, facts.client.publicKeyRefused, let user = facts.triedUser, facts.usersWithKeys.contains(user),
           RSASHA1Rule.findings(facts).isEmpty {
            for key in facts.triedKeys.compactMap(\.publicKey) where facts.accepts(key, user: user) && !facts.optionsExplainRefusal(of: key, user: user) {
                evidence.append(DoctorText(
                    en: "Your key \(key.sha256Fingerprint) is installed for \(user), yet your client was refused",
                    ja: "お使いの鍵 \(key.sha256Fingerprint) は \(user) にインストールされていますが、クライアントは拒否されました"))
            }
        }
        guard !evidence.isEmpty else { return [] }
        let user = facts.loginUser?.name ?? facts.triedUser ?? "USER"
        let instance = SuggestedCommands(facts: facts).instanceId
        let home = user == "root" ? "/root" : "/home/\(user)"
        return [Finding(
            code: .keyInstalledButRefused, severity: .problem,
            summary: DoctorText(
                en: "The key is installed for the right user, yet sshd refuses it: file permissions, sshd_config, or the user's home",
                ja: "正しいユーザーに鍵はインストールされていますが、sshd が拒否しています。ファイルの権限、sshd_config、ユーザーのホームのいずれかが原因です"),
            evidence: evidence,
            remedies: [
                Remedy(title: DoctorText(en: "Fix the permissions sshd requires (StrictModes) through Systems Manager",
                                         ja: "Systems Manager 経由で、sshd が要求する権限（StrictModes）に直してください"),
                       commands: ["aws ssm send-command --instance-ids \(instance) --document-name AWS-RunShellScript --parameters "
                           + "'commands=[\"chmod 755 /home\",\"chmod 700 \(home) \(home)/.ssh\",\"chmod 600 \(home)/.ssh/authorized_keys\","
                           + "\"chown -R \(user): \(home)/.ssh\"]'"]),
                Remedy(title: DoctorText(en: "Or let AWSSupport-TroubleshootSSH check and fix sshd's configuration",
                                         ja: "または AWSSupport-TroubleshootSSH で sshd の設定を確認・修正してください"),
                       commands: ["aws ssm start-automation-execution --document-name AWSSupport-TroubleshootSSH "
                           + "--parameters InstanceId=\(instance),Action=FixAll"]),
            ])]
    }
}
