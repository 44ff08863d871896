import SSHKeys

/// Sentences several rules and renderers share.
extension DoctorText {
    /// Why the login user is `--user`'s.
    static let userBasisOption = DoctorText(en: "given with --user", ja: "--user で指定")
    /// Why the login user is the console table's.
    static let userBasisConsole = DoctorText(
        en: "cloud-init's table in the console output names this user", ja: "コンソール出力の cloud-init の表がこのユーザーを示しています")
    /// Why the login user is the one sshd accepted a key for.
    static let userBasisProbe = DoctorText(en: "sshd accepted a key for this user", ja: "sshd がこのユーザーの鍵を受け付けました")
    /// Why the login user is the one in the client's message.
    static let userBasisClient = DoctorText(en: "the user in your client's message", ja: "クライアントのメッセージにあるユーザー")

    /// Why the login user is the image family's default.
    static func userBasisFamily(_ family: String, basis: String?) -> DoctorText {
        let why = basis.map { " (\($0))" } ?? ""
        return DoctorText(en: "the usual login user of \(family)\(why)", ja: "\(family) の標準のログインユーザー\(why)")
    }

    /// `file K_A` / `key pair old-key in account 1234…`.
    static func naming(_ match: KeyMatch) -> DoctorText {
        switch match {
        case .file(let path, true):
            return DoctorText(en: "file \(path)", ja: "ファイル \(path)")
        case .file(let path, false):
            return DoctorText(en: "file \(path) (public key only)", ja: "ファイル \(path)（公開鍵のみ）")
        case .keyPair(let name, let account?):
            return DoctorText(en: "key pair \(name) in account \(account)", ja: "アカウント \(account) のキーペア \(name)")
        case .keyPair(let name, nil):
            return DoctorText(en: "key pair \(name)", ja: "キーペア \(name)")
        }
    }

    /// The matches joined (`file K_A, key pair old-key in account A`), or that none of the user's keys is it.
    static func naming(_ matches: [KeyMatch]) -> DoctorText {
        guard !matches.isEmpty else {
            return DoctorText(en: "none of your key files or key pairs", ja: "手元の鍵ファイルやキーペアのどれでもありません")
        }
        let parts = matches.map(naming)
        return DoctorText(en: parts.map(\.en).joined(separator: ", "), ja: parts.map(\.ja).joined(separator: "、"))
    }

    /// A table row or probe answer with whose key it is: `ec2-user: ssh-ed25519 aa:bb… (old-key) = file K_A`.
    static func accepted(_ key: AcceptedKey) -> DoctorText {
        let comment = key.comment.map { " \"\($0)\"" } ?? ""
        let seen: DoctorText
        switch (key.seenBy.contains(.console), key.seenBy.contains(.probe)) {
        case (true, true):
            seen = DoctorText(en: "installed for \(key.user), and sshd confirms it", ja: "\(key.user) にインストール済み（sshd でも確認）")
        case (false, true):
            seen = DoctorText(en: "sshd accepts for \(key.user)", ja: "sshd が \(key.user) で受け付ける鍵")
        default:
            seen = DoctorText(en: "installed for \(key.user)", ja: "\(key.user) にインストール済み")
        }
        let whose = naming(key.matches)
        return DoctorText(
            en: "\(seen.en): \(key.type) \(key.fingerprint)\(comment) = \(whose.en)",
            ja: "\(seen.ja): \(key.type) \(key.fingerprint)\(comment) = \(whose.ja)")
    }

    /// `key pair new-key (SHA256:…)`.
    static func keyPair(_ pair: KeyPairEvidence?, name: String) -> DoctorText {
        let fingerprint = pair?.publicKey.map { " (\($0.sha256Fingerprint))" } ?? ""
        return DoctorText(en: "key pair \(name)\(fingerprint)", ja: "キーペア \(name)\(fingerprint)")
    }
}
