import EC2Evidence
import Foundation
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
        // Console logs are pasted by users and cut anywhere by EC2's 64 KB window: total, so no `try`.
        _ = ConsoleLog.parse(bytes)
        // What users paste with `doctor --error`: total too.
        _ = SSHClientErrorText(bytes: bytes)
        // DescribeImages fields are free text for shared images: one line of the input per field.
        var fields = text.split(separator: "\n", maxSplits: 6, omittingEmptySubsequences: false).map(String.init)
        fields += Array(repeating: "", count: max(0, 7 - fields.count))
        _ = ImageFamily.infer(ImageFacts(ownerId: fields[0], ownerAlias: fields[1], name: fields[2], description: fields[3],
                                         platformDetails: fields[4], usageOperation: fields[5], platform: fields[6]))
    }
}

#if FUZZING
/// libFuzzer's driver (compiler-rt FuzzerDriver.cpp). SwiftPM links executables with `main` aliased to this
/// module's `@main`, so libFuzzer's own `main` is not used: `@main` hands control to the driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        let status = runFuzzerDriver(&argc, &argv) { data, size in
            FuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
        exit(status)
    }
}
#else
@main
enum Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            FuzzTarget.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
    }
}
#endif
