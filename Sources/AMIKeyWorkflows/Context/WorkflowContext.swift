import AWSCore

/// The outside world a workflow may touch, passed in whole so tests can replace any part of it.
public struct WorkflowContext: Sendable {
    /// Files.
    public var fileSystem: any FileSystem
    /// Environment variables.
    public var environment: [String: String]
    /// The user's home directory (for `~/.ssh`).
    public var homeDirectory: String
    /// The working directory (relative paths and the default search in `.`).
    public var currentDirectory: String
    /// Passphrases for encrypted keys.
    public var passphrases: PassphraseProvider
    /// How to reach AWS; nil for commands that work only on local files.
    public var aws: AWSAccess?
    /// Runs other programs (python3, ssh); nil for commands that run none.
    public var processes: (any ProcessRunner)?
    /// The time to wait with (bounded polls); nil for commands that never wait.
    public var clock: (any AWSClock)?
    /// Reads all of standard input (a path of `-`); empty for contexts without one.
    public var standardInput: @Sendable () -> [UInt8]

    /// Creates a context.
    public init(fileSystem: any FileSystem, environment: [String: String], homeDirectory: String,
                currentDirectory: String, passphrases: PassphraseProvider = .none, aws: AWSAccess? = nil,
                processes: (any ProcessRunner)? = nil, clock: (any AWSClock)? = nil,
                standardInput: @escaping @Sendable () -> [UInt8] = { [] }) {
        self.fileSystem = fileSystem
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.currentDirectory = currentDirectory
        self.passphrases = passphrases
        self.aws = aws
        self.processes = processes
        self.clock = clock
        self.standardInput = standardInput
    }

    /// The bytes of a file the user named, or of standard input for `-`.
    public func readInput(_ path: String) throws(FileSystemError) -> [UInt8] {
        path == "-" ? standardInput() : try fileSystem.read(resolve(path))
    }

    /// An absolute path for a path given by the user (`~` expanded, relative to the working directory).
    public func resolve(_ path: String) -> String {
        if path == "~" { return homeDirectory }
        if path.hasPrefix("~/") { return fileSystem.join(homeDirectory, String(path.dropFirst(2))) }
        if path.hasPrefix("/") { return path }
        return fileSystem.join(currentDirectory, path)
    }
}
