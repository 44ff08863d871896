import Foundation
import SSHKeys

/// Reads one `ci-info:` authorized-keys table line by line, as `cc_ssh_authkey_fingerprints._pprint_key_entries`
/// prints it through `cloudinit/simpletable.py` (cloud-init 17.1 onwards; PrettyTable before, same shape).
struct AuthorizedKeysTableReader {
    /// What a line did to the table.
    enum Step {
        /// The line belonged to the table.
        case consumed
        /// The line was the closing border.
        case finished
        /// The line is not part of a table: the table was cut before it.
        case interrupted
    }

    private enum Expecting { case topBorder, columnHeader, headerBorder, rows }

    private(set) var table: AuthorizedKeysTable
    private(set) var notes: [ConsoleNote] = []
    private var expecting = Expecting.topBorder
    /// Scalar offsets of the `+` in the border: cells lie between them, so `|` inside a cell is not a separator.
    private var columns: [Int] = []

    init(user: String, file: String, line: Int, boot: Int) {
        table = AuthorizedKeysTable(user: user, file: file, hash: nil, rows: [], boot: boot, line: line, isComplete: false)
    }

    /// `Authorized keys from <path> for user <user>` centred in `+` (`cloudinit/util.py:center`).
    static func header(_ payload: Substring) -> (file: String, user: String)? {
        guard let from = payload.range(of: "Authorized keys from "),
              let forUser = payload.range(of: " for user ", options: .backwards),
              from.upperBound <= forUser.lowerBound else { return nil }
        let file = String(payload[from.upperBound..<forUser.lowerBound])
        let user = String(payload[forUser.upperBound...].trimmingSuffix { $0 == "+" || $0 == " " })
        return user.isEmpty ? nil : (file, user)
    }

    /// A `+---+---+` divider.
    static func isBorder(_ payload: Substring) -> Bool {
        payload.count >= 2 && payload.first == "+" && payload.last == "+" && payload.allSatisfy { $0 == "+" || $0 == "-" }
            && payload.contains("-")
    }

    /// Whether the text looks like a `| … |` row, for rows seen outside any table.
    static func isRow(_ payload: Substring) -> Bool {
        payload.hasPrefix("|") && payload.hasSuffix("|") && payload.count > 1
    }

    /// Whether a `| … |` line outside any table is a key row (a key type, then a fingerprint), not a row of
    /// another ci-info table such as the network one.
    static func looksLikeKeyRow(_ payload: Substring) -> Bool {
        guard isRow(payload) else { return false }
        let cells = payload.dropFirst().split(separator: "|").map { $0.trimmingCharacters(in: [" "]) }
        guard cells.count >= 2 else { return false }
        let typeLike = ["ssh-", "ecdsa-", "sk-"].contains { cells[0].hasPrefix($0) } || ["rsa", "dsa", "ecdsa", "ed25519"].contains(cells[0])
        return typeLike && (cells[1] == "?" || fingerprintProblem(cells[1], hash: nil) == nil)
    }

    mutating func feed(_ raw: Substring, line: Int) -> Step {
        let payload = raw.trimmingSuffix { $0 == " " || $0 == "\t" }
        switch expecting {
        case .topBorder:
            guard Self.isBorder(payload) else { return .interrupted }
            columns = payload.unicodeScalars.enumerated().filter { $0.element == "+" }.map(\.offset)
            expecting = .columnHeader
        case .columnHeader:
            guard Self.isRow(payload) else { return .interrupted }
            if let open = payload.range(of: "Fingerprint ("), let close = payload[open.upperBound...].firstIndex(of: ")") {
                table.hash = String(payload[open.upperBound..<close])
            } else {
                notes.append(ConsoleNote(line: line, message: "the table's column header names no fingerprint hash"))
            }
            expecting = .headerBorder
        case .headerBorder:
            guard Self.isBorder(payload) else { return .interrupted }
            expecting = .rows
        case .rows:
            if Self.isBorder(payload) {
                table.isComplete = true
                return .finished
            }
            guard Self.isRow(payload) else { return .interrupted }
            if let row = readRow(payload, line: line) { table.rows.append(row) }
        }
        return .consumed
    }

    /// Cells by the border's column offsets (Python's `str.center` counts code points, as unicodeScalars do);
    /// when the row does not line up (damaged or re-encoded), by splitting on `|`.
    private mutating func readRow(_ payload: Substring, line: Int) -> AuthorizedKeysTable.Row? {
        let scalars = Array(payload.unicodeScalars)
        var cells: [String]
        if columns.count == 5, scalars.count == (columns.last ?? 0) + 1, columns.allSatisfy({ scalars[$0] == "|" }) {
            cells = (0..<4).map { String(String.UnicodeScalarView(scalars[(columns[$0] + 1)..<columns[$0 + 1]])) }
        } else {
            cells = payload.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if cells.count > 4 {
                notes.append(ConsoleNote(line: line, message: "the row does not line up with the table's border; a `|` in the options or comment was taken as part of the options"))
                cells = [cells[0], cells[1], cells[2..<(cells.count - 1)].joined(separator: "|"), cells[cells.count - 1]]
            } else if cells.count < 4 {
                notes.append(ConsoleNote(line: line, message: "damaged table row skipped: it has \(cells.count) cells, not 4"))
                return nil
            }
        }
        let trimmed = cells.map { $0.trimmingCharacters(in: [" "]) }
        let row = AuthorizedKeysTable.Row(type: trimmed[0], fingerprint: trimmed[1],
                                          options: trimmed[2] == "-" || trimmed[2].isEmpty ? nil : trimmed[2],
                                          comment: trimmed[3] == "-" || trimmed[3].isEmpty ? nil : trimmed[3])
        if let problem = Self.fingerprintProblem(row.fingerprint, hash: table.hash) {
            notes.append(ConsoleNote(line: line, message: problem))
        }
        return row
    }

    /// Why a fingerprint cell is not what `_gen_fingerprint` prints (hex pairs of the digest's length, or `?`).
    static func fingerprintProblem(_ fingerprint: String, hash: String?) -> String? {
        if fingerprint == "?" { return "cloud-init printed `?`: the key's base64 in authorized_keys does not decode" }
        let pairs = fingerprint.split(separator: ":", omittingEmptySubsequences: false)
        guard pairs.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isHexDigit) }) else {
            return "the fingerprint \(fingerprint) is not colon-separated hex pairs (damaged?)"
        }
        if let hash, let known = FingerprintHash(rawValue: hash), pairs.count != known.byteCount {
            return "the fingerprint has \(pairs.count) bytes; \(hash) has \(known.byteCount) (cut?)"
        }
        return nil
    }
}

extension Substring {
    /// The text without trailing characters matching `predicate`.
    func trimmingSuffix(_ predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
