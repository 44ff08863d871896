/// `application/x-www-form-urlencoded` exactly as botocore writes a query-protocol body.
///
/// botocore hands the serialized parameters to `urlencode(params, doseq=True)`
/// (`awsrequest.py` `AWSRequestPreparer._prepare_body`), which quotes names and values with
/// `quote_plus`: the unreserved bytes `A-Z a-z 0-9 - _ . ~` stay, a space becomes `+`, every other
/// byte of the UTF-8 form becomes `%XX` with upper-case hex. The SigV4 payload hash covers these
/// exact bytes, so the spelling matters only for reproducibility — AWS decodes `+` and `%20` alike.
enum FormURLEncoding {
    /// `name=value` pairs joined with `&`, in the order given.
    static func encode(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { quotePlus($0.name) + "=" + quotePlus($0.value) }.joined(separator: "&")
    }

    /// Python's `urllib.parse.quote_plus(text, safe='')`.
    static func quotePlus(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else if byte == 0x20 {
                output.append(0x2B)  // "+"
            } else {
                output.append(0x25)  // "%"
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x5F, 0x2E, 0x7E: return true
        default: return false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}
