import EC2Evidence

/// `amikey console-keys FILE|-`: what a saved EC2 console log says about the instance's authorized keys, host keys
/// and cloud-init.
///
/// ```swift
/// let report = ConsoleKeysWorkflow(path: "console.txt").run(context)
/// if case .success(let evidence) = report.result { … }
/// ```
public struct ConsoleKeysWorkflow: Sendable {
    /// What the run found.
    public struct Report: Sendable {
        /// The path as the user wrote it (`-` for standard input).
        public var source: String
        /// The evidence, or why the log could not be read.
        public var result: Result<ConsoleEvidence, FileSystemError>

        /// 0 evidence found, 1 no cloud-init evidence in the log, 3 the log could not be read.
        public var exitCode: Int32 {
            switch result {
            case .failure: 3
            case .success(let evidence): evidence.hasCloudInitEvidence ? 0 : 1
            }
        }
    }

    /// A file, or `-` for standard input.
    public var path: String

    /// Creates the workflow.
    public init(path: String) {
        self.path = path
    }

    /// Reads the log and parses it.
    public func run(_ context: WorkflowContext) -> Report {
        do {
            return Report(source: path, result: .success(ConsoleLog.parse(try context.readInput(path))))
        } catch {
            return Report(source: path, result: .failure(error))
        }
    }
}
