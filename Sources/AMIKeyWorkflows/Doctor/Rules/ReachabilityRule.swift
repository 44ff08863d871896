/// `not-reachable`: nothing answers on the SSH port (a network problem, not a key problem — ssh-on-ec2.md §6 #13),
/// and a host key that differs from the console's (§6 #11).
enum ReachabilityRule: DoctorRule {
    static func findings(_ facts: DoctorFacts) -> [Finding] {
        var evidence: [DoctorText] = []
        if let state = facts.evidence.instance?.state, state != "running" {
            evidence.append(DoctorText(en: "DescribeInstances: the instance is \(state), not running",
                                       ja: "DescribeInstances: インスタンスは running ではなく \(state) です"))
        }
        for probe in facts.evidence.probes {
            if case .unreachable(let message) = probe.failure {
                evidence.append(DoctorText(en: "ssh to \(probe.host): \(message)", ja: "\(probe.host) への ssh: \(message)"))
            }
        }
        if let message = facts.client.unreachable {
            evidence.append(DoctorText(en: "your client said: \(message)", ja: "クライアントの表示: \(message)"))
        }
        var findings: [Finding] = []
        if !evidence.isEmpty {
            let commands = SuggestedCommands(facts: facts)
            var remedies = [Remedy(
                title: DoctorText(
                    en: "Check that the instance is running and that its security group, network ACL and route table let port 22 in from your address",
                    ja: "インスタンスが起動中か、セキュリティグループ・ネットワーク ACL・ルートテーブルがあなたのアドレスからのポート 22 を許可しているかを確認してください"),
                commands: [
                    "aws ec2 describe-instances --instance-ids \(commands.instanceId) --query "
                        + "'Reservations[].Instances[].[State.Name,PublicIpAddress,SecurityGroups]'",
                ])]
            if facts.client.unreachable?.lowercased().contains("refused") == true {
                remedies.append(Remedy(
                    title: DoctorText(en: "\"Connection refused\" means the address answers but sshd does not: it may still be booting, or sshd is stopped",
                                      ja: "「Connection refused」はアドレスは応答しているが sshd が応答していないことを示します。起動中か、sshd が停止している可能性があります"),
                    commands: []))
            }
            findings.append(Finding(
                code: .notReachable, severity: .problem,
                summary: DoctorText(en: "Nothing answers on the instance's SSH port: this is a network or instance-state problem, not a key problem",
                                    ja: "インスタンスの SSH ポートが応答していません。鍵ではなく、ネットワークかインスタンスの状態の問題です"),
                evidence: evidence, remedies: remedies))
        }
        let mismatches = facts.evidence.probes.compactMap { probe -> DoctorText? in
            guard case .hostKeyMismatch(let message) = probe.failure else { return nil }
            return DoctorText(en: "ssh to \(probe.host): \(message)", ja: "\(probe.host) への ssh: \(message)")
        } + (facts.client.hostKeyChanged ? [DoctorText(en: "your client reported a changed host key", ja: "クライアントがホスト鍵の変更を報告しました")] : [])
        if !mismatches.isEmpty {
            findings.append(Finding(
                code: .hostKeyChanged, severity: .warning,
                summary: DoctorText(
                    en: "The server's host key is not the one this instance printed on its console: a relaunched instance at the same address, or not this instance at all",
                    ja: "サーバーのホスト鍵が、このインスタンスがコンソールに出力したものと異なります。同じアドレスで再作成されたインスタンスか、別のサーバーです"),
                evidence: mismatches,
                remedies: [Remedy(
                    title: DoctorText(en: "Compare with the console's host-key fingerprints, then remove the old entry from known_hosts",
                                      ja: "コンソールのホスト鍵フィンガープリントと照合してから、known_hosts の古いエントリを削除してください"),
                    commands: ["aws ec2 get-console-output --instance-id \(SuggestedCommands(facts: facts).instanceId) --query Output --output text | amikey console-keys -",
                               "ssh-keygen -R \(facts.host)"])]))
        }
        return findings
    }
}
