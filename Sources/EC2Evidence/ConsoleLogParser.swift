import Foundation
import SSHKeys

/// The line-by-line state behind `ConsoleLog.parse`.
struct ConsoleLogParser {
    private var evidence = ConsoleEvidence()
    private var boot = 1
    private var bootHasContent = false
    private var table: AuthorizedKeysTableReader?
    private var orphanRowsNoted = false
    private var fingerprints: (lines: [HostKeyFingerprint], start: Int)?
    private var keys: (lines: [String], start: Int)?
    private var sawBanner = false
    private var anyContent = false

    mutating func read(_ line: Substring, line number: Int) {
        // A kernel banner starts a boot, unless it is the first thing in the log.
        if line.contains("Linux version ") && (line.hasPrefix("Linux version ") || line.contains("] Linux version ")) {
            if bootHasContent {
                closeOpenBlocks(reason: "the instance rebooted", line: number)
                boot += 1
            }
            bootHasContent = false
            anyContent = true
            return
        }
        if !line.allSatisfy(\.isWhitespace) {
            bootHasContent = true
            anyContent = true
        }
        if let ciInfo = line.range(of: "ci-info: ") {
            readCIInfo(line[ciInfo.upperBound...], line: number)
            return
        }
        if readHostKeyLine(line, line: number) { return }
        readCloudInitBanner(line, line: number)
        if let failure = BootFailure.reading(line, line: number, boot: boot) { evidence.bootFailures.append(failure) }
    }

    // MARK: ci-info (cloudinit/config/cc_ssh_authkey_fingerprints.py)

    private mutating func readCIInfo(_ payload: Substring, line number: Int) {
        if var reader = table {
            switch reader.feed(payload, line: number) {
            case .consumed:
                table = reader
                return
            case .finished:
                table = nil
                store(reader)
                return
            case .interrupted:
                table = reader
                closeTable(reason: "another ci-info line", line: number)
            }
        }
        if let header = AuthorizedKeysTableReader.header(payload) {
            table = AuthorizedKeysTableReader(user: header.user, file: header.file, line: number, boot: boot)
            orphanRowsNoted = false
            return
        }
        let none = "no authorized SSH keys fingerprints found for user "
        if payload.hasPrefix(none) {
            var user = payload.dropFirst(none.count).trimmingSuffix { $0 == " " }
            if user.hasSuffix(".") { user = user.dropLast() }
            store(AuthorizedKeysTable(user: String(user), file: nil, hash: nil, rows: [], boot: boot, line: number))
            return
        }
        if !orphanRowsNoted, AuthorizedKeysTableReader.looksLikeKeyRow(payload.trimmingSuffix { $0 == " " }) {
            orphanRowsNoted = true
            evidence.notes.append(ConsoleNote(line: number, message: "table rows without their `Authorized keys from … for user …` header (the log starts inside the table, or the header was damaged); their user is unknown, so they were not used"))
        }
    }

    private mutating func closeTable(reason: String, line number: Int) {
        guard let reader = table else { return }
        table = nil
        evidence.notes.append(ConsoleNote(line: reader.table.line, message: "the authorized-keys table for user \(reader.table.user) is cut (\(reason) at line \(number)); \(reader.table.rows.count) rows were read"))
        store(reader)
    }

    private mutating func store(_ reader: AuthorizedKeysTableReader) {
        evidence.notes += reader.notes
        store(reader.table)
    }

    /// The module prints once per instance, so the latest output for a user wins over earlier boots' output.
    private mutating func store(_ table: AuthorizedKeysTable) {
        if let index = evidence.authorizedKeys.firstIndex(where: { $0.user == table.user }) {
            evidence.authorizedKeys[index] = table
        } else {
            evidence.authorizedKeys.append(table)
        }
    }

    // MARK: host keys (tools/write-ssh-key-fingerprints, cloudinit/config/cc_keys_to_console.py)

    /// Handles the fingerprint block (through `logger -s -t cloud-init`, `ec2:` before cloud-init 21.2) and the
    /// key block (plain `cat` of the `.pub` files); true when the line belonged to one of them.
    private mutating func readHostKeyLine(_ line: Substring, line number: Int) -> Bool {
        if line.contains("-----BEGIN SSH HOST KEY FINGERPRINTS-----") {
            closeFingerprints(reason: "a new block begins", line: number)
            fingerprints = ([], number)
            return true
        }
        if line.contains("-----END SSH HOST KEY FINGERPRINTS-----") {
            if let block = fingerprints {
                evidence.hostKeys = block.lines
                evidence.hostKeysBoot = boot
                fingerprints = nil
            } else {
                evidence.notes.append(ConsoleNote(line: number, message: "end of a host-key fingerprint block whose beginning is not in the log"))
            }
            return true
        }
        if line.contains("-----BEGIN SSH HOST KEY KEYS-----") {
            closeKeys(reason: "a new block begins", line: number)
            keys = ([], number)
            return true
        }
        if line.contains("-----END SSH HOST KEY KEYS-----") {
            if let block = keys {
                evidence.hostPublicKeys = block.lines
                evidence.hostKeysBoot = boot
                keys = nil
            } else {
                evidence.notes.append(ConsoleNote(line: number, message: "end of a host-key block whose beginning is not in the log"))
            }
            return true
        }
        if fingerprints != nil {
            let payload = Self.loggerPayload(line)
            if let fingerprint = Self.hostKeyFingerprint(payload) {
                fingerprints?.lines.append(fingerprint)
                return true
            }
            if payload.count < line.count, !payload.allSatisfy({ $0 == "#" }) {
                evidence.notes.append(ConsoleNote(line: number, message: "a line in the host-key fingerprint block is not `bits fingerprint comment (TYPE)`"))
            }
            return payload.count < line.count
        }
        if keys != nil {
            if let key = Self.hostPublicKey(line) {
                keys?.lines.append(key)
                return true
            }
            if line.contains("AAAA") {
                evidence.notes.append(ConsoleNote(line: number, message: "a line in the host-key block does not parse as a public key (cut or interleaved)"))
                return true
            }
        }
        return false
    }

