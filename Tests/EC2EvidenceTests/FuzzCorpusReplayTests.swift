import EC2Evidence
import Foundation
import Testing

/// Replays every input in `Fuzz/corpus` through `ConsoleLog.parse`, as the fuzz target does: it must return, and
/// none of those key files and mutations is a console log with cloud-init evidence.
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
            let evidence = ConsoleLog.parse(Array(try Data(contentsOf: Self.corpus.appendingPathComponent(name))))
            #expect(!evidence.hasCloudInitEvidence, "\(name)")
        }
    }
}
