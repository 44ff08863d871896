import AMIKeyWorkflows
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The real file system, through POSIX calls so modes are exact and nothing is overwritten by accident.
struct LocalFileSystem: FileSystem {
    func read(_ path: String) throws(FileSystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Self.error(errno, path) }
        defer { close(descriptor) }
        var info = stat()
        // Sized from fstat so a directory of small key files costs one allocation each; the loop still
        // copes with files that grow or report no size (pipes, /proc).
        let expected = fstat(descriptor, &info) == 0 ? max(Int(info.st_size), 0) : 0
        var bytes = [UInt8](repeating: 0, count: max(expected, 4096))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: bytes.count)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            guard count >= 0 else { throw Self.error(errno, path) }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    func kind(of path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    func list(_ directory: String) throws(FileSystemError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw FileSystemError(code: "permission-denied", message: "\(directory): cannot list the directory")
        }
    }

    func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    func permissions(of path: String) -> UInt16? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt16(truncatingIfNeeded: info.st_mode & 0o7777)
    }

    func write(_ bytes: [UInt8], to path: String, mode: UInt16, overwrite: Bool) throws(FileSystemError) {
        // O_EXCL makes "never overwrite" atomic; with overwrite the mode is reset too, since O_CREAT keeps an old one.
        let flags = O_WRONLY | O_CREAT | (overwrite ? O_TRUNC : O_EXCL)
        let descriptor = open(path, flags, mode_t(mode))
        guard descriptor >= 0 else { throw Self.error(errno, path) }
        defer { close(descriptor) }
        guard fchmod(descriptor, mode_t(mode)) == 0 else { throw Self.error(errno, path) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else { throw Self.error(errno, path) }
            written += result
        }
    }

    func createDirectory(_ path: String, mode: UInt16) throws(FileSystemError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            // Parents get the umask's mode, as `mkdir -p` gives them; only the last one is chmod-ed.
            if mkdir(prefix, 0o755) != 0, errno != EEXIST { throw Self.error(errno, prefix) }
        }
        guard kind(of: path) == .directory else {
            throw FileSystemError(code: "exists", message: "\(path) already exists and is not a directory")
        }
        guard chmod(path, mode_t(mode)) == 0 else { throw Self.error(errno, path) }
    }

    func remove(_ path: String) throws(FileSystemError) {
        if unlink(path) == 0 { return }
        // unlink refuses directories (EISDIR on Linux, EPERM on macOS); rmdir takes empty ones.
        guard kind(of: path) == .directory, rmdir(path) == 0 else { throw Self.error(errno, path) }
    }

    func rename(_ path: String, to destination: String) throws(FileSystemError) {
        guard Glibc.rename(path, destination) == 0 else { throw Self.error(errno, path) }
    }

    private static func error(_ code: Int32, _ path: String) -> FileSystemError {
        switch code {
        case ENOENT: FileSystemError(code: "not-found", message: "\(path): no such file or directory")
        case EACCES, EPERM: FileSystemError(code: "permission-denied", message: "\(path): permission denied")
        case EEXIST: FileSystemError(code: "exists", message: "\(path) already exists")
        case EISDIR: FileSystemError(code: "io", message: "\(path) is a directory")
        default: FileSystemError(code: "io", message: "\(path): \(String(cString: strerror(code)))")
        }
    }
}
