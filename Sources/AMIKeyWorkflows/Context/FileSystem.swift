/// What a path is.
public enum FileKind: Sendable, Equatable {
    /// A regular file (or a link to one).
    case file
    /// A directory.
    case directory
}

/// A file-system failure, worded for the user.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable code: `not-found`, `permission-denied`, `exists`, `io`.
    public var code: String
    /// What happened, naming the path.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The message without the path it starts with (`no such file or directory`), for callers that name
    /// the path themselves, as the user wrote it rather than as resolved.
    public func reason(for path: String) -> String {
        guard message.hasPrefix(path) else { return message }
        let rest = message.dropFirst(path.count)
        return String(rest.hasPrefix(": ") ? rest.dropFirst(2) : rest.drop { $0 == " " })
    }
}

/// The file system as workflows see it, so tests can run against memory and never touch `$HOME`.
public protocol FileSystem: Sendable {
    /// The whole contents of a file.
    func read(_ path: String) throws(FileSystemError) -> [UInt8]
    /// Whether the path is a file or directory; nil when it does not exist.
    func kind(of path: String) -> FileKind?
    /// Entry names in a directory, sorted.
    func list(_ directory: String) throws(FileSystemError) -> [String]
    /// Size in bytes of a file.
    func size(of path: String) -> Int?
    /// The permission bits (`0o600`), or nil when the path cannot be examined.
    func permissions(of path: String) -> UInt16?
    /// Writes a file with the given mode; without `overwrite`, an existing file is an `exists` error.
    func write(_ bytes: [UInt8], to path: String, mode: UInt16, overwrite: Bool) throws(FileSystemError)
    /// Creates a directory and any missing parents; the directory itself ends up with exactly `mode`, even when it
    /// already existed (a lab or key directory must not stay readable by others).
    func createDirectory(_ path: String, mode: UInt16) throws(FileSystemError)
    /// Removes a file, or an empty directory.
    func remove(_ path: String) throws(FileSystemError)
    /// Moves a file over `destination` in one step (POSIX `rename`), so a reader sees the old file or the new one,
    /// never half of either: how journals are replaced.
    func rename(_ path: String, to destination: String) throws(FileSystemError)
}

extension FileSystem {
    /// Joins a directory and a name.
    public func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
