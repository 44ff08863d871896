import Foundation
import SSHKeys

/// The demo's two key files, K_A (account A's original key) and K_B (the new key B launches with): Ed25519 keys
/// made in process and kept 0600 in `DIR/demo`, reused on the next run so the key pairs stay the same.
struct LabDemoKeys {
    /// One key: where its private half is and its public line (the only part ever sent to AWS).
    struct Key {
        var name: String
        var privateKeyPath: String
        var publicKey: SSHPublicKey
        var publicLine: String
        /// Whether this run made the key (false: an earlier run's file was reused).
        var generated: Bool
        /// `NAME.pub`, next to the private key.
        var publicKeyPath: String { privateKeyPath + ".pub" }
    }

    /// The key named `name` in `directory`: the existing `NAME` and `NAME.pub`, else a fresh pair written there.
    static func load(_ name: String, in directory: String, _ fileSystem: any FileSystem) throws(LabFailure) -> Key {
        let privatePath = fileSystem.join(directory, name)
        let publicPath = privatePath + ".pub"
        if fileSystem.kind(of: privatePath) == .file, let bytes = try? fileSystem.read(publicPath),
            let line = String(validating: bytes, as: UTF8.self)?.trimmingCharacters(in: .whitespacesAndNewlines),
            let key = try? SSHPublicKey(openSSHRepresentation: line)
        {
            return Key(name: name, privateKeyPath: privatePath, publicKey: key, publicLine: line, generated: false)
        }
        let key = SSHPrivateKey.generateEd25519(comment: name)
        let line = key.publicKey.openSSHRepresentation(comment: name)
        do {
            try fileSystem.write(Array(key.opensshRepresentation().utf8), to: privatePath, mode: 0o600, overwrite: true)
            try fileSystem.write(Array((line + "\n").utf8), to: publicPath, mode: 0o600, overwrite: true)
        } catch {
            throw LabFailure(code: "demo-failed", message: "cannot write the demo key \(privatePath): \(error)")
        }
        return Key(name: name, privateKeyPath: privatePath, publicKey: key.publicKey, publicLine: line, generated: true)
    }
}
