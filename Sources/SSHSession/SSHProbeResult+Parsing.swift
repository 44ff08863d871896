extension SSHProbeResult {
    /// Reads `ssh -v`'s error output; `status` is its exit status.
    public init(status: Int32, standardError: String) {
        self.status = status
        var failures = FailureLines()
        // `isNewline`, since a CRLF (ssh writes them when it has no terminal) is one Character, neither "\r" nor "\n".
        for raw in standardError.split(whereSeparator: \.isNewline) {
            let line = String(raw)
            if line.hasPrefix("debug") {
                read(debug: line.drop { $0 != " " }.dropFirst())
            } else {
                read(message: line, into: &failures)
            }
        }
        if status == 0 { authenticated = true }
        failure = authenticated || permissionDenied ? nil : failures.verdict(status: status)
    }

    /// One `debugN: …` line (prefix removed).
    private mutating func read(debug line: Substring) {
        // kex.c kex_exchange_identification: "Remote protocol version %d.%d, remote software version %.100s".
        if let version = line.after("Remote protocol version "), let software = version.after(", remote software version ") {
            serverVersion = String(software)
        // sshconnect2.c: "Offering public key: %s" (format_identity; 7.8 to 8.0 printed type, fp, path; before 7.8
        // it was "Offering %s public key: %s", type then path).
        } else if line.hasPrefix("Offering "), let identity = line.after(" public key: ") {
            let type = line.dropFirst("Offering ".count).prefix { $0 != " " }
            var key = Self.key(identity)
            if type != "public", key.type == nil { key.type = String(type) }
            if !offered.contains(where: { $0.file == key.file }) { offered.append(key) }
        // sshconnect2.c input_userauth_pk_ok: "Server accepts key: %s"; it answers the latest offer.
        } else if let identity = line.after("Server accepts key: ") {
            let key = Self.key(identity)
            let match = offered.first { $0.file == key.file } ?? (key.fingerprint == nil ? offered.last : key)
            if let match, !accepted.contains(where: { $0.file == match.file }) { accepted.append(match) }
        // sshconnect2.c input_userauth_failure: "Authentications that can continue: %s".
        } else if let methods = line.after("Authentications that can continue: ") {
            authMethods = Self.methods(methods)
        // sshconnect2.c: "Authenticated to %s ([%s]:%d) using \"%s\"." (older: "Authentication succeeded (%s).").
        } else if line.hasPrefix("Authenticated to ") || line.hasPrefix("Authentication succeeded") {
            authenticated = true
        } else if line.contains("no mutual signature") {
            noMutualSignature = true
        }
    }

    /// A line ssh prints without `-v` too: errors, warnings and the final verdict.
    private mutating func read(message line: String, into failures: inout FailureLines) {
        let text = Substring(line)
        // sshconnect2.c: "%s@%s: Permission denied (%s)." after the last method failed.
        if let denied = text.after("Permission denied (") {
            permissionDenied = true
            if authMethods.isEmpty { authMethods = Self.methods(denied.prefix { $0 != ")" }) }
        // ssh.c load_public_identity_files: "Warning: Identity file %s not accessible: %s."
        } else if let rest = text.after("Warning: Identity file "), let end = rest.firstRange(of: " not accessible") {
            inaccessibleKeyFiles.append(String(rest[..<end.lowerBound]))
        } else if text.contains("no mutual signature") {
            noMutualSignature = true
        } else {
            failures.read(line)
        }
    }

    /// A key from ssh's identity text: `path TYPE [ID keyid] FP [explicit|agent|token…]`, or the pre-8.1 `TYPE FP path`.
    static func key(_ identity: Substring) -> Key {
        let tokens = identity.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let fp = tokens.lastIndex(where: { $0.hasPrefix("SHA256:") || $0.hasPrefix("MD5:") }) else {
            return Key(file: String(identity))
        }
        if fp == 1, tokens.count > 2 {
            return Key(file: tokens[2...].joined(separator: " "), type: tokens[0], fingerprint: tokens[1])
        }
        guard fp >= 2 else { return Key(file: String(identity), fingerprint: tokens[fp]) }
        // A certificate reads `path TYPE-CERT ID keyid FP`; the key id may hold blanks.
        let type = tokens[..<fp].indices.first { $0 >= 1 && tokens[$0].hasSuffix("-CERT") && tokens.indices.contains($0 + 1) && tokens[$0 + 1] == "ID" } ?? fp - 1
        return Key(file: tokens[..<type].joined(separator: " "), type: tokens[type], fingerprint: tokens[fp])
    }

    private static func methods(_ list: Substring) -> [String] {
        list.split(separator: ",").map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
    }
}

/// The failure messages of one run, kept until the end decides which one explains it.
private struct FailureLines {
    var mismatch = false
    var unknown = false
    var verificationFailed = false
    var hostKeyOffer: String?
    var timedOut = false
    var refused = false
    var unresolved = false
    var noRoute = false
    var closed: String?
    var tooManyFailures = false
    var last: String?

    mutating func read(_ line: String) {
        let text = Substring(line)
        // sshconnect.c warn_changed_key / check_host_key.
        if text.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") || (text.hasPrefix("Host key for ") && text.contains("has changed")) {
            mismatch = true
        } else if text.hasPrefix("No "), text.contains(" host key is known for ") {
            unknown = true
        } else if text.hasPrefix("Host key verification failed") {
            verificationFailed = true
        // kex.c kex_choose_conf: "Unable to negotiate with %s: no matching host key type found. Their offer: %s".
        } else if let offer = text.after("no matching host key type found. Their offer: ") {
            hostKeyOffer = String(offer)
        } else if text.contains("timed out") {
            timedOut = true
        } else if text.contains("Connection refused") {
            refused = true
        } else if text.contains("Could not resolve hostname") {
            unresolved = true
        } else if text.contains("No route to host") || text.contains("Network is unreachable") {
            noRoute = true
        } else if text.contains("Too many authentication failures") {
            tooManyFailures = true
        } else if text.hasPrefix("kex_exchange_identification:") || text.hasPrefix("Connection closed by ")
            || text.hasPrefix("Connection reset by ") || text.hasPrefix("ssh_exchange_identification:")
        {
            if closed == nil { closed = line }
        }
        if Self.isMeaningful(text) { last = line }
    }

    /// The failure that explains the run, most specific first.
    func verdict(status: Int32) -> SSHConnectionFailure? {
        if mismatch { return .hostKeyMismatch }
        if unknown { return .hostKeyUnknown }
        if verificationFailed { return .hostKeyMismatch }
        if let hostKeyOffer { return .noMatchingHostKeyType(offer: hostKeyOffer) }
        if timedOut { return .timedOut }
        if refused { return .connectionRefused }
        if unresolved { return .hostnameUnresolved }
        if noRoute { return .noRoute }
        if tooManyFailures { return .tooManyAuthenticationFailures }
        if let closed { return .closedByRemote(line: closed) }
        return .other(line: last ?? "ssh ended with status \(status) and said nothing")
    }

    /// Not ssh's version line, a banner of `@`s or a blank line.
    private static func isMeaningful(_ line: Substring) -> Bool {
        let trimmed = line.trimmingBlanks()
        return !trimmed.isEmpty && !trimmed.hasPrefix("@") && !trimmed.hasPrefix("OpenSSH_")
    }
}

extension Substring {
    /// The text after the first occurrence of `marker`, or nil.
    func after(_ marker: String) -> Substring? {
        firstRange(of: marker).map { self[$0.upperBound...] }
    }

    /// Without leading and trailing blanks.
    func trimmingBlanks() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
