/// The instant a request is signed, in whole seconds of UTC, formatted the way SigV4 needs it.
///
/// The signer never reads a clock: the caller passes the time, so tests are exact and a retried request
/// is re-signed with the time of its own attempt.
public struct SigningDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z, ignoring leap seconds (Unix time).
    public let secondsSince1970: Int64

    /// The first and last second SigV4's four-digit years can express (0000-01-01 to 9999-12-31).
    static let representable: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

    /// The instant `secondsSince1970` seconds after the Unix epoch; it must fall in the years 0000–9999.
    public init(secondsSince1970: Int64) {
        precondition(Self.representable.contains(secondsSince1970), "SigV4 dates have four-digit years")
        self.secondsSince1970 = secondsSince1970
    }

    /// Parses the `X-Amz-Date` form `yyyyMMdd'T'HHmmss'Z'` (for example `20150830T123600Z`); `nil` if malformed.
    public init?(amzDate: String) {
        let bytes = Array(amzDate.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
            let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15),
            (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Self.daysSince1970(year: year, month: month, day: day)
        self.init(secondsSince1970: days * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    /// `yyyyMMdd'T'HHmmss'Z'`, the value of `X-Amz-Date` and the second line of the string to sign.
    public var amzDate: String {
        let (year, month, day) = civil
        let secondOfDay = secondsSince1970 - Self.floorDivide(secondsSince1970, 86_400) * 86_400
        return Self.digits(year, 4) + Self.digits(month, 2) + Self.digits(day, 2) + "T"
            + Self.digits(secondOfDay / 3_600, 2) + Self.digits(secondOfDay % 3_600 / 60, 2)
            + Self.digits(secondOfDay % 60, 2) + "Z"
    }

    /// `yyyyMMdd`, the date part of the credential scope.
    public var dateStamp: String { String(amzDate.prefix(8)) }

    /// The `X-Amz-Date` form.
    public var description: String { amzDate }

    /// Earlier instants first.
    public static func < (lhs: SigningDate, rhs: SigningDate) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    // MARK: - Proleptic Gregorian calendar (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms")

    private var civil: (year: Int64, month: Int64, day: Int64) {
        let z = Self.floorDivide(secondsSince1970, 86_400) + 719_468
        let era = Self.floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : (value - divisor + 1) / divisor
    }

    private static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
