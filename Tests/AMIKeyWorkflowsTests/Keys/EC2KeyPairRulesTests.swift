import AMIKeyWorkflows
import Testing

@testable import SSHKeys

/// The RSA size limits of ImportKeyPair (1024 to 4096 bits) and EC2 Instance Connect (2048 or 4096), at and
/// around each boundary; the sizes ssh-keygen makes are covered through the CLI in ImportKeyCommandTests.
@Suite("EC2KeyPairRules")
struct EC2KeyPairRulesTests {
    /// An RSA key whose modulus has exactly `bits` bits; the rules look only at the size.
    private static func rsa(bits: Int) -> SSHPublicKey {
        var modulus = [UInt8](repeating: 0x5A, count: (bits + 7) / 8)
        let topBit = (bits - 1) % 8
        modulus[0] = UInt8(1 << topBit) | (UInt8((1 << topBit) - 1) & 0x5A)
        return SSHPublicKey(algorithm: "ssh-rsa", backing: .rsa(exponent: [1, 0, 1], modulus: modulus))
    }

    @Test(
        "RSA sizes: refused outside 1024...4096, warned below 2048 and off Instance Connect's 2048/4096",
        arguments: [
            (1023, "rsa-size-not-importable", 0), (1024, nil, 2), (2047, nil, 2), (2048, nil, 0), (2049, nil, 1),
            (3072, nil, 1), (4095, nil, 1), (4096, nil, 0), (4097, "rsa-size-not-importable", 0),
        ] as [(Int, String?, Int)])
    func rsaSizes(_ bits: Int, _ refusal: String?, _ warnings: Int) {
        let key = Self.rsa(bits: bits)
        #expect(key.bits == bits)
        #expect(EC2KeyPairRules.refusal(of: key)?.code == refusal)
        #expect(EC2KeyPairRules.warnings(for: key).count == warnings)
        if refusal != nil {
            #expect(EC2KeyPairRules.refusal(of: key)?.reason == "EC2 imports RSA keys of 1024 to 4096 bits; this one has \(bits)")
            #expect(EC2KeyPairRules.importability(of: key).importable == false)
        }
    }

    @Test("Ed25519 is taken without a warning")
    func ed25519() {
        let key = SSHPublicKey(algorithm: "ssh-ed25519", backing: .ed25519([UInt8](repeating: 7, count: 32)))
        #expect(EC2KeyPairRules.refusal(of: key) == nil)
        #expect(EC2KeyPairRules.warnings(for: key).isEmpty)
        #expect(EC2KeyPairRules.importability(of: key) == (true, []))
    }
}
