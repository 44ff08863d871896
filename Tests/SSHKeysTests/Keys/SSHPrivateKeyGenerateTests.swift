import AMIKeyTestSupport
import SSHKeys
import Testing

/// Keys made in process are real Ed25519 keys: ssh-keygen reads them and derives the same public key.
@Suite("SSHPrivateKey.generateEd25519")
struct SSHPrivateKeyGenerateTests {
    @Test("ssh-keygen -y derives the same public key from the written file; every key is new")
    func sshKeygenReadsIt() throws {
        let key = SSHPrivateKey.generateEd25519(comment: "K_A")
        let directory = try TempDirectory()
        let path = try directory.write("K_A", key.opensshRepresentation())
        let derived = try Oracle.run("ssh-keygen", ["-y", "-f", path]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(derived.hasPrefix(key.publicKey.openSSHRepresentation()))
        #expect(key.comment == "K_A")
        #expect(key.publicKey.algorithm == "ssh-ed25519")
        #expect(key.awsCreatedFingerprint == key.publicKey.awsImportedFingerprint)
        #expect(SSHPrivateKey.generateEd25519(comment: "K_A").publicKey != key.publicKey)
    }
}
