import AMIKeyWorkflows
import Synchronization

/// A `FileSystem` held in a dictionary, so workflow tests never touch the disk or `$HOME`.
///
/// Paths are normalised (`.`, `..`, repeated slashes) the way the kernel resolves them, because workflows
/// join user-given paths such as `.` onto the working directory. A directory exists when it was made
/// explicitly or when some file lies under it. Modes given to `write` are recorded so tests can check them.
final class InMemoryFileSystem: FileSystem {
    private struct State {
        var files: [String: (bytes: [UInt8], mode: UInt16)] = [:]
        var directories: Set<String> = ["/"]
        var unreadable: Set<String> = []
    }

    private let state = Mutex(State())

    init() {}

    /// Adds a file (mode 0600, as ssh-keygen writes keys), creating its directories.
    func add(_ path: String, _ bytes: [UInt8], mode: UInt16 = 0o600) {
        let path = Self.normalize(path)
        state.withLock { state in
            state.files[path] = (bytes, mode)
            state.directories.formUnion(Self.ancestors(of: path))
        }
    }

    /// Adds a text file.
    func add(_ path: String, _ text: String, mode: UInt16 = 0o600) {
        add(path, Array(text.utf8), mode: mode)
    }

    /// Creates an (empty) directory and its parents.
    func makeDirectory(_ path: String) {
        let path = Self.normalize(path)
        state.withLock { $0.directories.formUnion(Self.ancestors(of: path) + [path]) }
    }

    /// Makes reading `path` fail with `permission-denied`, as a file owned by another user would.
    func denyReading(_ path: String) {
        let path = Self.normalize(path)
        state.withLock { _ = $0.unreadable.insert(path) }
    }

    func permissions(of path: String) -> UInt16? { mode(of: path) }

    /// The mode a file was written with; nil when there is no such file.
    func mode(of path: String) -> UInt16? {
        let path = Self.normalize(path)
        return state.withLock { $0.files[path]?.mode }
    }

    /// The contents of a file, for assertions; nil when there is no such file.
    func contents(of path: String) -> [UInt8]? {
        let path = Self.normalize(path)
        return state.withLock { $0.files[path]?.bytes }
    }

    /// The text of a file, for assertions; nil when there is no such file.
    func text(of path: String) -> String? {
        contents(of: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file path, sorted.
    var allFiles: [String] { state.withLock { $0.files.keys.sorted() } }

    // MARK: - FileSystem

    func remove(_ path: String) throws(FileSystemError) {
        let path = Self.normalize(path)
        let removed = state.withLock { state in
            state.files.removeValue(forKey: path) != nil || state.directories.remove(path) != nil
        }
        if !removed { throw FileSystemError(code: "not-found", message: "\(path): no such file or directory") }
    }

    func rename(_ path: String, to destination: String) throws(FileSystemError) {
        let (path, destination) = (Self.normalize(path), Self.normalize(destination))
        let moved = state.withLock { state in
            guard let file = state.files.removeValue(forKey: path) else { return false }
            state.files[destination] = file
            return true
        }
        if !moved { throw FileSystemError(code: "not-found", message: "\(path): no such file or directory") }
    }

    func createDirectory(_ path: String, mode: UInt16) throws(FileSystemError) {
        if kind(of: path) == .file { throw FileSystemError(code: "exists", message: "\(path) already exists and is not a directory") }
        makeDirectory(path)
    }

    func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        let path = Self.normalize(path)
        let found: [UInt8]? = state.withLock { state in
            state.unreadable.contains(path) ? nil : state.files[path]?.bytes
        }
        if let found { return found }
        switch kind(of: path) {
        case .directory: throw FileSystemError(code: "io", message: "\(path) is a directory")
        case .file: throw FileSystemError(code: "permission-denied", message: "\(path): permission denied")
        case nil: throw FileSystemError(code: "not-found", message: "\(path): no such file or directory")
        }
    }

    func kind(of path: String) -> FileKind? {
        let path = Self.normalize(path)
        return state.withLock { state in
            if state.files[path] != nil { return .file }
            return state.directories.contains(path) ? .directory : nil
        }
    }

    func list(_ directory: String) throws(FileSystemError) -> [String] {
        let directory = Self.normalize(directory)
        let names: [String]? = state.withLock { state in
            guard state.directories.contains(directory) else { return nil }
            let prefix = directory == "/" ? "/" : directory + "/"
            let children = (Array(state.files.keys) + Array(state.directories)).compactMap { path -> String? in
                guard path.hasPrefix(prefix), path != directory else { return nil }
                let rest = path.dropFirst(prefix.count)
                return rest.contains("/") ? nil : String(rest)
            }
            return Set(children).sorted()
        }
        guard let names else {
            throw kind(of: directory) == .file
                ? FileSystemError(code: "io", message: "\(directory) is not a directory")
                : FileSystemError(code: "not-found", message: "\(directory): no such file or directory")
        }
        return names
    }

    func size(of path: String) -> Int? {
        let path = Self.normalize(path)
        return state.withLock { $0.files[path]?.bytes.count }
    }

    func write(_ bytes: [UInt8], to path: String, mode: UInt16, overwrite: Bool) throws(FileSystemError) {
        let path = Self.normalize(path)
        let parent = Self.parent(of: path)
        let failure: FileSystemError? = state.withLock { state in
            if state.directories.contains(path) { return FileSystemError(code: "io", message: "\(path) is a directory") }
            guard state.directories.contains(parent) else {
                return FileSystemError(code: "not-found", message: "\(path): no such file or directory")
            }
            if state.files[path] != nil, !overwrite { return FileSystemError(code: "exists", message: "\(path) already exists") }
            state.files[path] = (bytes, mode)
            return nil
        }
        if let failure { throw failure }
    }

    // MARK: - Paths

    /// An absolute path without `.`, `..` or empty components; relative paths are taken from `/`.
    static func normalize(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    private static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = parent(of: path)
        while current != "/" {
            result.append(current)
            current = parent(of: current)
        }
        return result + ["/"]
    }
}
