import AMIKeyWorkflows
import Synchronization

/// An in-memory machine: a home directory, a working directory, and the files a test puts there.
struct Sandbox {
    static let home = "/home/user"
    static let workingDirectory = "/srv/project"

    let fileSystem = InMemoryFileSystem()

    init() {
        fileSystem.makeDirectory(Self.workingDirectory)
    }

    /// Puts a file at a path relative to the working directory (or absolute, or under `~/`).
    func add(_ path: String, _ bytes: [UInt8]) {
        fileSystem.add(absolute(path), bytes)
    }

    func add(_ path: String, _ text: String) {
        add(path, Array(text.utf8))
    }

    /// The absolute path of a path written as a user would.
    func absolute(_ path: String) -> String {
        context().resolve(path)
    }

    /// A context over the sandbox; the passphrase is "given" as if from a file or `AMIKEY_PASSPHRASE`.
    func context(passphrase: String? = nil, prompt: PassphraseProvider.Prompt? = nil) -> WorkflowContext {
        WorkflowContext(fileSystem: fileSystem, environment: [:], homeDirectory: Self.home,
                        currentDirectory: Self.workingDirectory,
                        passphrases: PassphraseProvider(given: passphrase.map { Array($0.utf8) }, prompt: prompt))
    }
}

/// A prompt that answers with a fixed passphrase and records every question, to prove when amikey asks.
final class RecordingPrompt: Sendable {
    private let questions = Mutex<[String]>([])
    private let answer: String?

    init(answering answer: String?) {
        self.answer = answer
    }

    /// The questions asked so far.
    var asked: [String] { questions.withLock { $0 } }

    /// The prompt to hand to a `PassphraseProvider`.
    var prompt: PassphraseProvider.Prompt {
        { [self] question in
            questions.withLock { $0.append(question) }
            return answer.map { Array($0.utf8) }
        }
    }
}
