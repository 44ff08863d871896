import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// Base64 as OpenSSH's b64_pton reads it: padding optional but exact, no stray bits, whitespace only where allowed.
@Suite("Base64: RFC 4648 vectors, padding rules, openssl agreement")
struct Base64Tests {
    /// RFC 4648 §10.
    static let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                          ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]

    @Test("RFC 4648 §10 vectors encode, and decode with or without padding", arguments: vectors)
    func rfcVectors(_ plain: String, _ encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
        // ssh-keygen prints fingerprints unpadded, and users paste them that way.
        #expect(Base64.decode(encoded.replacingOccurrences(of: "=", with: "")) == Array(plain.utf8))
    }

    @Test("malformed input is refused, never guessed at", arguments: [
        "Zg=",        // padding that does not complete the quantum
        "Zg===",      // too much padding
        "Zm9v=",      // padding after a whole quantum
        "====",       // padding alone
        "Zg==Zg==",   // data after padding
        "Z",          // a dangling 6 bits
        "Zh==",       // leftover bits not zero ("f" is Zg==)
        "Zm9=",       // leftover bits not zero ("fo" is Zm8=)
        "Zm9v_w",     // base64url alphabet
        "Zm9v-w",
        "Zm9v\u{e9}", // non-ASCII
        "Zm9v Ym",    // whitespace when none is allowed
    ])
    func refuses(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test("whitespace and line breaks are skipped when allowed (armored bodies), even around padding")
    func whitespace() {
        #expect(Base64.decode("Zm9v\nYmFy", ignoringWhitespace: true) == Array("foobar".utf8))
        #expect(Base64.decode(" Zm9v\r\n\tYmE= \n", ignoringWhitespace: true) == Array("fooba".utf8))
        #expect(Base64.decode("Zm9vYg=\n=", ignoringWhitespace: true) == Array("foob".utf8))
        #expect(Base64.decode("Zm9v\nYmFy") == nil)
    }

    @Test("encoding agrees with openssl base64, wrapped at 64 as openssl wraps, at every length up to three quanta")
    func againstOpenSSL() throws {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 47, 48, 49, 100, 257] {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let expected = String(decoding: try Oracle.runBytes("openssl", ["base64"], stdin: bytes), as: UTF8.self)
            #expect(Base64.encodeWrapped(bytes, width: 64).map { $0 + "\n" }.joined() == expected, "length \(length)")
            #expect(Base64.decode(expected, ignoringWhitespace: true) == bytes, "length \(length)")
        }
    }

    @Test("decode(encode(x)) == x for every length 0…99 and every byte value")
    func roundTrip() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 89 &+ 7) }
        #expect(Set(bytes).count == 256)
        for length in 0..<100 {
            let slice = Array(bytes[(length * 2)..<(length * 2 + length)])
            #expect(Base64.decode(Base64.encode(slice)) == slice, "length \(length)")
        }
        #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }

    @Test("the unpadded digest form is 43 characters for SHA-256, as ssh-keygen prints it")
    func unpadded() {
        let text = DigestText.unpaddedBase64([UInt8](repeating: 0xFF, count: 32))
        #expect(text.count == 43 && !text.contains("="))
        #expect(Base64.decode(text) == [UInt8](repeating: 0xFF, count: 32))
    }
}
