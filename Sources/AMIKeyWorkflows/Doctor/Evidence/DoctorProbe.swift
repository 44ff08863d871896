import Foundation
import SSHKeys
import SSHSession

/// `--probe`: asks the instance's sshd, through the OpenSSH client, which of the known public keys it accepts for each
/// likely login user. Only public keys are written and offered (ssh logs `Server accepts key` on the server's PK_OK,
/// RFC 4252 §7), so nothing secret is involved; the host key is pinned from the console output, never learnt blindly.
struct DoctorProbe {
    let request: DoctorRequest
    let context: WorkflowContext
    /// At most this many users are asked (each costs a connection per five keys).
    static let maximumUsers = 3

    func run(into evidence: inout DoctorEvidence) async {
        guard let processes = context.processes else {
            evidence.unchecked.append(DoctorText(en: "sshd was not asked: this run cannot start programs", ja: "sshd には問い合わせていません（プログラムを起動できません）"))
            return
        }
        guard var hosts = evidence.instance?.addresses, !hosts.isEmpty else {
            evidence.unchecked.append(DoctorText(en: "sshd was not asked: the instance has no address", ja: "sshd には問い合わせていません（インスタンスにアドレスがありません）"))
            return
        }
        let keys = KeyCatalog(evidence).entries.map(\.publicKey)
        guard !keys.isEmpty else {
            evidence.unchecked.append(DoctorText(en: "sshd was not asked: no public key is known to offer it", ja: "sshd には問い合わせていません（提示できる公開鍵がありません）"))
            return
        }
        do {
            let scratch = try ScratchDirectory(prefix: "amikey-probe", context: context)
            defer { scratch.remove() }
            var files: [String: SSHPublicKey] = [:]
            for (index, key) in keys.enumerated() {
                files[try scratch.write("key\(index).pub", key.openSSHRepresentation() + "\n")] = key
            }
            var pins: String?
            if let console = evidence.console, !console.hostPublicKeys.isEmpty {
                let lines = hosts.map { KnownHosts.lines(hostPublicKeys: console.hostPublicKeys, host: $0, port: nil) }
                pins = try scratch.write("known_hosts", lines.joined())
            }
            for user in users(evidence) {
                let answer = await probe(user: user, hosts: hosts, files: files, pins: pins, processes: processes)
                evidence.probes.append(answer)
                // The address that answered serves the next users; one that did not is not tried again.
                if answer.failure == nil {
                    hosts = [answer.host]
                } else if case .unreachable = answer.failure {
                    break
                }
            }
        } catch {
            evidence.unchecked.append(DoctorText(en: "sshd was not asked: \(error)", ja: "sshd には問い合わせていません: \(error)"))
        }
    }

    /// `--user`, else the console table's users, then the image family's.
    private func users(_ evidence: DoctorEvidence) -> [String] {
        if let user = request.user { return [user] }
        var users: [String] = []
        let candidates = (evidence.console?.authorizedKeys.map(\.user) ?? []) + (evidence.image?.defaultUsers ?? []) + ["ec2-user"]
        for user in candidates where !users.contains(user) { users.append(user) }
        return Array(users.prefix(Self.maximumUsers))
    }

    /// Asks at each address in turn until one answers. When none does, the answer is the first address's, its
    /// message followed by the other addresses' (`ssh to DNS: … does not resolve; IP: timed out; …`).
    private func probe(user: String, hosts: [String], files: [String: SSHPublicKey], pins: String?,
                       processes: any ProcessRunner) async -> ProbeEvidence
    {
        var first: ProbeEvidence?
        var reasons: [String] = []
        for host in hosts {
            let answer = await probe(user: user, host: host, files: files, pins: pins, processes: processes)
            guard case .unreachable(let reason) = answer.failure else { return answer }
            reasons.append(first == nil ? reason : "\(host): \(reason)")
            first = first ?? answer
        }
        var answer = first ?? ProbeEvidence(user: user, host: "")
        answer.failure = .unreachable(reasons.joined(separator: "; "))
        return answer
    }

    private func probe(user: String, host: String, files: [String: SSHPublicKey], pins: String?, processes: any ProcessRunner) async
        -> ProbeEvidence
    {
        var answer = ProbeEvidence(user: user, host: host)
        let batches = SSHProbe.batches(host: host, user: user, publicKeyFiles: files.keys.sorted(), knownHostsFile: pins,
                                       sshConfig: request.sshConfig)
        for batch in batches {
            let result: SSHProbeResult
            do {
                let run = try await processes.run(ProcessCommand("ssh", batch.arguments, environment: context.environment))
                result = SSHProbeResult(status: run.status, standardError: run.standardError)
            } catch {
                answer.failure = .other(error.description)
                return answer
            }
            answer.serverVersion = answer.serverVersion ?? result.serverVersion
            if let failure = result.failure {
                answer.failure = Self.failure(failure)
                return answer
            }
            answer.accepted += result.acceptedKeyFiles.compactMap { files[$0] }
            answer.refused += result.refusedKeyFiles.compactMap { files[$0] }
        }
        return answer
    }

    private static func failure(_ failure: SSHConnectionFailure) -> ProbeFailure {
        switch failure {
        case .timedOut, .connectionRefused, .hostnameUnresolved, .noRoute: .unreachable(failure.description)
        case .hostKeyMismatch: .hostKeyMismatch(failure.description)
        case .hostKeyUnknown: .noHostKeyPin
        case .noMatchingHostKeyType(let offer): .hostKeyAlgorithms(offer)
        default: .other(failure.description)
        }
    }
}
