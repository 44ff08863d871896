import Foundation
import Testing

@testable import SSHKeys

/// Replays every input in `Fuzz/corpus` through the parsers the fuzzer drives: each must give a key or a thrown
/// error, never a crash. Seeds (`seed-*`) are real key files and must also read successfully.
struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()) ?? []

    @Test func corpusIsPresent() {
        #expect(Self.files.filter { $0.hasPrefix("seed-") }.count >= 10, "Fuzz/corpus seeds are missing")
    }

    @Test(arguments: files)
    func inputDoesNotCrash(_ name: String) throws {
        let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
        let file = Result { () throws(SSHKeyError) in try KeyFile(contents: bytes, options: .publicOnly) }
        _ = try? SSHPublicKey(wireRepresentation: bytes)
        _ = try? FingerprintQuery(String(decoding: bytes, as: UTF8.self))
        switch name {
        case "seed-fingerprint":
            break
        case "seed-pem-encrypted":
            // Legacy-encrypted PEM has no public key in clear: without a passphrase it must say so.
            #expect(throws: SSHKeyError.self) { try file.get() }
            if case .failure(let error) = file { #expect(error.code == .passphraseRequired) }
        case _ where name.hasPrefix("seed-"):
            #expect((try? file.get())?.entries.isEmpty == false, "seed \(name) should read as a key file")
        default:
            break
        }
    }
}
