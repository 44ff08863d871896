import Foundation
import SSHKeys

/// `key-installed-but-refused` by the key's own `authorized_keys` options, which cloud-init's table prints
/// (sshd(8), AUTHORIZED_KEYS FILE FORMAT): options sshd cannot parse (the line is ignored), an `expiry-time` in the
/// past, or a `from` list the client's address is outside (shown by sshd refusing the key).
enum KeyOptionsRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        let refusing = facts.restrictions.filter { $0.refusesEveryone || facts.wasRefused($0.key) }
        guard !refusing.isEmpty else { return [] }
        let commands = SuggestedCommands(facts: facts)
        let user = refusing[0].key.user
        var remedies: [Remedy] = []
        if refusing.contains(where: { if case .fromOnly = $0.kind { true } else { false } }) {
            let target = facts.evidence.instance?.privateIp ?? facts.host
            remedies.append(Remedy(
                title: DoctorText(en: "Connect from an address the from= list allows, such as the bastion host it names",
                                  ja: "from= の一覧が許すアドレス（そこに書かれた踏み台サーバーなど）から接続してください"),
                commands: ["ssh -J BASTION_USER@BASTION_HOST -i KEY_FILE \(user)@\(target)"]))
        }
        // The restricted line already holds the key, so installing the same key again would change nothing.
        remedies.append(Remedy(
            title: DoctorText(en: "Or install a new key of your own next to it, without those options",
                              ja: "または、これらのオプションを付けずに自分の新しい鍵を追加してください"),
            commands: commands.newEd25519Key(user: user)))
        return [Finding(
            code: .keyInstalledButRefused, severity: .problem,
            summary: DoctorText(en: "The key is installed, but the options on its authorized_keys line keep sshd from accepting it",
                                ja: "鍵はインストールされていますが、authorized_keys のその行のオプションにより sshd が受け付けません"),
            evidence: refusing.map(describe), remedies: remedies)]
    }

    /// One restriction, naming the key, the user and the option.
    static func describe(_ restriction: KeyRestriction) -> DoctorText {
        let key = restriction.key
        let name = "\(key.type) \(key.fingerprint)" + (key.comment.map { " \"\($0)\"" } ?? "")
        switch restriction.kind {
        case .unreadable(let message):
            return DoctorText(
                en: "cloud-init's table shows options sshd cannot read on the line of \(name) for \(key.user) (\(restriction.options)): \(message)",
                ja: "cloud-init の表では \(key.user) の \(name) の行に sshd が読めないオプションがあります（\(restriction.options)）: \(message)")
        case .expired(let value, let date):
            let day = date.formatted(.iso8601.year().month().day())
            return DoctorText(
                en: "\(name) for \(key.user) has expiry-time=\"\(value)\": sshd stopped accepting it on \(day)",
                ja: "\(key.user) の \(name) には expiry-time=\"\(value)\" があり、sshd は \(day) 以降この鍵を受け付けません")
        case .expiryUnjudged(let value):
            return DoctorText(en: "\(name) for \(key.user) has expiry-time=\"\(value)\"",
                              ja: "\(key.user) の \(name) には expiry-time=\"\(value)\" があります")
        case .fromOnly(let patterns):
            return DoctorText(
                en: "\(name) for \(key.user) is accepted only from \(patterns) (from= on its authorized_keys line), and sshd refused it here",
                ja: "\(key.user) の \(name) は \(patterns) からしか受け付けられません（authorized_keys の from=）。ここからの接続は拒否されました")
        }
    }
}
