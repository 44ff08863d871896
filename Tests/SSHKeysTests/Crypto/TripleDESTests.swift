import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// DES / TDEA block ciphers, CBC and PKCS#7: published vectors plus the `openssl` CLI as a live oracle.
@Suite("DES and Triple-DES")
struct TripleDESTests {
    // MARK: - Vectors

    /// One ECB block: key, plaintext and ciphertext in hex, with where it was published.
    struct BlockVector: Sendable, CustomTestStringConvertible {
        let source: String
        let key: String
        let plaintext: String
        let ciphertext: String
        var testDescription: String { "\(source): \(key) / \(plaintext)" }

        /// Positional plaintext and ciphertext keep each vector on one line, as in the published tables.
        init(_ source: String, key: String, _ plaintext: String, _ ciphertext: String) {
            self.source = source
            self.key = key
            self.plaintext = plaintext
            self.ciphertext = ciphertext
        }
    }

    /// A CBC message: key, IV, plaintext and ciphertext in hex, with where it was published.
    struct CBCVector: Sendable, CustomTestStringConvertible {
        let source: String
        let key: String
        let iv: String
        let plaintext: String
        let ciphertext: String
        var testDescription: String { source }
    }

    static let desBlockVectors: [BlockVector] = [
        // The classic hand-worked example (J. Orlin Grabbe, "The DES Algorithm Illustrated").
        .init("Grabbe", key: "133457799BBCDFF1", "0123456789ABCDEF", "85E813540F0AB405"),
        // NIST SP 800-20 Appendix A (also SP 800-17 Appendix B), Table A.1: variable plaintext, key 0101010101010101.
        .init("SP 800-20 A.1", key: "0101010101010101", "8000000000000000", "95F8A5E5DD31D900"),
        .init("SP 800-20 A.1", key: "0101010101010101", "4000000000000000", "DD7F121CA5015619"),
        .init("SP 800-20 A.1", key: "0101010101010101", "2000000000000000", "2E8653104F3834EA"),
        .init("SP 800-20 A.1", key: "0101010101010101", "0000000000000001", "166B40B44ABA4BD6"),
        // SP 800-20 Table A.2: variable key, plaintext 0.
        .init("SP 800-20 A.2", key: "8001010101010101", "0000000000000000", "95A8D72813DAA94D"),
        .init("SP 800-20 A.2", key: "4001010101010101", "0000000000000000", "0EEC1487DD8C26D5"),
        .init("SP 800-20 A.2", key: "0101010101010102", "0000000000000000", "869EFD7F9F265A09"),
        // SP 800-20 Table A.3: permutation operation known answer test, plaintext 0.
        .init("SP 800-20 A.3", key: "1046913489980131", "0000000000000000", "88D55E54F54C97B4"),
        // SP 800-20 Table A.4: substitution table known answer test.
        .init("SP 800-20 A.4", key: "7CA110454A1A6E57", "01A1D6D039776742", "690F5B0D9A26939B"),
        // FIPS 81 (DES Modes of Operation), ECB example: "Now is the time for all " block by block.
        .init("FIPS 81 ECB", key: "0123456789ABCDEF", "4E6F772069732074", "3FA40E8A984D4815"),
        .init("FIPS 81 ECB", key: "0123456789ABCDEF", "68652074696D6520", "6A271787AB8883F9"),
        .init("FIPS 81 ECB", key: "0123456789ABCDEF", "666F7220616C6C20", "893D51EC4B563B53"),
    ]

    /// K1 = 0123456789ABCDEF, K2 = 23456789ABCDEF01, K3 = 456789ABCDEF0123 from SP 800-67's worked example.
    static let sp80067Key = "0123456789ABCDEF23456789ABCDEF01456789ABCDEF0123"

