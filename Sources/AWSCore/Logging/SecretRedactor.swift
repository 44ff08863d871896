/// Removes secrets from text bound for a log: credential headers, signed-URL query parameters, secret fields
/// of XML, JSON and form bodies, private key blocks, and any known secret value wherever it appears.
///
/// Rules are by name, so they also catch secrets the client never saw before (an AssumeRole response's new
/// `SecretAccessKey`, a `CreateKeyPair` response's `keyMaterial`); the literal values of the credentials in use
/// are removed as well, in case a service echoes them somewhere unexpected.
///
/// ## Usage
/// ```swift
/// let redactor = SecretRedactor(knownSecrets: [credentials.secretAccessKey])
/// redactor.redact(body: "<SecretAccessKey>wJalr…</SecretAccessKey>")  // "<SecretAccessKey><REDACTED></SecretAccessKey>"
/// ```
public struct SecretRedactor: Sendable {
    /// What replaces a secret.
    public static let placeholder = "<REDACTED>"

    /// Header names whose values are credentials (compared case-insensitively).
    static let secretHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "x-amz-security-token", "x-amz-sso_bearer_token",
        "x-aws-ec2-metadata-token", "cookie", "set-cookie",
    ]

    /// Query parameters of presigned URLs that carry or prove credentials.
    static let secretQueryNames: Set<String> = [
        "x-amz-credential", "x-amz-signature", "x-amz-security-token", "awsaccesskeyid", "signature",
    ]

    /// Field names (XML elements, JSON keys, form parameters) whose values are secrets: STS, SSO, IMDS and
    /// container credential documents, `credential_process` output, web identity and SAML tokens, EC2
    /// `CreateKeyPair`'s private key.
    static let secretFieldNames = [
        "SecretAccessKey", "SessionToken", "Token", "AccessToken", "RefreshToken", "ClientSecret",
        "WebIdentityToken", "SAMLAssertion", "KeyMaterial", "PrivateKey", "Password", "TokenCode",
    ]

    /// Secret values removed wherever they appear, in their raw and form-encoded spellings.
    public let knownSecrets: [String]

    /// A redactor that also removes the given values (empty strings are ignored).
    public init(knownSecrets: [String] = []) {
        var spellings: Set<String> = []
        for secret in knownSecrets where !secret.isEmpty {
            spellings.insert(secret)
            spellings.insert(FormURLEncoding.quotePlus(secret))
        }
        // Longest first, so a secret containing another is removed whole.
        self.knownSecrets = spellings.sorted { $0.count > $1.count }
    }

    /// `value` with nothing left of a secret header; other headers go through ``redact(text:)``.
    public func redact(headerValue value: String, name: String) -> String {
        Self.secretHeaderNames.contains(name.lowercased()) ? Self.placeholder : redact(text: value)
    }

    /// `url` with secret query parameters' values replaced.
    public func redact(url: String) -> String {
        guard let questionMark = url.firstIndex(of: "?") else { return redact(text: url) }
        let query = url[url.index(after: questionMark)...].split(separator: "&", omittingEmptySubsequences: false)
            .map { item -> String in
                let name = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                return Self.secretQueryNames.contains(name.lowercased()) ? "\(name)=\(Self.placeholder)" : String(item)
            }
        return redact(text: String(url[...questionMark]) + query.joined(separator: "&"))
    }

    /// A request or response body (XML, JSON, form-encoded or text) with every secret replaced.
    public func redact(body: String) -> String {
        var text = body
        for rule in Self.rules { text = text.replacing(rule.pattern, with: rule.replacement) }
        return redact(text: text)
    }

    /// Any text with the known secret values and private key blocks replaced.
    public func redact(text: String) -> String {
        var text = text.replacing(Self.privateKeyBlock) { _ in "\(Self.placeholder) private key" }
        for secret in knownSecrets { text = text.replacing(secret, with: Self.placeholder) }
        return text
    }

    // MARK: - Rules

    private struct Rule {
        let pattern: Regex<AnyRegexOutput>
        let replacement: (Regex<AnyRegexOutput>.Match) -> String
    }

    private static let names = secretFieldNames.joined(separator: "|")

    // Built once and only read afterwards; `Regex` and the replacement closures are not `Sendable`.
    nonisolated(unsafe) private static let rules: [Rule] = [
        // XML: <SecretAccessKey>…</SecretAccessKey>, any namespace prefix, any case (EC2 writes keyMaterial).
        Rule(
            pattern: try! Regex(#"(<(?:[\w.-]+:)?(?:\#(names))(?:\s[^>]*)?>)[^<]*(</)"#).ignoresCase(),
            replacement: { "\($0.output[1].substring ?? "")\(placeholder)\($0.output[2].substring ?? "")" }),
        // JSON: "SecretAccessKey": "…" (escaped quotes inside the value included).
        Rule(
            pattern: try! Regex(#"("(?:\#(names))"\s*:\s*)"(?:[^"\\]|\\.)*""#).ignoresCase(),
            replacement: { "\($0.output[1].substring ?? "")\"\(placeholder)\"" }),
        // Form bodies and query strings: WebIdentityToken=…
        Rule(
            pattern: try! Regex(#"((?:^|[&?])(?:\#(names))=)[^&\s]*"#).ignoresCase(),
            replacement: { "\($0.output[1].substring ?? "")\(placeholder)" }),
    ]

    /// PEM and OpenSSH private keys (`-----BEGIN … PRIVATE KEY-----`, also form-encoded with `+` or `%20` for
    /// spaces and JSON-escaped), up to their END line or the end of the text; PuTTY's `Private-Lines` section.
    nonisolated(unsafe) private static let privateKeyBlock: Regex<AnyRegexOutput> = {
        let space = #"(?:[ +]|%20)"#
        let pem = #"-----BEGIN(?:\#(space)[A-Z0-9]+)*\#(space)PRIVATE\#(space)KEY-----[\s\S]*?(?:-----END(?:\#(space)[A-Z0-9]+)*\#(space)PRIVATE\#(space)KEY-----|$)"#
        let putty = #"Private-Lines:[\s\S]*?(?:Private-MAC:\s*[0-9A-Fa-f]*|$)"#
        return try! Regex("\(pem)|\(putty)")
    }()
}
