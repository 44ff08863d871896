import AWSSigV4
import Testing

@Suite("SigningDate")
struct SigningDateTests {
    // Expected values from `date -u -d @SECONDS +%Y%m%dT%H%M%SZ`.
    @Test(
        "Formats X-Amz-Date and parses it back",
        arguments: [
            (Int64(1_440_938_160), "20150830T123600Z"),
            (0, "19700101T000000Z"),
            (-1, "19691231T235959Z"),
            (951_868_799, "20000229T235959Z"),
            (4_107_542_400, "21000301T000000Z"),
            (1_735_646_400, "20241231T120000Z"),
            (253_402_300_799, "99991231T235959Z"),
            (-62_135_596_800, "00010101T000000Z"),
            (-62_167_219_200, "00000101T000000Z"),
        ])
    func roundTrip(seconds: Int64, amzDate: String) {
        let date = SigningDate(secondsSince1970: seconds)
        #expect(date.amzDate == amzDate)
        #expect(date.dateStamp == String(amzDate.prefix(8)))
        #expect(date.description == amzDate)
        #expect(SigningDate(amzDate: amzDate) == date)
    }

    @Test(
        "Rejects what is not yyyyMMdd'T'HHmmss'Z'",
        arguments: [
            "", "20150830T123600", "2015-08-30T12:36:00Z", "20150830 123600Z", "20150830T123600z", "20151330T123600Z",
            "20150230T123600Z", "21000229T000000Z", "20150830T240000Z", "20150830T126000Z", "20150830T123660Z",
            "2015083OT123600Z", "+0150830T123600Z",
        ])
    func rejects(text: String) {
        #expect(SigningDate(amzDate: text) == nil)
    }

    @Test("Orders by time")
    func ordering() {
        #expect(SigningDate(secondsSince1970: 1) < SigningDate(secondsSince1970: 2))
    }
}