    static let tdeaBlockVectors: [BlockVector] = [
        // NIST SP 800-67 Appendix B "Example of TDEA": keys K1 ‖ K2 ‖ K3; "The qufck brown fox jump" (sic).
        .init("SP 800-67 App. B #1", key: sp80067Key, "5468652071756663", "A826FD8CE53B855F"),
        .init("SP 800-67 App. B #2", key: sp80067Key, "6B2062726F776E20", "CCE21C8112256FE6"),
        .init("SP 800-67 App. B #3", key: sp80067Key, "666F78206A756D70", "68D5C05DD9B6B900"),
    ]

    static let desCBCVectors: [CBCVector] = [
        // FIPS 81 (DES Modes of Operation), CBC example: "Now is the time for all ".
        .init(
            source: "FIPS 81 CBC", key: "0123456789ABCDEF", iv: "1234567890ABCDEF",
            plaintext: "4E6F77206973207468652074696D6520666F7220616C6C20",
            ciphertext: "E5C7CDDE872BF27C43E934008C389C0F683788499A7C05F6"),
    ]

    static let tdeaCBCVectors: [CBCVector] = [
        // SP 800-67's keys and text in CBC; no NIST example does this, so the ciphertext is pinned from OpenSSL 3.0:
        // printf 'The qufck brown fox jump' | openssl enc -des-ede3-cbc -nopad -K <key> -iv 1234567890ABCDEF
        .init(
            source: "openssl 3.0 des-ede3-cbc", key: sp80067Key, iv: "1234567890ABCDEF",
            plaintext: "5468652071756663 6B2062726F776E20 666F78206A756D70",
            ciphertext: "38413D4BA2325CF1 141F707471AC2CED 57DB530F0123B5AC"),
    ]

    // MARK: - Known answers

    @Test("DES encrypts and decrypts published blocks", arguments: desBlockVectors)
    func desBlock(_ vector: BlockVector) throws {
        let des = try DES(key: Self.bytes(vector.key))
        let plaintext = Self.block(vector.plaintext)
        let ciphertext = Self.block(vector.ciphertext)
        #expect(des.encryptBlock(plaintext) == ciphertext)
        #expect(des.decryptBlock(ciphertext) == plaintext)
    }

    @Test("TDEA encrypts and decrypts published blocks", arguments: tdeaBlockVectors)
    func tdeaBlock(_ vector: BlockVector) throws {
        let tdea = try TripleDES(key: Self.bytes(vector.key))
        let plaintext = Self.block(vector.plaintext)
        let ciphertext = Self.block(vector.ciphertext)
        #expect(tdea.encryptBlock(plaintext) == ciphertext)
        #expect(tdea.decryptBlock(ciphertext) == plaintext)
    }

    @Test("K1 = K2 = K3 reduces TDEA to single DES (SP 800-67 keying option 3)", arguments: desBlockVectors)
    func tdeaKeyingOption3(_ vector: BlockVector) throws {
        let key = Self.bytes(vector.key)
        let tdea = try TripleDES(key: key + key + key)
        #expect(tdea.encryptBlock(Self.block(vector.plaintext)) == Self.block(vector.ciphertext))
        #expect(tdea.decryptBlock(Self.block(vector.ciphertext)) == Self.block(vector.plaintext))
    }

    @Test("DES-CBC matches published messages", arguments: desCBCVectors)
    func desCBC(_ vector: CBCVector) throws {
        let (key, iv) = (Self.bytes(vector.key), Self.bytes(vector.iv))
        let (plaintext, ciphertext) = (Self.bytes(vector.plaintext), Self.bytes(vector.ciphertext))
        #expect(try DES.cbcEncrypt(plaintext, key: key, iv: iv) == ciphertext)
        #expect(try DES.cbcDecrypt(ciphertext, key: key, iv: iv) == plaintext)
    }

