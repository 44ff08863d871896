import AMIKeyTestSupport
import Foundation
import Testing

@testable import SSHKeys

/// The RFC 4251 §5 reader and writer: real blobs cut anywhere, and the mpint rules OpenSSH applies.
@Suite("SSH wire encoding: truncation and mpint rules")
struct SSHWireReaderTests {
    @Test("a real blob cut at any offset throws truncated, never crashes; one byte extra is malformed",
          arguments: [OracleKeySpec.rsa2048, .dsa, .ecdsa521, .ed25519])
    func truncatedBlob(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let blob = try OracleKeys.blob(try OracleKeys.generate(spec, "key", in: directory))
        try Self.checkCuts(blob)
    }

    @Test("a certificate cut at any offset throws truncated too")
    func truncatedCertificate() throws {
        let directory = try TempDirectory()
        let path = try OracleKeys.generate(.ecdsa256, "key", in: directory)
        try OracleKeys.generate(.ed25519, "ca", in: directory)
        _ = try Oracle.run("ssh-keygen", ["-q", "-s", directory.path("ca"), "-I", "id", "-n", "a,b", path + ".pub"])
        let line = try directory.read("key-cert.pub")
        let blob = try Oracle.runBytes("openssl", ["base64", "-d", "-A"], stdin: Array(line.split(separator: " ")[1].utf8))
        try Self.checkCuts(blob)
    }

