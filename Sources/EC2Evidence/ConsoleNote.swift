/// Something in a console log that was damaged, cut or not understood, named by its line.
public struct ConsoleNote: Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number in the log as given.
    public var line: Int
    /// What was wrong, in words.
    public var message: String

    /// Creates a note.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
