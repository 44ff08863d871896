import SSHKeys

/// What the doctor could not check, worked out from what is missing in the evidence.
enum UncheckedFacts {
    static func list(_ facts: DoctorFacts) -> [DoctorText] {
        let evidence = facts.evidence
        var lines: [DoctorText] = []
        if evidence.localKeys.isEmpty {
            lines.append(DoctorText(en: "No key files were found in ~/.ssh or the current directory; give yours with --key",
                                    ja: "~/.ssh と現在のディレクトリに鍵ファイルが見つかりませんでした。--key で指定してください"))
        }
        if let name = evidence.instance?.keyName, facts.launchKey == nil {
            lines.append(DoctorText(en: "The public key of key pair \(name) could not be read (DescribeKeyPairs)",
                                    ja: "キーペア \(name) の公開鍵を取得できませんでした（DescribeKeyPairs）"))
        }
        for restriction in facts.restrictions where !restriction.refusesEveryone && !facts.wasRefused(restriction.key) {
            let described = KeyOptionsRule.describe(restriction)
            switch restriction.kind {
            case .fromOnly(let patterns):
                let key = restriction.key
                lines.append(DoctorText(
                    en: "\(key.type) \(key.fingerprint) for \(key.user) is accepted only from \(patterns) (from= on its authorized_keys line); whether your address is one of them was not checked",
                    ja: "\(key.user) の \(key.type) \(key.fingerprint) は \(patterns) からしか受け付けられません（authorized_keys の from=）。お使いのアドレスが含まれるかは確認していません"))
            default:
                lines.append(DoctorText(en: described.en + "; it was not compared with the current time",
                                        ja: described.ja + "。現在時刻とは比較していません"))
            }
        }
        for table in facts.tables {
            if let hash = table.hash, FingerprintHash(rawValue: hash.lowercased()) == nil {
                lines.append(DoctorText(en: "cloud-init's table for \(table.user) uses \(hash), which amikey does not compute; its rows could not be matched",
                                        ja: "\(table.user) の cloud-init の表は amikey が計算しない \(hash) を使っているため、行を照合できませんでした"))
            }
            if !table.isComplete {
                lines.append(DoctorText(en: "cloud-init's table for \(table.user) is cut off (line \(table.line)); keys after the cut are unknown",
                                        ja: "\(table.user) の cloud-init の表は途中で切れています（\(table.line) 行目）。切れた後の鍵は不明です"))
            }
        }
        if let image = evidence.image, let owner = image.ownerId, let caller = evidence.callerAccount, owner != caller,
           !evidence.keyPairs.contains(where: { $0.account == owner }) {
            lines.append(DoctorText(
                en: "The key pairs of account \(owner), which owns the image, were not read; --source-profile names a profile for it",
                ja: "イメージの所有者であるアカウント \(owner) のキーペアは読み取っていません。--source-profile でそのアカウントのプロファイルを指定できます"))
        }
        for probe in evidence.probes {
            switch probe.failure {
            case .noHostKeyPin:
                lines.append(DoctorText(
                    en: "sshd was not asked for \(probe.user): the console shows no host keys and known_hosts does not know \(probe.host), and a host key is never accepted blindly",
                    ja: "\(probe.user) について sshd に問い合わせていません。コンソールにホスト鍵がなく known_hosts にも \(probe.host) がないため（ホスト鍵を無条件に信用することはしません）"))
            case .hostKeyAlgorithms(let offer):
                lines.append(DoctorText(en: "sshd was not asked for \(probe.user): no host key type in common (the server offers \(offer))",
                                        ja: "\(probe.user) について sshd に問い合わせできませんでした。共通のホスト鍵の種類がありません（サーバーの提示: \(offer)）"))
            case .other(let message):
                lines.append(DoctorText(en: "sshd could not be asked for \(probe.user): \(message)", ja: "\(probe.user) について sshd に問い合わせできませんでした: \(message)"))
            case .unreachable, .hostKeyMismatch, nil:
                break
            }
        }
        if evidence.probes.isEmpty {
            lines.append(DoctorText(en: "The instance's sshd was not asked (--probe asks it, with public keys only)",
                                    ja: "インスタンスの sshd には問い合わせていません（--probe で公開鍵だけを使って問い合わせます）"))
        }
        return lines
    }
}
