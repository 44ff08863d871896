import Foundation
import Testing

@testable import AWSCore

@Suite("Timestamps as the AWS protocols spell them")
struct AWSTimestampTests {
    // Expected strings from botocore's serializer:
    //   python3 -c 'import datetime as d, botocore.serialize as s
    //   print(s.Serializer()._timestamp_iso8601(d.datetime(2026,3,4,5,6,7,123456)))'
    @Test(
        "Query timestamps are ISO 8601 UTC, with microseconds only when present",
        arguments: [
            (1_772_600_767.0, "2026-03-04T05:06:07Z"),
            (1_772_600_767.123456, "2026-03-04T05:06:07.123456Z"),
            (1_772_600_767.5, "2026-03-04T05:06:07.500000Z"),
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
        ])
    func format(epoch: Double, expected: String) {
        #expect(AWSTimestamp.iso8601String(from: Date(timeIntervalSince1970: epoch)) == expected)
    }

    @Test(
        "ISO 8601 spellings from AWS and moto all parse",
        arguments: [
            ("2012-10-16T20:00:13.000Z", 1_350_417_613.0),  // EC2 launchTime (botocore fixture)
            ("2026-11-29T18:17:16.040894Z", 1_795_976_236.040894),  // moto AssumeRole Expiration
            ("2011-07-11T19:55:29.611Z", 1_310_414_129.611),  // STS GetSessionToken fixture
            ("2026-11-29T17:17:16.103307", 1_795_972_636.103307),  // moto SSM, no zone: UTC
            ("2016-03-01T21:33:02+00:00", 1_456_867_982),
            ("2016-03-01T22:33:02+01:00", 1_456_867_982),
            ("2016-03-01T16:03:02-0530", 1_456_867_982),
            ("2016-03-01T23:33:02+02", 1_456_867_982),
            ("2016-03-01 21:33:02Z", 1_456_867_982),
            ("2016-03-01t21:33:02z", 1_456_867_982),
            ("2000-02-29T00:00:00Z", 951_782_400),
        ])
    func parse(text: String, epoch: Double) throws {
        let date = try #require(AWSTimestamp.date(fromISO8601: text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.000_001)
    }

    @Test(
        "Malformed timestamps are rejected, not guessed",
        arguments: [
            "", "2016-03-01", "2016-03-01T21:33", "2016-13-01T00:00:00Z", "2016-02-30T00:00:00Z",
            "2015-02-29T00:00:00Z", "2016-03-01T24:00:00Z", "2016-03-01T21:33:02.Z", "2016-03-01T21:33:02Zjunk",
            "2016-03-01T21:33:02+25:00", "1456867982", "16-03-01T21:33:02Z",
        ])
    func reject(text: String) {
        #expect(AWSTimestamp.date(fromISO8601: text) == nil)
    }

    @Test("Formatting then parsing gives the same instant", arguments: [0.0, 1.5, 1_795_972_636.103307, -86_400.25])
    func roundTrip(epoch: Double) throws {
        let text = AWSTimestamp.iso8601String(from: Date(timeIntervalSince1970: epoch))
        let parsed = try #require(AWSTimestamp.date(fromISO8601: text))
        #expect(abs(parsed.timeIntervalSince1970 - epoch) < 0.000_001)
    }
}
