import SSHKeys

/// `key-type-unsupported`: DSA keys (OpenSSH servers refuse them since 7.0; EC2 does not take them) and RSA keys below
/// 1024 bits (sshd's RequiredRSASize).
enum KeyTypeRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        var keys: [(String, SSHPublicKey)] = facts.triedKeys.compactMap { key in key.publicKey.map { (key.source, $0) } }
        if let pair = facts.launchKeyPair, let key = pair.publicKey { keys.append(("key pair \(pair.name)", key)) }
        var evidence = keys.compactMap { source, key -> DoctorText? in
            let plain = key.plainKey
            if plain.algorithm == "ssh-dss" {
                return DoctorText(en: "\(source) is a DSA key: OpenSSH servers refuse DSA since 7.0, and EC2 does not accept DSA key pairs",
                                  ja: "\(source) は DSA 鍵です。OpenSSH サーバーは 7.0 以降 DSA を受け付けず、EC2 も DSA のキーペアを受け付けません")
            }
            if plain.algorithm == "ssh-rsa", let bits = plain.bits, bits < 1024 {
                return DoctorText(en: "\(source) is an RSA key of \(bits) bits: sshd refuses RSA keys below 1024 bits",
                                  ja: "\(source) は \(bits) ビットの RSA 鍵です。sshd は 1024 ビット未満の RSA 鍵を受け付けません")
            }
            return nil
        }
        var remedies: [Remedy] = []
        if let offer = facts.client.hostKeyAlgorithms {
            evidence.append(DoctorText(
                en: "your client shares no host key type with the server, which offers \(offer.joined(separator: ", ")): the connection stops before any key is tried",
                ja: "クライアントとサーバーに共通のホスト鍵の種類がありません（サーバーの提示: \(offer.joined(separator: ", "))）。鍵を試す前に接続が止まります"))
            remedies.append(Remedy(
                title: DoctorText(en: "Update the client (PuTTY 0.75 or later, a current OpenSSH); Amazon Linux 2023 offers only Ed25519 and ECDSA host keys",
                                  ja: "クライアントを更新してください（PuTTY 0.75 以降、最新の OpenSSH）。Amazon Linux 2023 のホスト鍵は Ed25519 と ECDSA だけです"),
                commands: []))
        }
        guard !evidence.isEmpty else { return [] }
        if remedies.count == evidence.count { return [Finding(
            code: .keyTypeUnsupported, severity: .problem,
            summary: DoctorText(en: "Your client cannot use any host key type the server offers", ja: "サーバーが提示するホスト鍵の種類を、クライアントが扱えません"),
            evidence: evidence, remedies: remedies)] }
        return [Finding(
            code: .keyTypeUnsupported, severity: .problem,
            summary: DoctorText(en: "A key's type is one the server or EC2 does not accept",
                                ja: "鍵の種類が、サーバーまたは EC2 で受け付けられないものです"),
            evidence: evidence,
            remedies: remedies + [Remedy(
                title: DoctorText(en: "Make an Ed25519 key and install it into the instance, keeping the keys it has",
                                  ja: "Ed25519 鍵を作成し、既存の鍵を残したままインスタンスにインストールしてください"),
                commands: SuggestedCommands(facts: facts).newEd25519Key(user: facts.loginUser?.name ?? "USER"))])]
    }
}
