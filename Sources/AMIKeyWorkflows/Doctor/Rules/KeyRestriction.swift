import EC2Evidence
import Foundation
import SSHKeys

/// What the Options cell of cloud-init's table says about an installed key that can keep sshd from taking it
/// (sshd(8), AUTHORIZED_KEYS FILE FORMAT): the line is in `authorized_keys`, yet its options refuse the login.
struct KeyRestriction {
    /// Why the options matter.
    enum Kind {
        /// sshd cannot parse the options, so it ignores the whole line (`sshauthopt_parse` fails).
        case unreadable(String)
        /// `expiry-time` is in the past at the time the evidence was gathered.
        case expired(String, Date)
        /// `expiry-time` is set but the doctor had no clock to judge it by.
        case expiryUnjudged(String)
        /// `from` limits the client addresses the key is accepted from.
        case fromOnly(String)
    }

    /// The key as the report names it.
    var key: AcceptedKey
    /// The options cell, as cloud-init printed it.
    var options: String
    /// What they do.
    var kind: Kind

    /// Whether the options alone keep sshd from accepting the key, whoever asks from wherever.
    var refusesEveryone: Bool {
        switch kind {
        case .unreadable, .expired: true
        case .expiryUnjudged, .fromOnly: false
        }
    }

    /// Every restriction in the tables' Options cells, in table order.
    static func all(tables: [AuthorizedKeysTable], acceptedKeys: [AcceptedKey], now: Date?) -> [KeyRestriction] {
        var result: [KeyRestriction] = []
        for table in tables {
            for row in table.rows {
                guard let options = row.options,
                      let key = acceptedKeys.first(where: { $0.user == table.user && $0.fingerprint == row.fingerprint })
                else { continue }
                for kind in kinds(options, now: now) {
                    result.append(KeyRestriction(key: key, options: options, kind: kind))
                }
            }
        }
        return result
    }

    private static func kinds(_ text: String, now: Date?) -> [Kind] {
        let options: [AuthorizedKeyOption]
        do {
            options = try AuthorizedKeyOption.list(parsing: text)
        } catch {
            return [.unreadable(error.message)]
        }
        var kinds: [Kind] = []
        for option in options {
            switch (option.name.lowercased(), option.value) {
            case ("expiry-time", let value?):
                guard let expiry = expiryDate(value) else {
                    // sshd refuses the line when the time does not parse (auth-options.c, "invalid expires time").
                    kinds.append(.unreadable("expiry-time=\"\(value)\" is not a YYYYMMDD[HHMM[SS]][Z] time"))
                    continue
                }
                if let now {
                    if expiry < now { kinds.append(.expired(value, expiry)) }
                } else {
                    kinds.append(.expiryUnjudged(value))
                }
            case ("from", let value?):
                kinds.append(.fromOnly(value))
            default:
                continue
            }
        }
        return kinds
    }

    /// sshd's `parse_absolute_time` (misc.c): `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, UTC with a trailing `Z`,
    /// else the instance's time zone — UTC on EC2's images, which is what is assumed here.
    static func expiryDate(_ value: String) -> Date? {
        var digits = Substring(value)
        if digits.last == "Z" || digits.last == "z" { digits = digits.dropLast() }
        guard [8, 12, 14].contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let numbers = stride(from: 0, to: digits.count, by: 2).map { offset -> Int in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            return Int(digits[start..<digits.index(start, offsetBy: 2)])!
        }
        var parts = DateComponents()
        parts.year = numbers[0] * 100 + numbers[1]
        parts.month = numbers[2]
        parts.day = numbers[3]
        parts.hour = numbers.count > 4 ? numbers[4] : 0
        parts.minute = numbers.count > 5 ? numbers[5] : 0
        parts.second = numbers.count > 6 ? numbers[6] : 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard parts.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: parts)
    }
}
