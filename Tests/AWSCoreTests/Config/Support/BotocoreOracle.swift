import Foundation

/// Runs the installed botocore (the library the AWS CLI is built on) as an oracle: the same inputs go to botocore
/// and to our resolver, and the answers must agree. Missing Python or botocore fails the test with the install
/// command; oracle tests never skip.
enum BotocoreOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `script` with `input` (JSON) on stdin and decodes its JSON stdout.
    static func run<Output: Decodable>(_ script: String, input: some Encodable, as _: Output.Type) throws -> Output {
        let python = try executable("python3")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        environment["PYTHONUTF8"] = "1"
        process.environment = environment
        let (stdin, stdout, stderr) = (Pipe(), Pipe(), Pipe())
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let errors = ErrorCollector()
        DispatchQueue.global().async { errors.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        stdin.fileHandleForWriting.write(try JSONEncoder().encode(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let message = String(decoding: errors.wait(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "botocore oracle failed (\(process.terminationStatus)): \(message)\n"
                    + "The oracle needs Python 3 with botocore: pip install botocore (moto[server] installs it too).")
        }
        return try JSONDecoder().decode(Output.self, from: output)
    }

    private static func executable(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        throw Failure(description: "\(name) is not on PATH; the botocore oracle tests need Python 3 with botocore")
    }

    private final class ErrorCollector: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()
        func set(_ data: Data) {
            self.data = data
            done.signal()
        }
        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
