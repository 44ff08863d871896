import Testing

@testable import AWSSigV4

@Suite("URI encoding (Create a canonical request)")
struct URIEncodingTests {
    @Test(
        "UriEncode keeps only unreserved characters",
        arguments: [
            ("-._~AZaz09", "-._~AZaz09"),
            ("a b", "a%20b"),
            ("a+b", "a%2Bb"),
            ("a/b", "a%2Fb"),
            ("*", "%2A"),
            ("100%", "100%25"),
            ("$&=?#:@", "%24%26%3D%3F%23%3A%40"),
            ("ሴ", "%E1%88%B4"),
            ("é", "%C3%A9"),
            ("", ""),
        ])
    func encode(input: String, expected: String) {
        #expect(URIEncoding.encode(input) == expected)
    }

    @Test(
        "Paths are normalised as RFC 3986 says, trailing slash kept",
        arguments: [
            ("", "/"),
            ("/", "/"),
            ("//", "/"),
            ("/./", "/"),
            ("/example/..", "/"),
            ("/example1/example2/../..", "/"),
            ("/../..", "/"),
            ("/./example", "/example"),
            ("//example//", "/example/"),
            ("/a/b/../c", "/a/c"),
            ("/a/b/..", "/a/"),
            ("/a/b/.", "/a/b/"),
            ("/a/.b/..c", "/a/.b/..c"),
        ])
    func normalizedPath(input: String, expected: String) {
        #expect(URIEncoding.normalizedPath(input) == expected)
    }

    @Test(
        "Each path segment is encoded once, from the path as sent",
        arguments: [
            ("/example space/", "/example%20space/"),
            ("/example/$delete", "/example/%24delete"),
            ("/ሴ", "/%E1%88%B4"),
            // Already encoded on the wire: encoded again, as AWS expects for every service but S3.
            ("/a%20b", "/a%2520b"),
        ])
    func canonicalPath(input: String, expected: String) {
        #expect(URIEncoding.canonicalPath(input) == expected)
    }

    @Test("Query items are decoded, encoded once, sorted by name then value")
    func canonicalQuery() {
        func item(_ name: String, _ value: String) -> SigningRequest.QueryItem { .init(name: name, value: value) }
        let cases: [(expected: String, input: [SigningRequest.QueryItem])] = [
            ("", []),
            ("Param1=Value1&Param1=value2", [item("Param1", "value2"), item("Param1", "Value1")]),
            ("%E1%88%B4=a&%E1%88%B4=b", [item("ሴ", "b"), item("%E1%88%B4", "a")]),
            ("A=a%20b&A=a%2Bb", [item("A", "a+b"), item("A", "a%20b")]),
            ("Key=", [item("Key", "")]),
            ("a=%25zz&b=%25", [item("b", "%"), item("a", "%zz")]),
            ("a=%FF", [item("a", "%ff")]),
            // Sorted by encoded bytes: "%" < "A" < "_" < "a".
            ("%24=1&A=2&_=3&a=4", [item("a", "4"), item("_", "3"), item("A", "2"), item("$", "1")]),
        ]
        for (expected, input) in cases {
            #expect(URIEncoding.canonicalQuery(input) == expected, "input: \(input)")
        }
    }

    @Test("Decoding leaves stray percent signs and plus signs alone")
    func decode() {
        #expect(URIEncoding.decode("%41%4a%zz%4") == Array("AJ%zz%4".utf8))
        #expect(URIEncoding.decode("a+b") == Array("a+b".utf8))
    }
}
