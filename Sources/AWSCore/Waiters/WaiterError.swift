/// Why a waiter stopped without reaching its success state, naming the waiter and what it last saw.
public struct WaiterError: Error, Hashable, CustomStringConvertible {
    /// How the waiter ended.
    public enum Reason: Sendable, Hashable {
        /// An acceptor with state `failure` matched; the text is its botocore-style explanation.
        case failureState(String)
        /// The service returned an error no acceptor expected (botocore: "An error occurred (Code): Message").
        case unexpectedError(code: String, message: String?)
        /// The attempt budget ran out before success or failure (botocore "Max attempts exceeded").
        case timedOut
    }

    /// The waiter's name (`ImageAvailable`).
    public let waiter: String
    /// How the waiter ended.
    public let reason: Reason
    /// Polls made.
    public let attempts: Int
    /// Time spent, measured on the waiter's clock.
    public let elapsed: Duration
    /// What the last poll saw (`Images[].State = pending`).
    public let lastState: String

    /// Builds the error; ``Waiter/wait(clock:isolation:progress:poll:)`` is the usual source.
    public init(waiter: String, reason: Reason, attempts: Int, elapsed: Duration, lastState: String) {
        self.waiter = waiter
        self.reason = reason
        self.attempts = attempts
        self.elapsed = elapsed
        self.lastState = lastState
    }

    /// One line for users, e.g. "Waiter ImageAvailable timed out after 40 attempts (9m 45s); last state: …".
    public var description: String {
        let spent = "\(attempts) attempt\(attempts == 1 ? "" : "s") (\(Self.format(elapsed)))"
        switch reason {
        case .timedOut:
            return "Waiter \(waiter) timed out after \(spent); last state: \(lastState)"
        case .failureState(let explanation):
            return "Waiter \(waiter) reached a failure state after \(spent): \(explanation); last state: \(lastState)"
        case .unexpectedError(let code, let message):
            return "Waiter \(waiter) stopped after \(spent): an error occurred (\(code)): \(message ?? "Unknown")"
        }
    }

    /// `1h 2m 5s`, `9m 45s`, `15s`, `0.2s`: whole seconds once past a minute.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 60 else {
            let tenths = (attoseconds / 100_000_000_000_000_000)
            return tenths == 0 || seconds >= 10 ? "\(seconds)s" : "\(seconds).\(tenths)s"
        }
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return hours > 0 ? "\(hours)h \(minutes)m \(rest)s" : "\(minutes)m \(rest)s"
    }
}
