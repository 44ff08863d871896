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
                       commands: SuggestedCommands(facts: facts).newEd25519Key(user: user)),
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
