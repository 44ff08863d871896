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
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            guard count > 0 else { throw Self.error(errno, path) }
            bytes.append(contentsOf: chunk[..<count])
        }
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
