import AMIKeyTestSupport
import EC2Evidence
import Foundation
import Testing

/// Replays every input in `Fuzz/corpus` through the EC2Evidence readers, as the fuzz target does: each must return;
/// none of those key files and mutations is a console log with cloud-init evidence. Random bytes and random cuts of
/// real client texts must not crash the pasted-error reader or the image-family inference either.
struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static let files: [String] = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()) ?? []

    @Test func corpusIsPresent() {
        #expect(Self.files.count >= 10, "Fuzz/corpus is missing")
    }

    @Test("no corpus input crashes the parser or reads as cloud-init output")
    func replay() throws {
        for name in Self.files {
            let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name)))
            let evidence = ConsoleLog.parse(bytes)
            #expect(!evidence.hasCloudInitEvidence, "\(name)")
            let pasted = SSHClientErrorText(bytes: bytes)
            #expect(pasted.lineCount >= (bytes.isEmpty ? 0 : 1), "\(name)")
            let text = String(decoding: bytes, as: UTF8.self)
            _ = ImageFamily.infer(ImageFacts(ownerId: text, ownerAlias: text, name: text, description: text,
                                             platformDetails: text, usageOperation: text, platform: text))
        }
    }

    /// Pieces of real messages, so random inputs reach the readers' branches rather than only their first checks.
    static let fragments = [
        "Permission denied (", "publickey,", "Load key \"", "\": ", "invalid format", "error in libcrypto", "bad permissions",
        "Unable to use key file \"", "\" (", "(new format))", "Authenticating to ", ":22 as '", "Authenticating with public key \"", "Connecting to ", " [", " port ",
        "Offering public key: ", " ED25519 SHA256:", "Server accepts key: ", "pkalg ", "Please login as the user \"", "\" rather than the user \"",
        "Their offer: ", "Couldn't agree a host key algorithm", "(available: ", "No supported authentication methods available", "(server sent: ",
        "We claim version: SSH-2.0-PuTTY_", "Release_", "OpenSSH_", "for_Windows_", "remote software version ", "Remote version: SSH-2.0-",
        "login as: ", "Using username \"", "Could not resolve hostname ", "for '", "' are too open", "ネットワークエラー: ", "鍵形式が新しすぎます",
        "al2023-ami-", "amzn2-ami-", "RunInstances:", "0010", "Red Hat", "137112412989", "ubuntu", "rhel", "\n", "\r", "\r\n", "\"", "'", ")", "@", ":",
    ]

    @Test("random bytes and random splices of message pieces never crash the readers")
    func random() {
        var generator = SplitMix64(seed: 0xA5EC_2E71_DE4C_E001)
        for round in 0..<3000 {
            let bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Self.fragments.randomElement(using: &generator)! }.joined()
                // Cut anywhere, even inside a multi-byte character.
                let utf8 = Array(text.utf8)
                bytes = Array(utf8.prefix(Int.random(in: 0...utf8.count, using: &generator)))
            }
            let pasted = SSHClientErrorText(bytes: bytes)
            #expect(pasted.symptoms.allSatisfy { $0.line >= 1 && $0.line <= pasted.lineCount })
            #expect(pasted.port.map { (0...65535).contains($0) } ?? true)
            let text = String(decoding: bytes, as: UTF8.self)
            let parts = text.split(separator: "\n", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
            let field = { (index: Int) in index < parts.count ? parts[index] : nil }
            let family = ImageFamily.infer(ImageFacts(ownerId: field(0), ownerAlias: field(1), name: field(2), description: field(3),
                                                      platformDetails: field(4), usageOperation: field(5), platform: field(6)))
            #expect(!family.defaultUsers.isEmpty)
        }
    }
}
