import Foundation

/// Public keys made at test time by `ssh-keygen` (the oracle tool DESIGN.md lists), for calls that import them.
public enum TestKeys {
    /// A fresh Ed25519 public key line, `ssh-ed25519 AAAA… amikey-test`.
    public static func freshPublicKey() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("amikey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyPath = directory.appendingPathComponent("key").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "amikey-test", "-f", keyPath]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw KeygenFailed(status: process.terminationStatus) }
        return try String(contentsOfFile: keyPath + ".pub", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `ssh-keygen` failed.
    public struct KeygenFailed: Error, CustomStringConvertible {
        /// Its exit status.
        public let status: Int32
        /// What failed.
        public var description: String { "ssh-keygen exited with status \(status)" }
    }
}
