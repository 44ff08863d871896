import SSHKeys

/// One key found while scanning paths, or one input that could not be read.
public struct ScannedKey: Sendable {
    /// `path` or `path:LINE`, as the user wrote the path.
    public var source: String
    /// The key, or why it could not be read.
    public var result: Result<KeyFileEntry, ScanError>
}

/// Why an input yielded no key: a key-file error or a file-system error, with a stable code.
public struct ScanError: Error, Sendable, CustomStringConvertible {
    /// Stable code for JSON (`truncated`, `passphrase-required`, `not-found`, …).
    public var code: String
    /// A sentence for people.
    public var message: String

    /// The message.
    public var description: String { message }

    /// With `lineInMessage`, a line past the first that the error points at is named in the message (`line 12: …`).
    init(_ error: SSHKeyError, lineInMessage: Bool = false) {
        code = error.code.rawValue
        message = lineInMessage && (error.line ?? 1) > 1 ? error.description : error.message
    }

    /// The path is the item's source, so the message leaves out the resolved path the file system named.
    init(_ error: FileSystemError, path: String) {
        code = error.code
        message = error.reason(for: path)
    }
}

/// Walks files and directories and reads every key in them.
///
/// Paths named explicitly always report what went wrong; inside directories, files that are not key
/// files at all (READMEs, `config`, `known_hosts`) are passed over silently, as `ssh-keygen -l` users expect.
struct KeyScanner {
    /// Files larger than this are not key files.
    static let maximumFileSize = 1 << 20
    /// Names in `~/.ssh` that hold keys of other hosts or settings, never the user's keys.
    static let ignoredNames: Set<String> = ["known_hosts", "known_hosts.old", "known_hosts2", "config", "environment", "rc"]

    let context: WorkflowContext
    let options: KeyReadOptions
    /// Whether a path given that does not exist is reported; false for default search paths (`~/.ssh` may not exist).
    var reportsMissingPaths = true
    /// How many directory levels below a given path are searched.
    var maximumDepth = 8

    /// Every key under the given paths, in order.
    func scan(_ paths: [String]) -> [ScannedKey] {
        paths.flatMap { path in scan(path: path, explicit: true, depth: 0) }
    }

    private func scan(path: String, explicit: Bool, depth: Int) -> [ScannedKey] {
        let absolute = context.resolve(path)
        switch context.fileSystem.kind(of: absolute) {
        case nil:
            guard explicit, reportsMissingPaths else { return [] }
            return [failure(path, FileSystemError(code: "not-found", message: "no such file or directory"), resolved: absolute)]
        case .directory:
            guard depth < maximumDepth else { return [] }
            do {
                return try context.fileSystem.list(absolute)
                    .filter { !$0.hasPrefix(".") && !Self.ignoredNames.contains($0) }
                    .flatMap { scan(path: context.fileSystem.join(path, $0), explicit: false, depth: depth + 1) }
            } catch {
                return [failure(path, error, resolved: absolute)]
            }
        case .file:
            return readFile(path: path, absolute: absolute, explicit: explicit)
        }
    }

    private func readFile(path: String, absolute: String, explicit: Bool) -> [ScannedKey] {
        if let size = context.fileSystem.size(of: absolute), size > Self.maximumFileSize {
            return explicit ? [failure(path, SSHKeyError(.unrecognizedFormat, "\(size) bytes: too large to be a key file"))] : []
        }
        let bytes: [UInt8]
        do {
            bytes = try context.fileSystem.read(absolute)
        } catch {
            return [failure(path, error, resolved: absolute)]
        }
        // Inside directories only files that look like key files are read, so a README that mentions
        // ssh-keygen or a TLS certificate next to the keys is not reported as a broken key.
        if !explicit, !KeyFile.mightHoldKeys(bytes) { return [] }
        if Self.isConsoleOutput(bytes) {
            return explicit ? [wholeFileFailure(path, Self.consoleOutputError(path))] : []
        }
        var file: KeyFile
        do throws(SSHKeyError) {
            file = try KeyFile(contents: bytes, options: options)
        } catch where error.code == .wrongPassphrase && options.decryptPrivateKeys {
            // One passphrase is given for the whole run; a key protected by another one still has a public
            // part in clear (OpenSSH, PPK), which must not be lost. Encrypted PEM fails again and is reported.
            var publicOnly = options
            publicOnly.decryptPrivateKeys = false
            guard let reread = try? KeyFile(contents: bytes, options: publicOnly) else {
                return [wholeFileFailure(path, error)]
            }
            file = reread
            for index in file.entries.indices {
                file.entries[index].notes.append("the passphrase given does not open this key; only the public part was read")
            }
        } catch {
            if !explicit, error.code == .unrecognizedFormat { return [] }
            return [wholeFileFailure(path, error)]
        }
        // A file with one key line (a `.pub`), read or not, is named by its path alone.
        let lineOriented = file.entries.count + file.errors.count > 1
            || file.entries.contains { $0.format == .authorizedKeys }
        if !lineOriented, let error = file.errors.first { return [wholeFileFailure(path, error)] }
        // Several keys in one PEM file are told apart by the lines of their BEGIN markers.
        var results = file.entries.map { entry in
            ScannedKey(source: lineOriented ? "\(path):\(entry.line ?? 1)" : path, result: .success(entry))
        }
        results += file.errors.map { failure("\(path):\($0.line ?? 0)", $0) }
        return results.sorted { lineNumber($0.source) < lineNumber($1.source) }
    }

    /// Whether the bytes are an instance's console log (GetConsoleOutput, the console's "Get system log"): it holds
    /// keys in cloud-init's tables and host-key block, yet is no key file.
    private static func isConsoleOutput(_ bytes: [UInt8]) -> Bool {
        ["ci-info: ", "-----BEGIN SSH HOST KEY KEYS-----"].contains { bytes.firstRange(of: Array($0.utf8)) != nil }
    }

    /// Names the command that reads a console log.
    private static func consoleOutputError(_ path: String) -> SSHKeyError {
        SSHKeyError(.unrecognizedFormat, "an EC2 console output, not a key file: amikey console-keys "
            + "\(SuggestedCommands.quoted(path)) lists the keys cloud-init installed and the host keys")
    }

    private func lineNumber(_ source: String) -> Int {
        source.split(separator: ":").last.flatMap { Int($0) } ?? 0
    }

    /// A file that yielded nothing is one item under its path, as a file that was read would be; the line
    /// (a PEM block, a PPK header) goes into the message, since `path:LINE` sources are for one key per line.
    private func wholeFileFailure(_ path: String, _ error: SSHKeyError) -> ScannedKey {
        ScannedKey(source: path, result: .failure(ScanError(error, lineInMessage: true)))
    }

    private func failure(_ source: String, _ error: SSHKeyError) -> ScannedKey {
        ScannedKey(source: source, result: .failure(ScanError(error)))
    }

    private func failure(_ source: String, _ error: FileSystemError, resolved: String) -> ScannedKey {
        ScannedKey(source: source, result: .failure(ScanError(error, path: resolved)))
    }
}
