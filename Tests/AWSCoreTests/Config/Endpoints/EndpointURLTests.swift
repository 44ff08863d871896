import AWSCore
import Testing

@Suite("Endpoint URLs: https always, plain http only for loopback")
struct EndpointURLTests {
    @Test("Accepted", arguments: [
        ("https://ec2.us-east-1.amazonaws.com", "https", "ec2.us-east-1.amazonaws.com", nil, "", false),
        ("HTTPS://EC2.example.COM:8443/base/path", "https", "EC2.example.COM", 8443, "/base/path", false),
        ("https://moto.internal.", "https", "moto.internal.", nil, "", false),
        ("https://10.0.0.5:5000/", "https", "10.0.0.5", 5000, "/", false),
        ("https://[2001:db8::1]:443/", "https", "2001:db8::1", 443, "/", false),
        ("http://localhost:4566", "http", "localhost", 4566, "", true),
        ("http://LOCALHOST:4566/", "http", "LOCALHOST", 4566, "/", true),
        ("http://127.0.0.1:5000", "http", "127.0.0.1", 5000, "", true),
        ("http://127.255.3.4/", "http", "127.255.3.4", nil, "/", true),
        ("http://[::1]:5000", "http", "::1", 5000, "", true),
        ("http://[0:0:0:0:0:0:0:1]/", "http", "0:0:0:0:0:0:0:1", nil, "/", true),
        ("https://127.0.0.1", "https", "127.0.0.1", nil, "", true),
    ] as [(String, String, String, Int?, String, Bool)])
    func accepted(_ text: String, _ scheme: String, _ host: String, _ port: Int?, _ path: String, _ loopback: Bool) throws {
        let url = try EndpointURL(validating: text)
        #expect(url.absoluteString == text)
        #expect(url.scheme == scheme)
        #expect(url.host == host)
        #expect(url.port == port)
        #expect(url.path == path)
        #expect(url.isLoopback == loopback)
    }

    static let loopbackOnly = "loopback hosts (localhost, 127.0.0.0/8, ::1)"

    @Test("Rejected, with the reason", arguments: [
        ("http://ec2.example.com", EndpointURLProblem.plainHTTPNotAllowed(host: "ec2.example.com", allowed: loopbackOnly)),
        ("http://10.0.0.5:5000", .plainHTTPNotAllowed(host: "10.0.0.5", allowed: loopbackOnly)),
        ("http://128.0.0.1", .plainHTTPNotAllowed(host: "128.0.0.1", allowed: loopbackOnly)),
        ("http://0177.0.0.1", .plainHTTPNotAllowed(host: "0177.0.0.1", allowed: loopbackOnly)),
        ("http://localhost.evil.com", .plainHTTPNotAllowed(host: "localhost.evil.com", allowed: loopbackOnly)),
        ("http://127.0.0.1.nip.io", .plainHTTPNotAllowed(host: "127.0.0.1.nip.io", allowed: loopbackOnly)),
        ("http://[::2]", .plainHTTPNotAllowed(host: "::2", allowed: loopbackOnly)),
        ("http://169.254.169.254/", .plainHTTPNotAllowed(host: "169.254.169.254", allowed: loopbackOnly)),
        ("localhost:4566", .missingScheme),
        ("ec2.amazonaws.com", .missingScheme),
        ("://x", .missingScheme),
        ("ftp://x", .unsupportedScheme("ftp")),
        ("https://", .missingHost),
        ("https:///path", .missingHost),
        ("https://:443", .missingHost),
        ("https://bad_host", .invalidHost("bad_host")),
        ("https://-x.com", .invalidHost("-x.com")),
        ("https://a..b", .invalidHost("a..b")),
        ("https://[::g]", .invalidHost("::g")),
        ("https://[::1", .invalidHost("[::1")),
        ("https://x:0", .invalidPort("0")),
        ("https://x:65536", .invalidPort("65536")),
        ("https://x:", .invalidPort("")),
        ("https://x:+1", .invalidPort("+1")),
        ("https://x:abc", .invalidPort("abc")),
        ("https://user:pw@x.com", .userInfo),
        ("https://x.com/?a=b", .queryOrFragment),
        ("https://x.com#f", .queryOrFragment),
        ("https://x.com/a b", .unsafeCharacters),
        ("https://x.com\n", .unsafeCharacters),
        ("https://x.com\t", .unsafeCharacters),
    ])
    func rejected(_ text: String, _ problem: EndpointURLProblem) {
        #expect(throws: problem) { try EndpointURL(validating: text) }
    }

    @Test("The plain-HTTP message explains the risk and the fix")
    func message() {
        let problem = EndpointURLProblem.plainHTTPNotAllowed(host: "ec2.example.com", allowed: Self.loopbackOnly)
        #expect(problem.description == "plain http:// to ec2.example.com would send requests and credentials unencrypted, "
            + "and is allowed only for loopback hosts (localhost, 127.0.0.0/8, ::1); use https://")
    }

    @Test("A 255-character host is the longest allowed")
    func hostLength() throws {
        let label = String(repeating: "a", count: 63)
        let host = [label, label, label, String(repeating: "b", count: 63)].joined(separator: ".")
        #expect(host.count == 255)
        #expect(try EndpointURL(validating: "https://\(host)").host == host)
        #expect(throws: EndpointURLProblem.invalidHost(host + "c")) { try EndpointURL(validating: "https://\(host)c") }
        #expect(throws: EndpointURLProblem.invalidHost("x." + String(repeating: "a", count: 64))) {
            try EndpointURL(validating: "https://x." + String(repeating: "a", count: 64))
        }
    }
}
