import EC2Evidence
import SSHKeys

/// `launch-key-not-installed`, the seed's case (ssh-on-ec2.md §6 #1-#2): the instance's keys are known (console table
/// or probe) and the launch key pair is not among them — the image carries another instance's `authorized_keys` and
/// cloud-init did not add the launch key. The finding names every key that is installed and whose it is.
enum LaunchKeyRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        guard let name = facts.evidence.instance?.keyName, facts.knowsInstalledKeys else { return [] }
        if let key = facts.launchKey {
            guard !facts.accepts(key) else { return [] }
        } else {
            // Without the key pair's public key, a table row whose comment is the key pair's name (IMDS-installed keys
            // carry it) still shows it is there; no such row is weaker evidence, said so below.
            guard !facts.tables.isEmpty, !facts.acceptedKeys.contains(where: { $0.comment == name }) else { return [] }
        }
        var evidence: [DoctorText] = [DoctorText(
            en: "DescribeInstances: \(facts.evidence.instanceId ?? "the instance") was launched with \(DoctorText.keyPair(facts.launchKeyPair, name: name).en)",
            ja: "DescribeInstances: \(facts.evidence.instanceId ?? "インスタンス") は \(DoctorText.keyPair(facts.launchKeyPair, name: name).ja) で起動されています")]
        evidence += provenance(facts)
        evidence += installedKeys(facts)
        if facts.launchKey == nil {
            evidence.append(DoctorText(
                en: "The public key of \(name) could not be read, so this rests on the table's comments: no row is named \(name)",
                ja: "\(name) の公開鍵を取得できなかったため、表のコメントだけで判断しています。\(name) という名前の行はありません"))
        } else {
            evidence.append(DoctorText(en: "The launch key \(name) is not among them", ja: "起動時のキー \(name) はその中にありません"))
        }
        if let key = facts.launchKey {
            for probe in facts.evidence.probes where probe.refused.contains(key.plainKey) {
                evidence.append(DoctorText(en: "sshd, asked with the public key only, refused \(name) for \(probe.user)",
                                           ja: "公開鍵だけで問い合わせたところ、sshd は \(probe.user) について \(name) を拒否しました"))
            }
        }
        evidence += cloudInitCauses(facts)
        return [Finding(
            code: .launchKeyNotInstalled, severity: .problem,
            summary: DoctorText(
                en: "The key pair chosen at launch (\(name)) was never installed: the instance accepts only the keys its image carried over",
                ja: "起動時に選んだキーペア（\(name)）はインストールされていません。インスタンスはイメージに含まれていた鍵だけを受け付けます"),
            evidence: evidence, remedies: remedies(facts, launchKeyName: name))]
    }

    /// Where the image came from: another account, made from a running instance.
    static func provenance(_ facts: DoctorFacts) -> [DoctorText] {
        guard let image = facts.evidence.image else { return [] }
        var lines: [DoctorText] = []
        if let owner = image.ownerId, let caller = facts.evidence.callerAccount, owner != caller {
            lines.append(DoctorText(
                en: "DescribeImages: \(image.imageId) belongs to account \(owner), not to yours (\(caller)): a shared image",
                ja: "DescribeImages: \(image.imageId) はあなたのアカウント（\(caller)）ではなく、アカウント \(owner) のもの（共有イメージ）です"))
        }
        if let source = image.sourceInstanceId {
            lines.append(DoctorText(
                en: "It was created from instance \(source), so it carries that instance's authorized_keys",
                ja: "このイメージはインスタンス \(source) から作成されたため、そのインスタンスの authorized_keys を含んでいます"))
        }
        return lines
    }

    /// One line per key the instance accepts, naming whose it is, and where the table was read.
    static func installedKeys(_ facts: DoctorFacts) -> [DoctorText] {
        var lines: [DoctorText] = []
        for table in facts.tables {
            let source = facts.evidence.consoleSource ?? "console"
            lines.append(DoctorText(
                en: "cloud-init's table for \(table.user) (\(source), line \(table.line), boot \(table.boot)) lists \(table.rows.count) key(s)",
                ja: "\(table.user) の cloud-init の表（\(source) の \(table.line) 行目、\(table.boot) 回目の起動）には鍵が \(table.rows.count) 個あります"))
        }
        lines += facts.acceptedKeys.map(DoctorText.accepted)
        return lines
    }

    /// What the console and instance say about why cloud-init did not add the key (§5c).
    static func cloudInitCauses(_ facts: DoctorFacts) -> [DoctorText] {
        var lines: [DoctorText] = []
        if facts.evidence.instance?.httpEndpoint == "disabled" {
            lines.append(DoctorText(en: "The instance metadata service is disabled (HttpEndpoint=disabled): cloud-init cannot read the launch key",
                                    ja: "インスタンスメタデータサービスが無効です（HttpEndpoint=disabled）。cloud-init は起動時のキーを読めません"))
        }
        if let cloudInit = facts.evidence.console?.cloudInit {
            if cloudInit.datasource == "DataSourceNone" {
                lines.append(DoctorText(en: "cloud-init \(cloudInit.version) ran with DataSourceNone: it never reached the metadata service, so it had no launch key",
                                        ja: "cloud-init \(cloudInit.version) は DataSourceNone で動作しました。メタデータサービスに届かず、起動時のキーを受け取っていません"))
            } else if facts.evidence.instance?.httpTokens == "required", isBefore194(cloudInit.version) {
                lines.append(DoctorText(en: "IMDSv2 is required (HttpTokens=required) but cloud-init \(cloudInit.version) predates IMDSv2 support (19.4)",
                                        ja: "IMDSv2 が必須（HttpTokens=required）ですが、cloud-init \(cloudInit.version) は IMDSv2 対応（19.4）より前の版です"))
            }
        } else if facts.evidence.console.map({ !$0.hasCloudInitEvidence }) ?? false {
            lines.append(DoctorText(en: "The console output shows no cloud-init at all: the image may not run it, and then no launch key is ever installed",
                                    ja: "コンソール出力に cloud-init の形跡がありません。イメージで cloud-init が動いていない場合、起動時のキーは一切インストールされません"))
        }
        return lines
    }

    /// The seed's two fixes, then installing the launch key (DESIGN.md: use the original key; import it under the same
    /// name; install the launch key without losing anything).
    static func remedies(_ facts: DoctorFacts, launchKeyName: String) -> [Remedy] {
        let commands = SuggestedCommands(facts: facts)
        let user = facts.loginUser?.name ?? "USER"
        var remedies: [Remedy] = []
        let files = facts.loginFiles(for: user)
        if let file = files.first {
            remedies.append(Remedy(
                title: DoctorText(en: "Log in with the key the image carries (\(file))", ja: "イメージに含まれている鍵（\(file)）でログインしてください"),
                commands: commands.login(file: file, user: user)))
        } else if let owner = facts.accepted(for: user).flatMap(\.matches).first {
            remedies.append(Remedy(
                title: DoctorText(en: "Log in with the private key of \(DoctorText.naming(owner).en) (its .pem was downloaded when it was created)",
                                  ja: "\(DoctorText.naming(owner).ja) の秘密鍵でログインしてください（作成時にダウンロードした .pem です）"),
                commands: []))
        }
        if let original = originalKey(facts, user: user) {
            remedies.append(Remedy(
                title: DoctorText(
                    en: "Import the original public key into this account as key pair \(original.name), then launch a replacement with it",
                    ja: "元の公開鍵をこのアカウントにキーペア \(original.name) としてインポートし、それを使って新しいインスタンスを起動してください"),
                commands: [commands.amikey(["import-key", "--name", original.name] + original.source),
                           commands.amikey(["relaunch", commands.instanceId, "--key-pair", original.name])]))
        }
        remedies.append(Remedy(
            title: DoctorText(en: "Or install the launch key \(launchKeyName) into this instance, keeping every key it has",
                              ja: "または、既存の鍵をすべて残したまま、起動時のキー \(launchKeyName) をこのインスタンスにインストールしてください"),
            commands: [commands.repair(keyPair: launchKeyName, user: user)]))
        return remedies
    }

    /// The name to import the original key under (the source key pair's, else the table's comment) and where its public
    /// key comes from (a local file, else the source account's key pair).
    private static func originalKey(_ facts: DoctorFacts, user: String) -> (name: String, source: [String])? {
        for key in facts.accepted(for: user) {
            var pairName: String?
            var pairProfile: String?
            var file: String?
            for match in key.matches {
                switch match {
                case .keyPair(let name, let account) where account != facts.evidence.callerAccount:
                    pairName = pairName ?? name
                    pairProfile = facts.evidence.keyPairs.first { $0.name == name && $0.account == account }?.profile
                case .file(let path, _):
                    file = file ?? path
                default:
                    break
                }
            }
            guard let name = pairName ?? key.comment.flatMap(validKeyPairName) else { continue }
            if let file { return (name, ["--from", file]) }
            if let pairName, let profile = pairProfile ?? facts.evidence.sourceProfile {
                return (name, ["--from-key-pair", pairName, "--source-profile", profile])
            }
        }
        return nil
    }

    /// A table comment usable as a key pair name (EC2 allows up to 255 ASCII characters).
    private static func validKeyPairName(_ comment: String) -> String? {
        comment.count <= 255 && comment.allSatisfy({ $0.isASCII && !$0.isWhitespace }) ? comment : nil
    }

    private static func isBefore194(_ version: String) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard let major = parts.first else { return false }
        return major < 19 || (major == 19 && (parts.count > 1 ? parts[1] : 0) < 4)
    }
}
