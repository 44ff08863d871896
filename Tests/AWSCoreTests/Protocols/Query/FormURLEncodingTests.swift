import Testing

@testable import AWSCore

@Suite("Form bodies are percent-encoded exactly as botocore's urlencode")
struct FormURLEncodingTests {
    // Expected values from the encoder botocore uses for query bodies:
    //   python3 -c 'from urllib.parse import urlencode; print(urlencode([("k", VALUE)], doseq=True)[2:])'
    @Test(
        "quote_plus: unreserved bytes stay, space is +, everything else is %XX of its UTF-8",
        arguments: [
            ("abcXYZ019", "abcXYZ019"), ("-_.~", "-_.~"), (" ", "+"), ("a b", "a+b"), ("+", "%2B"), ("/", "%2F"),
            ("=", "%3D"), (":", "%3A"), ("&", "%26"), ("%", "%25"), ("*", "%2A"), ("!", "%21"), ("'()", "%27%28%29"),
            ("@#$", "%40%23%24"), (",;?", "%2C%3B%3F"), ("\n", "%0A"), ("é", "%C3%A9"), ("α", "%CE%B1"),
            ("日本", "%E6%97%A5%E6%9C%AC"), ("😀", "%F0%9F%98%80"), ("\"<>\\", "%22%3C%3E%5C"),
            ("^`{|}[]", "%5E%60%7B%7C%7D%5B%5D"), ("", ""),
        ])
    func quotePlus(input: String, expected: String) {
        #expect(FormURLEncoding.quotePlus(input) == expected)
    }

    @Test("Names are encoded too, pairs joined in order with &")
    func pairs() {
        let encoded = FormURLEncoding.encode([("Filter.1.Name", "tag:Name"), ("b c", "="), ("Empty", "")])
        #expect(encoded == "Filter.1.Name=tag%3AName&b+c=%3D&Empty=")
    }
}