    private mutating func closeFingerprints(reason: String, line number: Int) {
        guard let block = fingerprints else { return }
        fingerprints = nil
        evidence.notes.append(ConsoleNote(line: block.start, message: "the host-key fingerprint block is not closed (\(reason) at line \(number))"))
        // A block cut before its first line says nothing, so it must not erase an earlier boot's keys.
        guard !block.lines.isEmpty else { return }
        evidence.hostKeys = block.lines
        evidence.hostKeysBoot = boot
    }

    private mutating func closeKeys(reason: String, line number: Int) {
        guard let block = keys else { return }
        keys = nil
        evidence.notes.append(ConsoleNote(line: block.start, message: "the host-key block is not closed (\(reason) at line \(number))"))
        guard !block.lines.isEmpty else { return }
        evidence.hostPublicKeys = block.lines
        evidence.hostKeysBoot = boot
    }

    private mutating func closeOpenBlocks(reason: String, line number: Int) {
        closeTable(reason: reason, line: number)
        closeFingerprints(reason: reason, line: number)
        closeKeys(reason: reason, line: number)
    }

    /// The message after `logger`'s tag: `<14>Jan 19 03:51:00 cloud-init: …` or `ec2: …`; the line itself without one.
    static func loggerPayload(_ line: Substring) -> Substring {
        for tag in ["cloud-init: ", "ec2: "] {
            if let range = line.range(of: tag) { return line[range.upperBound...] }
        }
        return line
    }

    /// `ssh-keygen -l` output: `<bits> <fingerprint> <comment…> (<TYPE>)`.
    static func hostKeyFingerprint(_ payload: Substring) -> HostKeyFingerprint? {
        let text = payload.trimmingSuffix { $0 == " " }
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return nil }
        let type = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        let fields = text[..<open].split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, let bits = Int(fields[0]), !type.isEmpty, !type.contains(" ") else { return nil }
        let comment = fields.count == 3 ? String(fields[2].trimmingSuffix { $0 == " " }) : ""
        return HostKeyFingerprint(type: type, bits: bits, fingerprint: String(fields[1]), comment: comment)
    }

    /// A `.pub` line from the key block, from its key type on (a prefix such as a timestamp is dropped),
    /// kept only when SSHKeys reads it as a public key.
    static func hostPublicKey(_ line: Substring) -> String? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let start = words.firstIndex(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") || $0.hasPrefix("sk-") }),
              words.count > start + 1 else { return nil }
        let keyLine = words[start...].joined(separator: " ")
        guard (try? SSHPublicKey(openSSHRepresentation: keyLine)) != nil else { return nil }
        return keyLine
    }

    // MARK: banner (cloudinit/config/cc_final_message.py, cloudinit/cmd/main.py)

    /// `Cloud-init v. <ver> finished at <date>. Datasource <name>.  Up <n> seconds`; a `running '<stage>'` line
    /// gives the version when no final banner is in the log.
    private mutating func readCloudInitBanner(_ line: Substring, line number: Int) {
        guard let marker = line.range(of: "Cloud-init v. ") else { return }
        let rest = line[marker.upperBound...]
        let version = String(rest.prefix { $0 != " " })
        guard !version.isEmpty else { return }
        if let datasourceStart = rest.range(of: " Datasource "), rest.contains(" finished at ") {
            var datasource = rest[datasourceStart.upperBound...]
            if let up = datasource.range(of: ".  Up ") ?? datasource.range(of: ". Up ") {
                datasource = datasource[..<up.lowerBound]
            } else {
                datasource = datasource.trimmingSuffix { $0 == " " || $0 == "." }
            }
            evidence.cloudInit = CloudInitFacts(version: version, datasource: String(datasource), boot: boot, line: number)
            sawBanner = true
        } else if !sawBanner, rest.contains(" running ") {
            evidence.cloudInit = CloudInitFacts(version: version, datasource: nil, boot: boot, line: number)
        }
    }

    mutating func finish(lastLine: Int) -> ConsoleEvidence {
        closeOpenBlocks(reason: "the log ends", line: lastLine)
        evidence.boots = anyContent ? boot : 0
        if evidence.cloudInit != nil, !sawBanner {
            evidence.notes.append(ConsoleNote(line: evidence.cloudInit?.line ?? 0, message: "no `Cloud-init v. … finished` banner: the datasource is unknown (cloud-init did not finish, or the log is cut)"))
        }
        return evidence
    }
}
