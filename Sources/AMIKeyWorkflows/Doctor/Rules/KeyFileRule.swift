import SSHKeys

/// `local-key-file-problem`: the key file cannot be used by the client at all (ssh-on-ec2.md §6 #9) — unreadable,
/// readable by others (OpenSSH refuses it: "UNPROTECTED PRIVATE KEY FILE!"), or not the format the client reads.
enum KeyFileRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        var evidence: [DoctorText] = []
        var remedies: [Remedy] = []
        let commands = SuggestedCommands(facts: facts)
        for key in facts.evidence.keysWereGiven ? facts.evidence.localKeys : [] {
            if case .failure(let error) = key.entry {
                evidence.append(DoctorText(en: "\(key.source): \(error.message)", ja: "\(key.source): \(error.message)"))
            }
        }
        for key in facts.triedKeys where key.holdsPrivateKey {
            guard let mode = key.mode, mode & 0o077 != 0, !facts.client.isPuTTY else { continue }
            let octal = String(mode & 0o777, radix: 8)
            evidence.append(DoctorText(
                en: "\(key.source) is readable by other users (mode \(octal)); OpenSSH refuses such a private key (\"UNPROTECTED PRIVATE KEY FILE!\")",
                ja: "\(key.source) は他のユーザーも読めます（モード \(octal)）。OpenSSH はこのような秘密鍵を使いません（「UNPROTECTED PRIVATE KEY FILE!」）"))
            remedies.append(Remedy(
                title: DoctorText(en: "Make \(key.source) readable by you only", ja: "\(key.source) を自分だけが読めるようにしてください"),
                commands: ["chmod 600 \(SuggestedCommands.quoted(key.source))"]))
        }
        for key in facts.triedKeys {
            guard let entry = try? key.entry.get(), entry.textEncoding == .utf16 else { continue }
            let copy = SuggestedCommands.sibling(of: key.source, suffix: "utf8")
            evidence.append(DoctorText(
                en: "\(key.source) is UTF-16 text (as Windows PowerShell 5's > writes it); neither OpenSSH nor PuTTY reads it (ssh says \"invalid format\")",
                ja: "\(key.source) は UTF-16 のテキストです（Windows PowerShell 5 の > はこの形式で書きます）。OpenSSH も PuTTY も読めません（ssh の表示は「invalid format」）"))
            remedies.append(Remedy(
                title: DoctorText(en: "Write \(key.source) again as UTF-8 (the key stays the same)",
                                  ja: "\(key.source) を UTF-8 で書き直してください（鍵そのものは変わりません）"),
                commands: [commands.amikey(["convert", key.source, "--to", Self.sameFormat(entry.format).rawValue, "-o", copy], options: [])]))
        }
        if facts.client.isPuTTY {
            for key in facts.triedKeys {
                guard let entry = try? key.entry.get(), entry.format.holdsPrivateKey,
                      entry.format != .ppkV2, entry.format != .ppkV3 else { continue }
                evidence.append(DoctorText(en: "PuTTY reads only .ppk private keys; \(key.source) is \(entry.format.rawValue)",
                                           ja: "PuTTY が読める秘密鍵は .ppk だけです。\(key.source) は \(entry.format.rawValue) です"))
                remedies.append(Remedy(
                    title: DoctorText(en: "Convert \(key.source) to a .ppk for PuTTY (the key stays the same)",
                                      ja: "\(key.source) を PuTTY 用の .ppk に変換してください（鍵そのものは変わりません）"),
                    commands: commands.putty(file: key.source, user: facts.loginUser?.name ?? "USER")))
            }
        }
        for message in facts.client.keyFileProblems {
            evidence.append(DoctorText(en: "your client said: \(message)", ja: "クライアントの表示: \(message)"))
        }
        if facts.client.tooManyKeysOffered {
            evidence.append(DoctorText(
                en: "your client said: Too many authentication failures — it offered more keys (from ssh-agent or ~/.ssh) than sshd allows",
                ja: "クライアントの表示: Too many authentication failures — ssh-agent や ~/.ssh の鍵を sshd の許容回数より多く提示しました"))
            let file = facts.loginFiles(for: facts.loginUser?.name ?? "").first ?? "KEY_FILE"
            remedies.append(Remedy(
                title: DoctorText(en: "Offer only the key meant for this instance", ja: "このインスタンス用の鍵だけを提示してください"),
                commands: ["ssh -o IdentitiesOnly=yes -i \(SuggestedCommands.quoted(file)) \(facts.loginUser?.name ?? "USER")@\(facts.host)"]))
        }
        guard !evidence.isEmpty else { return [] }
        if remedies.isEmpty {
            remedies.append(Remedy(
                title: DoctorText(en: "Check what amikey reads in the file; a .ppk for PuTTY, an OpenSSH or PEM private key for ssh",
                                  ja: "amikey でファイルの中身を確認してください。PuTTY には .ppk、ssh には OpenSSH か PEM 形式の秘密鍵が必要です"),
                commands: facts.triedKeys.map { commands.amikey(["fingerprint", $0.source], options: []) }))
        }
        return [Finding(
            code: .localKeyFileProblem, severity: .problem,
            summary: DoctorText(en: "Your key file cannot be used by your SSH client as it is",
                                ja: "お使いの鍵ファイルは、このままでは SSH クライアントで使えません"),
            evidence: evidence, remedies: remedies)]
    }

    /// The `convert --to` value that writes the same kind of file again.
    private static func sameFormat(_ format: KeyFileFormat) -> ConvertWorkflow.Target {
        switch format {
        case .opensshPrivate: .openssh
        case .pemPKCS1, .pemPKCS8, .pemSEC1, .pemDSA: .pem
        case .ppkV2, .ppkV3: .ppk
        default: .opensshPublic
        }
    }
}
