import SSHKeys
import Synchronization

/// Where passphrases come from: a file or `AMIKEY_PASSPHRASE` first, else a no-echo prompt — never an argument.
///
/// The answer is remembered, so one run prompts at most once per key and a conversion can re-encrypt
/// with the passphrase the user already gave.
public final class PassphraseProvider: Sendable {
    /// A function that asks the user (no echo) and returns nil when no terminal is available.
    public typealias Prompt = @Sendable (_ question: String) -> [UInt8]?

    private let given: [UInt8]?
    private let prompt: Prompt?
    private let lastUsed = Mutex<[UInt8]?>(nil)

    /// Creates a provider from a passphrase read from a file or the environment, and an optional prompt.
    public init(given: [UInt8]?, prompt: Prompt?) {
        self.given = given
        self.prompt = prompt
    }

    /// No passphrases at all.
    public static let none = PassphraseProvider(given: nil, prompt: nil)

    /// Whether a passphrase is available without asking.
    public var hasGivenPassphrase: Bool { given != nil }

    /// The passphrase most recently supplied to a reader.
    public var lastPassphrase: [UInt8]? { lastUsed.withLock { $0 } }

    /// The source to hand to `KeyReadOptions`; with `mayPrompt` false only a given passphrase is used.
    public func source(mayPrompt: Bool) -> KeyReadOptions.PassphraseSource {
        { [self] description in
            let answer = given ?? (mayPrompt ? prompt?("Passphrase for \(description): ") : nil)
            if let answer { lastUsed.withLock { $0 = answer } }
            return answer
        }
    }
}
