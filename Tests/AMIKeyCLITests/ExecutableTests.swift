import AMIKeyTestSupport
import Foundation
import Testing

/// The built `amikey` binary, run as a user runs it, to prove the executable is wired to the commands.
@Suite("amikey executable")
struct ExecutableTests {
    /// `.build/debug/amikey`, found next to the test bundle or from this file's place in the package.
    static func executable() throws -> String {
        var candidates: [URL] = []
        if let bundleDirectory = Bundle.main.executableURL?.deletingLastPathComponent() {
            candidates.append(bundleDirectory.appendingPathComponent("amikey"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/amikey"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Oracle.Failure(description: "amikey is not built (looked at \(candidates.map(\.path))); run `swift build --build-tests` first")
        }
        return found.path
    }

    /// A clean environment: no colour decisions or passphrases leak in from the developer's shell.
    static let environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "LANG": "C.UTF-8"]

    @Test("amikey --version")
    func version() throws {
        let run = try Oracle.execute(try Self.executable(), ["--version"], environment: Self.environment)
        #expect(run.status == 0)
        #expect(String(decoding: run.stdout, as: UTF8.self) == "0.1.0\n")
    }

    @Test("amikey fingerprint --output json")
    func fingerprint() throws {
        let keys = try CLIKeys.load()
        let directory = try TempDirectory()
        try keys.install(["rsa.pub"], in: directory)

        let run = try Oracle.execute(try Self.executable(), ["fingerprint", "--output", "json", "rsa.pub"],
                                   environment: Self.environment, directory: directory.path)

        #expect(run.status == 0, "\(run.stderr)")
        let item = try #require(try JSON.parse(String(decoding: run.stdout, as: UTF8.self))[0])
        #expect(item["source"]?.string == "rsa.pub")
        #expect(item["fingerprints"]?["sha256"]?.string == keys.rsaSHA256)
    }

    @Test("the process exit statuses: 3 when nothing could be read, 2 for a usage error", arguments: [
        (["fingerprint", "missing"], Int32(3)), (["convert", "x", "--to", "bogus"], 2), (["--passphrase", "x"], 2),
    ] as [([String], Int32)])
    func exitStatus(_ arguments: [String], _ status: Int32) throws {
        let directory = try TempDirectory()
        let run = try Oracle.execute(try Self.executable(), arguments, environment: Self.environment, directory: directory.path)
        #expect(run.status == status, "\(run.stderr)")
        #expect(!run.stderr.isEmpty)
    }
}
