/// `wrong-login-user` (ssh-on-ec2.md §6 #4, §7): the keys are installed for another user than the one tried — the
/// console table's header and sshd's answers name the right one; cloud-init's forced command for root says it too.
enum LoginUserRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        guard let tried = facts.triedUser else { return [] }
        var evidence: [DoctorText] = []
        var rightUser: String?
        if let named = facts.client.pleaseLoginAs, named != tried {
            rightUser = named
            evidence.append(DoctorText(en: "the server answered: Please login as the user \"\(named)\" rather than the user \"\(tried)\"",
                                       ja: "サーバーの応答: Please login as the user \"\(named)\" rather than the user \"\(tried)\""))
        }
        if !facts.usersWithKeys.isEmpty, !facts.usersWithKeys.contains(tried) {
            rightUser = rightUser ?? facts.usersWithKeys.first
            evidence.append(DoctorText(
                en: "Keys are installed for \(facts.usersWithKeys.joined(separator: ", ")), not for \(tried)",
                ja: "鍵がインストールされているのは \(facts.usersWithKeys.joined(separator: "、")) で、\(tried) ではありません"))
            evidence += LaunchKeyRule.installedKeys(facts)
        } else if facts.usersWithKeys.isEmpty, let image = facts.evidence.image, !image.defaultUsers.isEmpty,
                  !image.defaultUsers.contains(tried), evidence.isEmpty, facts.tables.isEmpty {
            // Only the family speaks: a guess, said to be one.
            let family = image.family ?? image.imageId
            return [Finding(
                code: .wrongLoginUser, severity: .warning,
                summary: DoctorText(en: "\(tried) is not a usual login user of \(family); try \(image.defaultUsers.joined(separator: " or "))",
                                    ja: "\(tried) は \(family) の標準のログインユーザーではありません。\(image.defaultUsers.joined(separator: " か ")) を試してください"),
                evidence: [DoctorText.userBasisFamily(family, basis: image.familyBasis)],
                remedies: remedies(facts, user: image.defaultUsers[0]))]
        }
        guard let rightUser, !evidence.isEmpty else { return [] }
        return [Finding(
            code: .wrongLoginUser, severity: .problem,
            summary: DoctorText(en: "You are logging in as \(tried), but the instance's keys are for \(rightUser)",
                                ja: "\(tried) でログインしようとしていますが、インスタンスの鍵は \(rightUser) 用です"),
            evidence: evidence, remedies: remedies(facts, user: rightUser))]
    }

    private static func remedies(_ facts: DoctorFacts, user: String) -> [Remedy] {
        let commands = SuggestedCommands(facts: facts)
        let file = facts.loginFiles(for: user).first ?? facts.triedKeys.first?.source ?? "KEY_FILE"
        return [Remedy(
            title: DoctorText(en: "Log in as \(user)", ja: "\(user) としてログインしてください"),
            commands: [commands.ssh(file: file, user: user),
                       "PuTTY: Connection > Data > Auto-login username = \(user)"])]
    }
}
