/// One option in front of an `authorized_keys` key, such as `no-pty` or `command="…"`.
public struct AuthorizedKeyOption: Sendable, Hashable, CustomStringConvertible {
    /// The option name as written (sshd matches it case-insensitively).
    public var name: String
    /// The dequoted value of `name="value"` options; nil for flags.
    public var value: String?

    /// Creates an option.
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }

    /// The option as it would be written back (`\"` escapes restored).
    public var description: String {
        guard let value else { return name }
        return "\(name)=\"\(value.backslashEscaping(["\""]))\""
    }

    /// Flags sshd accepts; those in `negatable` also take a `no-` prefix (sshd(8) AUTHORIZED_KEYS FILE FORMAT).
    static let flags: Set<String> = ["restrict", "cert-authority"]
    static let negatable: Set<String> = ["port-forwarding", "agent-forwarding", "x11-forwarding", "touch-required",
                                         "verify-required", "pty", "user-rc"]
    /// Options that take a double-quoted value.
    static let valued: Set<String> = ["command", "principals", "from", "expiry-time", "environment", "permitopen",
                                      "permitlisten", "tunnel"]

    /// Whether a bare token is one of sshd's option names, so a line starting with it is read as options.
    static func isOptionName(_ token: Substring) -> Bool {
        let lower = token.lowercased()
        let bare = lower.hasPrefix("no-") ? String(lower.dropFirst(3)) : lower
        return flags.contains(lower) || negatable.contains(bare) || valued.contains(lower)
    }

    /// The options of one `authorized_keys` line as written in front of the key (cloud-init's table prints them so).
    public static func list(parsing text: String) throws(SSHKeyError) -> [AuthorizedKeyOption] {
        try parseList(text[...])
    }

    /// Parses an options string as sshd's `sshauthopt_parse` does: comma-separated, values double-quoted,
    /// `\"` the only escape; any unknown option or stray character rejects the whole line.
    static func parseList(_ text: Substring) throws(SSHKeyError) -> [AuthorizedKeyOption] {
        var options: [AuthorizedKeyOption] = []
        var rest = text
        while !rest.isEmpty {
            let nameEnd = rest.firstIndex { $0 == "," || $0 == "=" } ?? rest.endIndex
            let name = String(rest[..<nameEnd])
            let lower = name.lowercased()
            rest = rest[nameEnd...]
            if rest.first == "=" {
                guard valued.contains(lower) else {
                    throw .malformed("bad key options: \(name) does not take a value; sshd ignores this whole line")
                }
                rest = rest.dropFirst()
                guard rest.first == "\"" else {
                    throw .malformed("bad key options: the value of \(name) must be in double quotes; sshd ignores this whole line")
                }
                rest = rest.dropFirst()
                var value = ""
                var closed = false
                while let char = rest.first {
                    rest = rest.dropFirst()
                    if char == "\\", rest.first == "\"" {
                        value.append("\"")
                        rest = rest.dropFirst()
                    } else if char == "\"" {
                        closed = true
                        break
                    } else {
                        value.append(char)
                    }
                }
                guard closed else {
                    throw .malformed("bad key options: unterminated quote in \(name)=; sshd ignores this whole line")
                }
                options.append(AuthorizedKeyOption(name: name, value: value))
            } else {
                let bare = lower.hasPrefix("no-") ? String(lower.dropFirst(3)) : lower
                guard flags.contains(lower) || negatable.contains(bare) else {
                    throw .malformed("bad key options: unknown option \"\(name)\"; sshd ignores this whole line")
                }
                options.append(AuthorizedKeyOption(name: name))
            }
            guard let separator = rest.first else { break }
            guard separator == "," else {
                throw .malformed("bad key options: unexpected \"\(separator)\" after \(name); sshd ignores this whole line")
            }
            rest = rest.dropFirst()
            if rest.isEmpty { throw .malformed("bad key options: trailing comma; sshd ignores this whole line") }
        }
        return options
    }
}

extension String {
    /// Puts a backslash before each of the given characters.
    func backslashEscaping(_ characters: Set<Character>) -> String {
        var out = ""
        for char in self {
            if characters.contains(char) { out.append("\\") }
            out.append(char)
        }
        return out
    }
}
