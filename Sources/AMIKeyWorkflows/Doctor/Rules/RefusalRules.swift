import SSHKeys

/// `rsa-sha1-refused` (ssh-on-ec2.md §6 #7): an `ssh-rsa` key that is installed for the user, refused because the client
/// signs with SHA-1, which OpenSSH ≥ 8.8 (and Amazon Linux 2023's 8.7 with its crypto policy) no longer accepts.
enum RSASHA1Rule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        guard facts.client.publicKeyRefused, let user = facts.triedUser ?? facts.loginUser?.name else { return [] }
        let rsaKeys = facts.triedKeys.compactMap(\.publicKey).filter { $0.plainKey.algorithm == "ssh-rsa" && facts.accepts($0, user: user) }
        guard let key = rsaKeys.first else { return [] }
        let version = facts.client.serverVersion ?? facts.evidence.probes.compactMap(\.serverVersion).first
        let newServer = version.map(Self.refusesSHA1) ?? false
        // A client that signs with SHA-2 is not refused for SHA-1, whatever the server.
        guard facts.client.noMutualSignature || facts.client.signatureRefused || (newServer && facts.client.signsWithSHA2 != true)
        else { return [] }
        var evidence = [DoctorText(en: "Your key \(key.sha256Fingerprint) is an ssh-rsa key and it is installed for \(user)",
                                   ja: "お使いの鍵 \(key.sha256Fingerprint) は ssh-rsa 鍵で、\(user) にインストールされています")]
        if let version {
            evidence.append(DoctorText(en: "The server runs \(version), which refuses RSA signatures made with SHA-1 (ssh-rsa)",
                                       ja: "サーバーは \(version) で、SHA-1 による RSA 署名（ssh-rsa）を受け付けません"))
        }
        if facts.client.noMutualSignature {
            evidence.append(DoctorText(en: "your client said: no mutual signature supported", ja: "クライアントの表示: no mutual signature supported"))
        }
        if facts.client.signatureRefused {
            evidence.append(DoctorText(en: "PuTTY said: Server refused public-key signature despite accepting key!",
                                       ja: "PuTTY の表示: Server refused public-key signature despite accepting key!"))
        }
        return [Finding(
            code: .rsaSHA1Refused, severity: .problem,
            summary: DoctorText(en: "The right key is installed, but your client signs with SHA-1 (ssh-rsa), which this server refuses",
                                ja: "正しい鍵はインストールされていますが、クライアントが SHA-1（ssh-rsa）で署名しており、このサーバーはそれを拒否します"),
            evidence: evidence,
            remedies: [
                Remedy(title: DoctorText(en: "Update the client: PuTTY 0.75 or later, OpenSSH 7.2 or later sign with rsa-sha2-256/512",
                                         ja: "クライアントを更新してください。PuTTY 0.75 以降、OpenSSH 7.2 以降は rsa-sha2-256/512 で署名します"),
                       commands: []),
                Remedy(title: DoctorText(en: "Or use an Ed25519 key, installed next to the keys the instance has",
                                         ja: "または Ed25519 鍵を作成し、既存の鍵と並べてインストールしてください"),
                       commands: ["ssh-keygen -t ed25519 -f ~/.ssh/ec2-ed25519",
                                  SuggestedCommands(facts: facts).amikey([
                                      "repair", SuggestedCommands(facts: facts).instanceId, "--key", "~/.ssh/ec2-ed25519.pub",
                                      "--user", user, "--method", "user-data",
                                  ])]),
            ])]
    }

    /// OpenSSH 8.8 disabled `ssh-rsa` signatures by default; Amazon Linux 2023 and RHEL 9 ship 8.7 with a crypto policy
    /// that does the same.
    static func refusesSHA1(_ version: String) -> Bool {
        guard let range = version.range(of: "OpenSSH_") else { return false }
        let digits = version[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        let parts = digits.split(separator: ".").compactMap { Int($0) }
        guard let major = parts.first else { return false }
        let minor = parts.count > 1 ? parts[1] : 0
        return major > 8 || (major == 8 && minor >= 7)
    }
}

/// `key-installed-but-refused` (ssh-on-ec2.md §6 #6): key and user match the console table, yet sshd refuses — file
/// permissions or ownership, `sshd_config` (AuthorizedKeysFile, AllowUsers), a locked user or an unmounted home.
enum RefusedKeyRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        var evidence: [DoctorText] = []
        for probe in facts.evidence.probes where probe.failure == nil {
            for key in probe.refused where facts.acceptedKeys.contains(where: { $0.user == probe.user && $0.seenBy.contains(.console) && $0.publicKey == key.plainKey }) {
                evidence.append(DoctorText(
                    en: "cloud-init's table lists \(key.sha256Fingerprint) for \(probe.user), yet sshd refused it when asked",
                    ja: "cloud-init の表には \(probe.user) の鍵として \(key.sha256Fingerprint) がありますが、問い合わせると sshd は拒否しました"))
            }
        }
        // When SHA-1 signatures explain the refusal, that rule speaks instead.
        if evidence.isEmpty, facts.client.publicKeyRefused, let user = facts.triedUser, facts.usersWithKeys.contains(user),
           RSASHA1Rule.findings(facts).isEmpty {
            for key in facts.triedKeys.compactMap(\.publicKey) where facts.accepts(key, user: user) {
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
