import Foundation
import Synchronization

/// Where a command's output goes: the process's streams, or a buffer in tests.
protocol OutputSink: Sendable {
    /// Writes to standard output.
    func write(_ text: String)
    /// Writes to standard error.
    func writeError(_ text: String)
}

/// The process's standard output and error.
struct StandardOutputSink: OutputSink {
    func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    func writeError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// Collects output in memory, for tests.
final class CapturedOutput: OutputSink {
    private let buffers = Mutex<(out: String, err: String)>(("", ""))

    init() {}

    func write(_ text: String) { buffers.withLock { $0.out += text } }
    func writeError(_ text: String) { buffers.withLock { $0.err += text } }

    /// Everything written to standard output.
    var standardOutput: String { buffers.withLock { $0.out } }
    /// Everything written to standard error.
    var standardError: String { buffers.withLock { $0.err } }
}