    /// Every proper prefix of `blob` is truncated; the whole parses; a trailing byte is refused.
    static func checkCuts(_ blob: [UInt8]) throws {
        let key = try SSHPublicKey(wireRepresentation: blob)
        #expect(key.wireRepresentation == blob)
        for length in 0..<blob.count {
            let error = #expect(throws: SSHKeyError.self, "cut at \(length)") {
                try SSHPublicKey(wireRepresentation: Array(blob[..<length]))
            }
            #expect(error?.code == .truncated, "cut at \(length): \(String(describing: error))")
        }
        let longer = #expect(throws: SSHKeyError.self) { try SSHPublicKey(wireRepresentation: blob + [0]) }
        #expect(longer?.code == .malformed)
    }

    @Test("the writer rebuilds ssh-keygen's blob byte for byte from the parsed fields",
          arguments: [OracleKeySpec.rsa1024, .rsa2048, .dsa, .ecdsa256, .ecdsa384, .ecdsa521, .ed25519])
    func writerMatchesSSHKeygen(_ spec: OracleKeySpec) throws {
        let directory = try TempDirectory()
        let blob = try OracleKeys.blob(try OracleKeys.generate(spec, "key", in: directory))
        let key = try SSHPublicKey(wireRepresentation: blob)
        #expect(SSHPublicKey(algorithm: key.algorithm, backing: key.backing).wireRepresentation == blob)
    }

    /// RFC 4251 §5's mpint examples, plus the leniency OpenSSH's `sshbuf_get_bignum2_bytes_direct` has.
    static let mpints: [(encoded: [UInt8], magnitude: [UInt8]?)] = [
        ([0, 0, 0, 0], []),                                                             // RFC: 0
        ([0, 0, 0, 8, 0x09, 0xa3, 0x78, 0xf9, 0xb2, 0xe3, 0x32, 0xa7],
         [0x09, 0xa3, 0x78, 0xf9, 0xb2, 0xe3, 0x32, 0xa7]),                              // RFC: 9a378f9b2e332a7
        ([0, 0, 0, 2, 0x00, 0x80], [0x80]),                                             // RFC: 80
        ([0, 0, 0, 2, 0xed, 0xcc], nil),                                                // RFC: -1234, negative
        ([0, 0, 0, 5, 0xff, 0x21, 0x52, 0x41, 0x11], nil),                              // RFC: -deadbeef, negative
        ([0, 0, 0, 1, 0x80], nil),                                                      // top bit set without a sign byte
        ([0, 0, 0, 1, 0x7f], [0x7f]),
        ([0, 0, 0, 3, 0, 0, 1], [1]),                                                   // leading zeros: OpenSSH strips them
        ([0, 0, 0, 2, 0, 0], []),                                                       // zero, not minimal
    ]

    @Test("mpint reading: RFC 4251 examples, negatives refused, leading zeros stripped",
          arguments: mpints.indices)
    func readMPInt(_ index: Int) throws {
        let (encoded, magnitude) = Self.mpints[index]
        var reader = SSHWireReader(encoded)
        if let magnitude {
            #expect(try reader.readMPInt(field: "n") == magnitude)
            #expect(reader.isAtEnd)
        } else {
            let error = #expect(throws: SSHKeyError.self) { try reader.readMPInt(field: "n") }
            #expect(error?.code == .malformed)
            #expect(error?.message.contains("negative") == true)
        }
    }

    @Test("mpint writing is minimal with a sign byte when the top bit is set (RFC 4251 §5)",
          arguments: [([UInt8](), [UInt8]([0, 0, 0, 0])), ([0], [0, 0, 0, 0]), ([0, 0, 0x7f], [0, 0, 0, 1, 0x7f]),
                      ([0x80], [0, 0, 0, 2, 0, 0x80]), ([0x00, 0x80], [0, 0, 0, 2, 0, 0x80]),
                      ([0x09, 0xa3, 0x78, 0xf9, 0xb2, 0xe3, 0x32, 0xa7], [0, 0, 0, 8, 0x09, 0xa3, 0x78, 0xf9, 0xb2, 0xe3, 0x32, 0xa7])])
    func writeMPInt(_ magnitude: [UInt8], _ encoded: [UInt8]) throws {
        var writer = SSHWireWriter()
        writer.writeMPInt(magnitude)
        #expect(writer.bytes == encoded)
        var reader = SSHWireReader(writer.bytes)
        #expect(try reader.readMPInt(field: "n") == Array(magnitude.drop { $0 == 0 }))
    }

    @Test("integers are big-endian; strings are length-prefixed; a huge length is truncated, not allocated")
    func fixedTypes() throws {
        var writer = SSHWireWriter()
        writer.writeUInt32(0x0102_0304)
        writer.writeUInt8(0xAB)
        writer.writeString("ssh-rsa")
        writer.writeBytes([0, 0, 0, 0, 0, 0, 1, 2])
        #expect(writer.bytes == [1, 2, 3, 4, 0xAB, 0, 0, 0, 7] + Array("ssh-rsa".utf8) + [0, 0, 0, 0, 0, 0, 1, 2])

        var reader = SSHWireReader(writer.bytes)
        #expect(try reader.readUInt32(field: "u32") == 0x0102_0304)
        #expect(try reader.readUInt8(field: "byte") == 0xAB)
        #expect(try reader.readUTF8(field: "name") == "ssh-rsa")
        #expect(try reader.readUInt64(field: "u64") == 0x0102)
        #expect(reader.isAtEnd)
        #expect(throws: SSHKeyError.self) { try reader.readUInt8(field: "past the end") }

        var huge = SSHWireReader([0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3])
        let error = #expect(throws: SSHKeyError.self) { try huge.readString(field: "blob") }
        #expect(error?.code == .truncated)
        #expect(error?.message.contains("blob") == true, "the message names the field")

        var negative = SSHWireReader([1, 2])
        #expect(throws: SSHKeyError.self) { try negative.readBytes(-1, field: "negative count") }
    }

    /// Blobs whose every field is present but whose contents break the type's rules.
    static let badBlobs: [(name: String, blob: [UInt8])] = {
        func blob(_ build: (inout SSHWireWriter) -> Void) -> [UInt8] {
            var writer = SSHWireWriter()
            build(&writer)
            return writer.bytes
        }
        let offCurve = [0x04] + [UInt8](repeating: 7, count: 64)
        return [
            ("an Ed25519 key of 31 bytes", blob { $0.writeString("ssh-ed25519"); $0.writeString([UInt8](repeating: 1, count: 31)) }),
            ("an ECDSA point off the curve",
             blob { $0.writeString("ecdsa-sha2-nistp256"); $0.writeString("nistp256"); $0.writeString(offCurve) }),
            ("an ECDSA type naming another curve",
             blob { $0.writeString("ecdsa-sha2-nistp384"); $0.writeString("nistp256"); $0.writeString(offCurve) }),
            ("a compressed ECDSA point (OpenSSH writes only uncompressed ones)",
             blob { $0.writeString("ecdsa-sha2-nistp256"); $0.writeString("nistp256"); $0.writeString([0x02] + [UInt8](repeating: 7, count: 32)) }),
            ("an RSA key with a zero modulus", blob { $0.writeString("ssh-rsa"); $0.writeMPInt([1, 0, 1]); $0.writeMPInt([]) }),
            ("an RSA key with a negative modulus",
             blob { $0.writeString("ssh-rsa"); $0.writeMPInt([1, 0, 1]); $0.writeString([0x80, 1]) }),
            ("a name that is not UTF-8", blob { $0.writeString([0x73, 0x73, 0x68, 0xFF]) }),
        ]
    }()

    @Test("fields present but breaking the type's rules are malformed", arguments: badBlobs.indices)
    func badFields(_ index: Int) throws {
        let (name, blob) = Self.badBlobs[index]
        let error = #expect(throws: SSHKeyError.self, "\(name)") { try SSHPublicKey(wireRepresentation: blob) }
        #expect(error?.code == .malformed, "\(name): \(String(describing: error))")
    }

    @Test("an unknown algorithm is kept whole, its fields unread")
    func unknownAlgorithm() throws {
        var unknown = SSHWireWriter()
        unknown.writeString("ssh-future@example.com")
        unknown.writeBytes([1, 2, 3])  // not even a whole string: unknown types are not parsed further
        let key = try SSHPublicKey(wireRepresentation: unknown.bytes)
        #expect(key.algorithm == "ssh-future@example.com")
        #expect(key.wireRepresentation == unknown.bytes)
        #expect(key.bits == nil)
    }
}
