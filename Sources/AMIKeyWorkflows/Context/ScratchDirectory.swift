import Foundation

/// A private (0700) directory under `TMPDIR` for the files handed to ssh — public keys to probe with, pinned
/// known_hosts, a one-time key — removed with everything written to it when the work is done.
///
/// ```swift
/// let scratch = try ScratchDirectory(prefix: "amikey-probe", context: context)
/// defer { scratch.remove() }
/// let pins = try scratch.write("known_hosts", lines)
/// ```
struct ScratchDirectory {
    /// The directory.
    let path: String
    private let fileSystem: any FileSystem

    /// Creates `TMPDIR/PREFIX-UUID` with mode 0700.
    init(prefix: String, context: WorkflowContext) throws(FileSystemError) {
        fileSystem = context.fileSystem
        path = fileSystem.join(context.environment["TMPDIR"] ?? "/tmp", "\(prefix)-\(UUID().uuidString)")
        try fileSystem.createDirectory(path, mode: 0o700)
    }

    /// Writes a new file (mode 0600) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws(FileSystemError) -> String {
        let file = fileSystem.join(path, name)
        try fileSystem.write(Array(text.utf8), to: file, mode: 0o600, overwrite: false)
        return file
    }

    /// Removes every file in it, then the directory; what cannot be removed is left (it is private to the user).
    func remove() {
        for name in (try? fileSystem.list(path)) ?? [] { try? fileSystem.remove(fileSystem.join(path, name)) }
        try? fileSystem.remove(path)
    }
}
