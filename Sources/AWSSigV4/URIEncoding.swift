/// AWS's `UriEncode` and the path rules of "Create a canonical request" (non-S3 services).
///
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
/// Every byte of the UTF-8 form is percent-encoded with upper-case hex, except the unreserved characters
/// `A-Z a-z 0-9 - . _ ~`. A space becomes `%20` (never `+`).
public enum URIEncoding {
    /// `UriEncode(string)`: everything but the unreserved characters, `/` included, is percent-encoded.
    public static func encode(_ string: String) -> String {
        encode(bytes: Array(string.utf8))
    }

    /// Percent-encodes raw bytes the same way (they need not be valid UTF-8).
    static func encode(bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for byte in bytes {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(upperHex[Int(byte >> 4)])
                output.append(upperHex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes a wire spelling stands for: each valid `%XX` becomes its byte, everything else (a stray `%`,
    /// `+`, raw UTF-8) stays as it is.
    static func decode(_ string: String) -> [UInt8] {
        let bytes = Array(string.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// "Normalize URI paths according to RFC 3986": empty and `.` segments dropped, `..` removes the segment
    /// before it (never above the root); a trailing `/` (or a final `.`/`..`) is kept. The result starts with `/`.
    static func normalizedPath(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        for segment in segments {
            switch segment {
            case "", ".": continue
            case "..": _ = kept.popLast()
            default: kept.append(segment)
            }
        }
        let endsInDirectory = path.hasSuffix("/") || segments.last == "." || segments.last == ".."
        let joined = "/" + kept.joined(separator: "/")
        return endsInDirectory && !kept.isEmpty ? joined + "/" : joined
    }

    /// The CanonicalURI: the normalised path with each segment encoded once, slashes kept.
    ///
    /// The path is taken as sent, so a segment the caller already percent-encoded is encoded a second
    /// time (`%20` → `%2520`): that is the "encode twice" of AWS's non-S3 rule, counted from the raw name.
    static func canonicalPath(_ path: String) -> String {
        normalizedPath(path)
            .split(separator: "/", omittingEmptySubsequences: false)
            .map { encode(String($0)) }
            .joined(separator: "/")
    }

    /// The CanonicalQueryString: each name and value decoded from its wire spelling and encoded once, then
    /// sorted by encoded name and, for equal names, by encoded value (byte order), joined `name=value&…`.
    static func canonicalQuery(_ items: [SigningRequest.QueryItem]) -> String {
        items
            .map { (name: encode(bytes: decode($0.name)), value: encode(bytes: decode($0.value))) }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                    : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
