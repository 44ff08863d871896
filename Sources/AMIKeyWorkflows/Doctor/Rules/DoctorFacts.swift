import EC2Evidence
import SSHKeys

/// What the rules ask of the evidence, worked out once: which keys each user accepts and whose they are, the login
/// user, the launch key and whether it is installed, and the keys the user is trying.
struct DoctorFacts {
    let evidence: DoctorEvidence
    let catalog: KeyCatalog
    let client: ClientSymptoms
    /// Accepted keys, console table rows first, then keys only a probe showed.
    let acceptedKeys: [AcceptedKey]
    /// The console tables (users cloud-init printed), latest per user.
    let tables: [AuthorizedKeysTable]
    /// The user the user tried: `--user`, else the one in the client's error text.
    let triedUser: String?
    /// The users the instance is known to accept keys for (tables with rows, probe acceptances).
    let usersWithKeys: [String]
    /// The login user the report goes by.
    let loginUser: LoginUser?
    /// The launch key pair, with its public key when AWS returned it.
    let launchKeyPair: KeyPairEvidence?
    /// The keys the user is trying: `--key` files, else the keys an `ssh -v` log offered; empty when unknown.
    let triedKeys: [LocalKey]
    /// Installed keys whose `authorized_keys` options can keep sshd from accepting them.
    let restrictions: [KeyRestriction]

    init(_ evidence: DoctorEvidence) {
        self.evidence = evidence
        catalog = KeyCatalog(evidence)
        client = ClientSymptoms(evidence.clientError)
        tables = evidence.console?.authorizedKeys ?? []
        launchKeyPair = evidence.launchKeyPair
        acceptedKeys = Self.acceptedKeys(tables: tables, probes: evidence.probes, catalog: catalog)
        restrictions = KeyRestriction.all(tables: tables, acceptedKeys: acceptedKeys, now: evidence.gatheredAt)
        triedUser = evidence.requestedUser ?? client.user
        var users: [String] = []
        for key in acceptedKeys where !users.contains(key.user) { users.append(key.user) }
        usersWithKeys = users
        loginUser = Self.loginUser(evidence: evidence, triedUser: triedUser, users: users, tables: tables)
        if evidence.keysWereGiven {
            triedKeys = evidence.localKeys
        } else {
            let offered = client.offeredFingerprints
            triedKeys = evidence.localKeys.filter { key in key.publicKey.map { offered.contains($0.sha256Fingerprint) } ?? false }
        }
    }

    /// The console table for `user`, if cloud-init printed one.
    func table(for user: String) -> AuthorizedKeysTable? { tables.last { $0.user == user } }

    /// The accepted keys for `user`.
    func accepted(for user: String) -> [AcceptedKey] { acceptedKeys.filter { $0.user == user } }

    /// Whether `key` is among the keys accepted for `user` (nil user: for anyone).
    func accepts(_ key: SSHPublicKey, user: String? = nil) -> Bool {
        acceptedKeys.contains { accepted in
            (user == nil || accepted.user == user) && accepted.publicKey == key.plainKey
        }
    }

    /// Whether sshd was seen refusing `key` for its user: a probe's answer, or the client's error with that key tried.
    func wasRefused(_ key: AcceptedKey) -> Bool {
        guard let publicKey = key.publicKey else { return false }
        let probed = evidence.probes.contains { probe in
            probe.failure == nil && probe.user == key.user && probe.refused.contains { $0.plainKey == publicKey }
        }
        let tried = client.publicKeyRefused && triedUser == key.user && triedKeys.contains { $0.publicKey?.plainKey == publicKey }
        return probed || tried
    }

    /// Whether the key's own options explain a refusal of it (``KeyOptionsRule`` speaks for it then).
    func optionsExplainRefusal(of key: SSHPublicKey, user: String) -> Bool {
        restrictions.contains { restriction in
            guard restriction.key.user == user, restriction.key.publicKey == key.plainKey else { return false }
            if case .fromOnly = restriction.kind { return true }
            return restriction.refusesEveryone
        }
    }

    /// Whether anything tells which keys the instance holds: a console table or a probe that got an answer.
    var knowsInstalledKeys: Bool {
        !tables.isEmpty || evidence.probes.contains { $0.failure == nil }
    }

    /// The launch key's public key, when known.
    var launchKey: SSHPublicKey? { launchKeyPair?.publicKey }

    /// Local files that hold a private key for one of `user`'s accepted keys, the launch key pair's first: that is
    /// the key the user chose and expects to use.
    func loginFiles(for user: String) -> [String] {
        let launchKey = launchKey?.plainKey
        let accepted = accepted(for: user)
        let ordered = accepted.filter { $0.publicKey != nil && $0.publicKey == launchKey }
            + accepted.filter { $0.publicKey == nil || $0.publicKey != launchKey }
        return ordered.flatMap(\.matches).compactMap { match in
            if case .file(let path, true) = match { return path }
            return nil
        }
    }

    /// The host to write in suggested commands: the address sshd answered on, else the one a user would type.
    var host: String {
        evidence.probes.first { $0.failure == nil }?.host ?? evidence.instance?.address ?? "HOST"
    }

    private static func acceptedKeys(tables: [AuthorizedKeysTable], probes: [ProbeEvidence], catalog: KeyCatalog) -> [AcceptedKey] {
        var result: [AcceptedKey] = []
        for table in tables {
            for row in table.rows {
                let key = catalog.key(forRow: row, hash: table.hash)
                result.append(AcceptedKey(
                    user: table.user, fingerprint: row.fingerprint, type: row.type, comment: row.comment, seenBy: [.console],
                    matches: key.map(catalog.matches(for:)) ?? [], publicKey: key))
            }
        }
        for probe in probes where probe.failure == nil {
            for key in probe.accepted {
                if let index = result.firstIndex(where: { $0.user == probe.user && $0.publicKey == key.plainKey }) {
                    if !result[index].seenBy.contains(.probe) { result[index].seenBy.append(.probe) }
                    continue
                }
                result.append(AcceptedKey(
                    user: probe.user, fingerprint: key.sha256Fingerprint, type: key.algorithm, comment: nil, seenBy: [.probe],
                    matches: catalog.matches(for: key), publicKey: key.plainKey))
            }
        }
        return result
    }

    private static func loginUser(evidence: DoctorEvidence, triedUser: String?, users: [String], tables: [AuthorizedKeysTable])
        -> LoginUser?
    {
        if let user = evidence.requestedUser { return LoginUser(name: user, basis: .userBasisOption) }
        if let user = users.first {
            return LoginUser(name: user, basis: tables.contains { $0.user == user } ? .userBasisConsole : .userBasisProbe)
        }
        if let table = tables.first { return LoginUser(name: table.user, basis: .userBasisConsole) }
        if let user = triedUser { return LoginUser(name: user, basis: .userBasisClient) }
        if let image = evidence.image, let user = image.defaultUsers.first {
            return LoginUser(name: user, basis: .userBasisFamily(image.family ?? image.imageId, basis: image.familyBasis))
        }
        return nil
    }
}