    @Test("DES-EDE3-CBC matches pinned messages", arguments: tdeaCBCVectors)
    func tdeaCBC(_ vector: CBCVector) throws {
        let (key, iv) = (Self.bytes(vector.key), Self.bytes(vector.iv))
        let (plaintext, ciphertext) = (Self.bytes(vector.plaintext), Self.bytes(vector.ciphertext))
        #expect(try TripleDES.cbcEncrypt(plaintext, key: key, iv: iv) == ciphertext)
        #expect(try TripleDES.cbcDecrypt(ciphertext, key: key, iv: iv) == plaintext)
    }

    /// R. L. Rivest, "Testing implementations of DES" (1985): 16 alternating self-keyed steps touch every S-box entry
    /// often enough that a wrong table is almost certain to show.
    @Test("Rivest's iterated DES test reaches 1B1A2DDB4C642438")
    func rivestIteration() throws {
        var x: UInt64 = 0x9474_B8E8_C73B_CA7D
        for step in 0..<16 {
            var key: [UInt8] = []
            BlockCipherCBC.storeBlock(x, to: &key)
            let des = try DES(key: key)
            x = step.isMultiple(of: 2) ? des.encryptBlock(x) : des.decryptBlock(x)
        }
        #expect(x == 0x1B1A_2DDB_4C64_2438)
    }

    @Test("DES ignores the parity bit of every key byte")
    func parityIgnored() throws {
        let key = Self.bytes("133457799BBCDFF1")
        let flipped = key.map { $0 ^ 0x01 }
        #expect(try DES(key: flipped).encryptBlock(0x0123_4567_89AB_CDEF) == 0x85E8_1354_0F0A_B405)
    }

    // MARK: - Round trips and argument checks

    @Test("CBC decrypt inverts encrypt", arguments: [0, 1, 2, 7, 64, 513])
    func roundTrip(blocks: Int) throws {
        let data = Self.randomBytes(blocks * 8)
        let iv = Self.randomBytes(8)
        let desKey = Self.randomBytes(8)
        let tdeaKey = Self.randomBytes(24)
        let desCipher = try DES.cbcEncrypt(data, key: desKey, iv: iv)
        let tdeaCipher = try TripleDES.cbcEncrypt(data, key: tdeaKey, iv: iv)
        #expect(desCipher.count == data.count && tdeaCipher.count == data.count)
        #expect(try DES.cbcDecrypt(desCipher, key: desKey, iv: iv) == data)
        #expect(try TripleDES.cbcDecrypt(tdeaCipher, key: tdeaKey, iv: iv) == data)
    }

    @Test("DES rejects keys that are not 8 bytes", arguments: [0, 7, 9, 16, 24])
    func desKeyLength(count: Int) {
        #expect(throws: LegacyCipherError.invalidKeyLength) { try DES(key: [UInt8](repeating: 1, count: count)) }
    }

    @Test("TDEA rejects keys that are not 24 bytes", arguments: [0, 8, 16, 23, 25, 32])
    func tdeaKeyLength(count: Int) {
        #expect(throws: LegacyCipherError.invalidKeyLength) { try TripleDES(key: [UInt8](repeating: 1, count: count)) }
    }

