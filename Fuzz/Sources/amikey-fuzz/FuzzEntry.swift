import SSHKeys

/// Feeds arbitrary bytes to every parser a user's files reach; any outcome but a crash or a hang is fine.
///
/// Built two ways: with `-sanitize=fuzzer -DFUZZING` (Fuzz/run.sh) libFuzzer drives `LLVMFuzzerTestOneInput`;
/// otherwise this is a replayer: `amikey-fuzz FILE...` runs each file once (how crashes are reproduced).
enum FuzzTarget {
    static func run(_ bytes: [UInt8]) {
        // No passphrase: key derivations with file-chosen costs would only measure the KDF, not the parsers.
        _ = try? KeyFile(contents: bytes, options: .publicOnly)
        _ = try? SSHPublicKey(wireRepresentation: bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? FingerprintQuery(text)
        _ = try? SSHPublicKey(openSSHRepresentation: text)
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
import Foundation

@main
enum Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            FuzzTarget.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }
}
#endif
