import Foundation

/// The line-by-line state behind `SSHClientErrorText.init`.
///
/// Message texts are OpenSSH's (ssh.c, sshconnect.c, sshconnect2.c, authfile.c: the format strings in the
/// `ssh` binary) and PuTTY's (ssh/userauth2-client.c, ssh/transport2.c, ssh/verstring.c, ssh/common.c,
/// windows/network.c). Japanese texts are those of the PuTTY ranvis build's translation file
/// (github.com/ranvis/putty `windows/lang/0411/putty.lng`, commit 52207577), which translates dialogs only:
/// what PuTTY prints in its terminal window (`Server refused our key`, `Unable to use key file`, `Using username`)
/// and the `No supported authentication methods available (server sent: …)` dialog have no entry there and stay English.
/// One Japanese refusal is taken from users' reports instead (`refusedJapanese`); no other Japanese build's
/// (PuTTYjp's, iceiv+putty's) translation source could be found.
struct SSHClientErrorTextReader {
    private var result = SSHClientErrorText(client: .unknown)
    private var openSSHLines = 0
    private var puTTYLines = 0
    private var firstClient: SSHClientErrorText.Client?

    mutating func read(_ raw: Substring, line number: Int) {
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return }
        readClient(line)
        readAuthentication(line, number)
        readNetwork(line, number)
        readHostKey(line, number)
        readKeyFile(line, number)
        readFacts(line, number)
    }

    func finish(lineCount: Int) -> SSHClientErrorText {
        var result = result
        result.lineCount = lineCount
        if openSSHLines > puTTYLines { result.client = .openssh }
        else if puTTYLines > openSSHLines { result.client = .putty }
        else { result.client = firstClient ?? .unknown }
        return result
    }

    // MARK: Which client

    /// Lines only OpenSSH prints.
    private static let openSSHMarkers = [
        "ssh: connect to host ", "Could not resolve hostname", ": Permission denied (", "Load key \"", "UNPROTECTED PRIVATE KEY FILE",
        "REMOTE HOST IDENTIFICATION HAS CHANGED", "Warning: Permanently added", "kex_exchange_identification", "Unable to negotiate with",
        "sign_and_send_pubkey", "Host key verification failed", "are too open",
    ]
    /// Lines only PuTTY (or its translated builds) prints; `重大なエラー` is the ranvis build's `Fatal Error` title.
    private static let puTTYMarkers = [
        "login as: ", "Using username \"", "Server refused our", "No supported authentication methods available", "Network error:",
        "ネットワークエラー:", "Unable to use key file \"", "Unable to load key file \"", "We claim version: SSH-", "Authenticating with public key \"",
        "PuTTY Fatal Error", "PuTTY 重大なエラー", "PuTTY Security Alert", "POTENTIAL SECURITY BREACH", "セキュリティ侵害の可能性",
        "Looking up host \"", "Pageant is running", "Offered public key", "Couldn't agree a ", "PuTTY key format too new",
        "PuTTY 鍵形式が新しすぎます", "Remote version: SSH-", "Access granted", "Host does not exist", refusedJapanese,
    ]

    /// `Server refused our key` as a Japanese PuTTY user quotes it (github.com/mnakada/atomcam_tools issue 79).
    static let refusedJapanese = "サーバが鍵を拒否しました"

    private mutating func readClient(_ line: String) {
        if line.hasPrefix("OpenSSH_"), let version = Self.openSSHVersion(line.dropFirst("OpenSSH_".count)) {
            // ssh -v's first line (ssh.c: SSH_RELEASE ", " OpenSSL version): the client's own banner.
            count(.openssh, weight: 2)
            if result.clientVersion == nil { result.clientVersion = version }
            return
        }
        if line.hasPrefix("debug1:") || line.hasPrefix("debug2:") || line.hasPrefix("debug3:") {
            count(.openssh, weight: 1)
            if result.clientVersion == nil, let local = line.after("Local version string SSH-2.0-OpenSSH_") {
                result.clientVersion = Self.openSSHVersion(local)
            }
        } else if Self.openSSHMarkers.contains(where: { line.contains($0) }) {
            count(.openssh, weight: 1)
        }
        if Self.puTTYMarkers.contains(where: { line.contains($0) }) { count(.putty, weight: 1) }
        if let claimed = line.after("We claim version: SSH-2.0-PuTTY_"), result.clientVersion == nil {
            // ssh/verstring.c: `PuTTY_Release_0.81`, or a snapshot's or custom build's own suffix.
            let version = claimed.hasPrefix("Release_") ? claimed.dropFirst("Release_".count) : claimed
            if !version.isEmpty { result.clientVersion = String(version) }
        }
    }

    private mutating func count(_ client: SSHClientErrorText.Client, weight: Int) {
        if firstClient == nil { firstClient = client }
        if client == .openssh { openSSHLines += weight } else { puTTYLines += weight }
    }

    /// `9.2p1` from `9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 …`, or from Windows' `for_Windows_9.5p1, LibreSSL …`.
    private static func openSSHVersion(_ text: Substring) -> String? {
        var version = text.prefix { $0 != "," && $0 != " " }
        if version.hasPrefix("for_Windows_") { version = version.dropFirst("for_Windows_".count) }
        guard version.first?.isNumber == true else { return nil }
        return String(version)
    }

    // MARK: Authentication

    private mutating func readAuthentication(_ line: String, _ number: Int) {
        // sshconnect2.c: "%s@%s: Permission denied (%s)." (older clients print only "Permission denied (%s).").
        if let range = line.range(of: "Permission denied (") {
            let rest = line[range.upperBound...]
            let list = rest.range(of: ")").map { rest[..<$0.lowerBound] } ?? rest.trimmingSuffix { $0 == "." }
            add(.permissionDenied(methods: Self.list(list)), number)
            let prefix = line[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            if prefix.hasSuffix(":"), let target = prefix.dropLast().split(separator: " ").last,
               let at = target.lastIndex(of: "@"), at > target.startIndex {
                result.user = String(target[..<at])
                let host = target[target.index(after: at)...]
                if !host.isEmpty { result.host = String(host) }
            }
        }
        // ssh/userauth2-client.c: "Server refused our key"; the SSH-1 path prints "Server refused our public key.".
        // サーバが鍵を拒否しました: as a Japanese PuTTY user quotes it (github.com/mnakada/atomcam_tools issue 79,
        // and this project's README); attested, but in no translation source found (ranvis leaves it English).
        if line.contains("Server refused our key") || line.contains("Server refused our public key") || line.contains(Self.refusedJapanese) {
            add(.serverRefusedKey, number)
        }
        if line.contains("Server refused public-key signature despite accepting key") { add(.puttySignatureRefused, number) }
        if line.contains("No supported authentication methods available") {
            let sent = line.between("(server sent: ", ")") ?? line.after("(server sent: ")
            add(.noSupportedAuthenticationMethods(serverSent: sent.map(Self.list) ?? []), number)
        }
        if line.contains("no mutual signature") { add(.noMutualSignature, number) }
        if line.contains("Too many authentication failures") { add(.tooManyAuthenticationFailures, number) }
        // cloud-init's disable_root_opts: `echo 'Please login as the user "X" rather than the user "root".'`.
        if let rest = line.after("Please login as the user \""), let close = rest.firstIndex(of: "\"") {
            let user = String(rest[..<close])
            let instead = rest[close...].between("rather than the user \"", "\"").map(String.init)
            if !user.isEmpty { add(.loginAsOtherUser(user: user, insteadOf: instead), number) }
        }
    }

    // MARK: Network

    /// getaddrinfo's texts for a name that does not resolve (glibc, BSD/macOS, Windows) and PuTTY's WSAHOST_NOT_FOUND.
    private static let unresolvedTexts = [
        "Name or service not known", "nodename nor servname provided", "Temporary failure in name resolution",
        "No such host is known", "Host does not exist", "No address associated with hostname",
    ]

    private mutating func readNetwork(_ line: String, _ number: Int) {
        // ranvis putty.lng 651/625: `Network error: Connection timed out` / `… Connection refused` in Japanese.
        if line.contains("Connection timed out") || line.contains("Operation timed out") || line.contains("接続がタイムアウトしました") {
            add(.connectionTimedOut, number)
        }
        if line.contains("Connection refused") || line.contains("接続を拒否されました") { add(.connectionRefused, number) }
        let named = line.between("Could not resolve hostname ", ":") ?? line.between("Could not resolve host \"", "\"")
        if let named {
            add(.hostUnresolved(host: String(named)), number)
            result.host = String(named)
        } else if Self.unresolvedTexts.contains(where: { line.contains($0) }), !result.kinds.contains(.hostUnresolved) {
            add(.hostUnresolved(host: nil), number)
        }
    }

    // MARK: Host key

    private mutating func readHostKey(_ line: String, _ number: Int) {
        // ssh/common.c's dialog heading and text; ranvis putty.lng 720 and 733 for the Japanese.
        if line.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || line.contains("POTENTIAL SECURITY BREACH")
            || line.contains("セキュリティ侵害の可能性") || line.contains("がキャッシュしたものと一致しません")
            || (line.contains("does not match the one") && line.contains("cached")) {
            add(.hostKeyChanged, number)
        }
        // sshconnect2.c via kex.c: "Unable to negotiate with %s: no matching host key type found. Their offer: %s".
        if line.contains("no matching host key type found") {
            add(.noMatchingHostKeyType(theirOffer: line.after("Their offer: ").map(Self.list) ?? []), number)
        }
        // ssh/transport2.c: "Couldn't agree a host key algorithm (available: %s)".
        if let offer = line.after("Couldn't agree a host key algorithm") {
            add(.noMatchingHostKeyType(theirOffer: offer.between("(available: ", ")").map(Self.list) ?? []), number)
        }
    }

    // MARK: Key files

    private mutating func readKeyFile(_ line: String, _ number: Int) {
        if line.contains("UNPROTECTED PRIVATE KEY FILE") { addUnprotected(path: nil, number) }
        // authfile.c: "Permissions 0%3.3o for '%s' are too open.".
        if let path = line.between("for '", "' are too open") { addUnprotected(path: String(path), number) }
        // ssh.c/sshconnect2.c: `Load key "%s": %s` with ssh_err()'s text.
        if let rest = line.after("Load key \""), let close = rest.range(of: "\": ", options: .backwards) {
            let path = String(rest[..<close.lowerBound])
            let reason = rest[close.upperBound...]
            if reason.hasPrefix("bad permissions") { addUnprotected(path: path, number) }
            else if reason.hasPrefix("invalid format") { add(.invalidKeyFormat(path: path), number) }
            else if reason.hasPrefix("error in libcrypto") { add(.libcryptoError(path: path), number) }
        }
        // ssh/userauth2-client.c: `Unable to use key file "%s" (%s)` with key_type_to_str()'s text.
        if let rest = line.after("Unable to use key file \"") {
            let close = rest.range(of: "\" (", options: .backwards)
            let path = close.map { String(rest[..<$0.lowerBound]) } ?? String(rest.trimmingSuffix { $0 == "\"" })
            let format = close.flatMap { bound -> String? in
                let tail = rest[bound.upperBound...]
                return String(tail.range(of: ")", options: .backwards).map { tail[..<$0.lowerBound] } ?? tail)
            }
            add(.puttyUnusableKeyFile(path: path.isEmpty ? nil : path, format: format), number)
        }
        // sshpubk.c's load error, also shown inside `Unable to load key file "…" (PuTTY key format too new)`;
        // ranvis putty.lng 835 for the Japanese.
        if line.contains("key format too new") || line.contains("鍵形式が新しすぎます") { add(.puttyKeyFormatTooNew, number) }
    }

    private mutating func addUnprotected(path: String?, _ number: Int) {
        if let index = result.symptoms.firstIndex(where: { $0.symptom.kind == .unprotectedPrivateKeyFile }) {
            if path != nil, case .unprotectedPrivateKeyFile(nil) = result.symptoms[index].symptom {
                result.symptoms[index].symptom = .unprotectedPrivateKeyFile(path: path)
            }
            return
        }
        add(.unprotectedPrivateKeyFile(path: path), number)
    }

    // MARK: User, host, server, keys

    private mutating func readFacts(_ line: String, _ number: Int) {
        // sshconnect2.c: "Authenticating to %s:%d as '%s'".
        if let target = line.between("Authenticating to ", " as '") {
            setHostPort(target.lastIndex(of: ":").map { (target[..<$0], target[target.index(after: $0)...]) } ?? (target, ""))
            if let user = line.between(" as '", "'"), !user.isEmpty { result.user = String(user) }
        }
        // sshconnect.c: "Connecting to %s [%s] port %s."; PuTTY's event log: "Connecting to %s port %d".
        if let rest = line.after("Connecting to "), !rest.contains(" proxy at "), let port = rest.range(of: " port ", options: .backwards) {
            let host = rest[..<port.lowerBound]
            setHostPort((host.range(of: " [").map { host[..<$0.lowerBound] } ?? host, rest[port.upperBound...]))
        }
        // sshconnect.c: "ssh: connect to host %s port %s: %s"; kex: "Unable to negotiate with %s port %d: …".
        for marker in ["connect to host ", "Unable to negotiate with "] {
            if let rest = line.after(marker), let port = rest.range(of: " port ") {
                setHostPort((rest[..<port.lowerBound], rest[port.upperBound...]))
            }
        }
        if line.hasPrefix("login as: ") {
            let user = line.dropFirst("login as: ".count).trimmingCharacters(in: .whitespaces)
            if !user.isEmpty { result.user = user }
        }
        if let user = line.between("Using username \"", "\""), !user.isEmpty { result.user = String(user) }
        if let host = line.between("Looking up host \"", "\""), !host.isEmpty { result.host = String(host) }
        // sshd's identification string: "remote software version %.100s"; PuTTY logs "Remote version: SSH-2.0-…".
        if let software = line.after("remote software version ") ?? line.after("Remote version: SSH-2.0-") ?? line.after("Remote version: SSH-1.99-") {
            let text = software.trimmingCharacters(in: .whitespaces)
            if !text.isEmpty { result.serverSoftware = text }
        }
        if let offered = line.after("Offering public key: ") { offer(offered, type: nil, number) }
        // OpenSSH before 7.8: "Offering RSA public key: /path".
        if let range = line.range(of: " public key: "), let word = line[..<range.lowerBound].split(separator: " ").last,
           line[..<range.lowerBound].hasSuffix("Offering \(word)"), word != "Offering" {
            offer(line[range.upperBound...], type: String(word), number)
        }
        if let accepted = line.after("Server accepts key: ") { accept(accepted) }
        // ssh/userauth2-client.c prints this only once the server has accepted the offer (SSH2_MSG_USERAUTH_PK_OK):
        // the key, named by its comment, is installed for the user.
        if let rest = line.after("Authenticating with public key \""), let close = rest.lastIndex(of: "\""), close > rest.startIndex {
            result.offeredKeys.append(.init(path: String(rest[..<close]), type: nil, fingerprint: nil, accepted: true, line: number))
        }
    }

    private mutating func setHostPort(_ parts: (host: Substring, port: Substring)) {
        let host = parts.host.trimmingCharacters(in: .whitespaces)
        // packet.c names a connection that is no socket (ProxyCommand) "UNKNOWN port 65535": neither is real.
        guard host != "UNKNOWN" else { return }
        if !host.isEmpty { result.host = host }
        let digits = parts.port.prefix(while: \.isASCIIDigit)
        if let port = Int(digits.prefix(6)), (0...65535).contains(port) { result.port = port }
    }

    /// sshconnect2.c format_identity(): "%s %s%s%s %s%s%s" — path (or agent comment), type, fingerprint, then
    /// `explicit`, `agent`, `token` notes; the path may contain spaces, so it is read from the fingerprint leftwards.
    private static func identity(_ text: Substring) -> (path: String, type: String?, fingerprint: String?) {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        if let index = words.lastIndex(where: { $0.hasPrefix("SHA256:") || $0.hasPrefix("MD5:") }), index >= 2 {
            return (words[..<(index - 1)].joined(separator: " "), String(words[index - 1]), String(words[index]))
        }
        return (text.trimmingCharacters(in: .whitespaces), nil, nil)
    }

    private mutating func offer(_ text: Substring, type: String?, _ number: Int) {
        let key = Self.identity(text)
        guard !key.path.isEmpty else { return }
        result.offeredKeys.append(.init(path: key.path, type: key.type ?? type, fingerprint: key.fingerprint, line: number))
    }

    private mutating func accept(_ text: Substring) {
        let key = Self.identity(text)
        // Newer logs name the key; older ones print "pkalg ssh-rsa blen 279", which means the last key offered.
        let index = key.fingerprint.flatMap { fingerprint in result.offeredKeys.lastIndex { $0.fingerprint == fingerprint } }
            ?? result.offeredKeys.lastIndex { $0.path == key.path }
            ?? (key.path.hasPrefix("pkalg ") ? result.offeredKeys.indices.last : nil)
        if let index { result.offeredKeys[index].accepted = true }
    }

    // MARK: Helpers

    private mutating func add(_ symptom: SSHSymptom, _ number: Int) {
        guard !result.symptoms.contains(where: { $0.symptom == symptom }) else { return }
        result.symptoms.append(.init(symptom: symptom, line: number))
    }

    /// `publickey,gssapi-keyex` → its items, trimmed, without empty ones.
    private static func list(_ text: Substring) -> [String] {
        text.trimmingSuffix { $0 == "." || $0 == " " }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    /// The text after the first `marker`, or nil.
    func after(_ marker: String) -> SubSequence? {
        range(of: marker).map { self[$0.upperBound...] }
    }

    /// The text between the first `open` and the next `close` after it, or nil.
    func between(_ open: String, _ close: String) -> SubSequence? {
        guard let start = range(of: open) else { return nil }
        let rest = self[start.upperBound...]
        guard let end = rest.range(of: close) else { return nil }
        return rest[..<end.lowerBound]
    }
}

extension Character {
    /// 0-9 only (`isNumber` also accepts other scripts' digits and fractions, which `Int` cannot read).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