    @Test("CBC rejects IVs that are not one block", arguments: [0, 7, 9, 16])
    func ivLength(count: Int) {
        let iv = [UInt8](repeating: 0, count: count)
        #expect(throws: LegacyCipherError.invalidIVLength) {
            try TripleDES.cbcEncrypt([UInt8](repeating: 0, count: 8), key: [UInt8](repeating: 1, count: 24), iv: iv)
        }
        #expect(throws: LegacyCipherError.invalidIVLength) {
            try DES.cbcDecrypt([UInt8](repeating: 0, count: 8), key: [UInt8](repeating: 1, count: 8), iv: iv)
        }
    }

    @Test("CBC rejects data that is not whole blocks", arguments: [1, 7, 9, 15, 17])
    func notBlockAligned(count: Int) {
        let data = [UInt8](repeating: 0, count: count)
        let iv = [UInt8](repeating: 0, count: 8)
        #expect(throws: LegacyCipherError.notBlockAligned) {
            try TripleDES.cbcDecrypt(data, key: [UInt8](repeating: 1, count: 24), iv: iv)
        }
        #expect(throws: LegacyCipherError.notBlockAligned) {
            try DES.cbcEncrypt(data, key: [UInt8](repeating: 1, count: 8), iv: iv)
        }
    }

    // MARK: - PKCS#7

    @Test("PKCS#7 pads 1…8 bytes and strips them again", arguments: 0...17)
    func pkcs7RoundTrip(length: Int) throws {
        let data = [UInt8]((0..<length).map { UInt8(truncatingIfNeeded: $0) })
        let padded = PKCS7.pad(data, blockSize: 8)
        let padCount = 8 - length % 8
        #expect(padded.count == length + padCount)
        #expect(padded.suffix(padCount).allSatisfy { Int($0) == padCount })
        #expect(try PKCS7.unpad(padded, blockSize: 8) == data)
    }

    /// A decrypted buffer whose padding `pad` could never have produced, and the error it must raise.
    struct BadPadding: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let error: LegacyCipherError
        var testDescription: String { name }
    }

    static let badPaddings: [BadPadding] = [
        .init(name: "empty", bytes: [], error: .badPadding),
        .init(name: "pad byte 0", bytes: [1, 2, 3, 4, 5, 6, 7, 0], error: .badPadding),
        .init(name: "pad byte above block size", bytes: [1, 2, 3, 4, 5, 6, 7, 9], error: .badPadding),
        .init(name: "pad byte 16 in a 16-byte buffer", bytes: [UInt8](repeating: 16, count: 16), error: .badPadding),
        .init(name: "pad byte 0xFF", bytes: [UInt8](repeating: 0xFF, count: 8), error: .badPadding),
        .init(name: "first pad byte differs", bytes: [1, 2, 3, 4, 5, 4, 3, 3], error: .badPadding),
        .init(name: "middle pad byte differs", bytes: [1, 2, 3, 4, 4, 3, 4, 4], error: .badPadding),
        .init(name: "full pad block with one stray byte", bytes: [8, 8, 8, 7, 8, 8, 8, 8], error: .badPadding),
        .init(name: "not block-aligned", bytes: [1, 2, 3, 3, 3], error: .notBlockAligned),
    ]

    @Test("PKCS#7 unpad rejects malformed padding", arguments: badPaddings)
    func pkcs7Rejects(_ bad: BadPadding) {
        #expect(throws: bad.error) { try PKCS7.unpad(bad.bytes, blockSize: 8) }
    }

    @Test("A wrong key shows up as bad padding")
    func wrongKeyIsBadPadding() throws {
        let iv = Self.bytes("1234567890ABCDEF")
        let message = PKCS7.pad(Array("-----BEGIN RSA PRIVATE KEY-----".utf8), blockSize: 8)
        let rightKey = Self.bytes(Self.sp80067Key)
        // Fixed keys keep this deterministic: a random wrong key leaves valid-looking padding about 1 time in 256.
        let wrongKey = Self.bytes("FEDCBA9876543210 32547698BADCFE10 5476981032BADCFE")
        let sealed = try TripleDES.cbcEncrypt(message, key: rightKey, iv: iv)
        let opened = try TripleDES.cbcDecrypt(sealed, key: wrongKey, iv: iv)
        #expect(throws: LegacyCipherError.badPadding) { try PKCS7.unpad(opened, blockSize: 8) }
    }

    // MARK: - openssl as oracle

    @Test("DES-EDE3-CBC agrees with `openssl enc -des-ede3-cbc -nopad`", arguments: [1, 2, 16, 129])
    func opensslTripleDES(blocks: Int) throws {
        let key = Self.randomBytes(24)
        let iv = Self.randomBytes(8)
        let data = Self.randomBytes(blocks * 8)
        let context = "key \(Self.hex(key)) iv \(Self.hex(iv))"
        let theirs = try Self.openssl(encrypt: true, key: key, iv: iv, padding: false, input: data)
        #expect(try TripleDES.cbcEncrypt(data, key: key, iv: iv) == theirs, "\(context)")
        #expect(try TripleDES.cbcDecrypt(theirs, key: key, iv: iv) == data, "\(context)")
        let ours = try TripleDES.cbcEncrypt(data, key: key, iv: iv)
        #expect(try Self.openssl(encrypt: false, key: key, iv: iv, padding: false, input: ours) == data, "\(context)")
    }

    /// OpenSSL 3 keeps single DES in its legacy provider, so compare through TDEA keying option 3 (K ‖ K ‖ K).
    @Test("DES-CBC agrees with openssl via K ‖ K ‖ K", arguments: [1, 3, 64])
    func opensslSingleDES(blocks: Int) throws {
        let key = Self.randomBytes(8)
        let iv = Self.randomBytes(8)
        let data = Self.randomBytes(blocks * 8)
        let context = "key \(Self.hex(key)) iv \(Self.hex(iv))"
        let theirs = try Self.openssl(encrypt: true, key: key + key + key, iv: iv, padding: false, input: data)
        #expect(try DES.cbcEncrypt(data, key: key, iv: iv) == theirs, "\(context)")
        #expect(try DES.cbcDecrypt(theirs, key: key, iv: iv) == data, "\(context)")
    }

    /// The PEM path end to end: openssl's own PKCS#7 padding both ways.
    @Test("PKCS#7 + DES-EDE3-CBC interoperates with openssl's padding", arguments: [0, 1, 7, 8, 9, 100])
    func opensslPadded(length: Int) throws {
        let key = Self.randomBytes(24)
        let iv = Self.randomBytes(8)
        let data = Self.randomBytes(length)
        let context = "key \(Self.hex(key)) iv \(Self.hex(iv))"
        let theirs = try Self.openssl(encrypt: true, key: key, iv: iv, padding: true, input: data)
        let opened = try TripleDES.cbcDecrypt(theirs, key: key, iv: iv)
        #expect(try PKCS7.unpad(opened, blockSize: 8) == data, "\(context)")
        let ours = try TripleDES.cbcEncrypt(PKCS7.pad(data, blockSize: 8), key: key, iv: iv)
        #expect(try Self.openssl(encrypt: false, key: key, iv: iv, padding: true, input: ours) == data, "\(context)")
    }

    // MARK: - Helpers

    /// Bytes from hex, ignoring spaces; test vectors are literals, so a typo should stop the test loudly.
    static func bytes(_ hex: String) -> [UInt8] {
        let digits = hex.filter { !$0.isWhitespace }.compactMap { $0.hexDigitValue }
        precondition(digits.count % 2 == 0, "odd-length hex literal in a test vector")
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
    }

    /// One 64-bit block from 16 hex digits, big-endian.
    static func block(_ hex: String) -> UInt64 {
        BlockCipherCBC.loadBlock(bytes(hex), at: 0)
    }

    /// Lower-case hex, the spelling openssl's -K and -iv take.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    /// Fresh random bytes; failures print the key and IV so a case can be replayed.
    static func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max) }
    }

    /// Runs `openssl enc -des-ede3-cbc` on `input` and returns its output; fails the test if openssl is absent or errs.
    static func openssl(encrypt: Bool, key: [UInt8], iv: [UInt8], padding: Bool, input: [UInt8]) throws -> [UInt8] {
        let directory = try TempDirectory()
        var arguments = ["enc", encrypt ? "-e" : "-d", "-des-ede3-cbc", "-K", hex(key), "-iv", hex(iv)]
        if !padding { arguments.append("-nopad") }
        arguments += ["-in", try directory.write("input.bin", input)]
        return try Oracle.runBytes("openssl", arguments)
    }
}
