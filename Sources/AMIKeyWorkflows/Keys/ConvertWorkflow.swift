import SSHKeys

/// `amikey convert`: one key file into another format, keeping the key and saying what the target loses.
///
/// ## Usage
/// ```swift
/// let result = try ConvertWorkflow(path: "old.ppk", target: .openssh, output: "id_rsa").run(context)
/// ```
public struct ConvertWorkflow: Sendable {
    /// Formats amikey writes.
    public enum Target: String, Sendable, CaseIterable {
        /// A `.pub` line.
        case opensshPublic = "openssh-public"
        /// `openssh-key-v1` private key.
        case openssh
        /// PEM private key (PKCS#1, SEC1, DSA, or PKCS#8 for Ed25519).
        case pem
        /// PuTTY `.ppk`.
        case ppk
    }

    /// What was produced.
    public struct Result: Sendable {
        /// The input path as given.
        public var source: String
        /// The format written.
        public var target: Target
        /// Where it was written; nil when printed (public output only).
        public var output: String?
        /// The converted text (public output; private output is only ever written to the file).
        public var text: String?
        /// Whether the output is protected by a passphrase.
        public var encrypted: Bool
        /// What the target format cannot hold or who cannot read it.
        public var warnings: [String]
    }

    /// The input path.
    public var path: String
    /// The output format.
    public var target: Target
    /// Output path; required for private outputs.
    public var output: String?
    /// PPK version for `.ppk` output.
    public var ppkVersion: Int
    /// Replace an existing output file.
    public var force: Bool
    /// Write the private key without a passphrase even when the input had one.
    public var removePassphrase: Bool
    /// A new passphrase for the output (from a file, never an argument).
    public var newPassphrase: [UInt8]?

    /// Creates the workflow.
    public init(path: String, target: Target, output: String? = nil, ppkVersion: Int = 3, force: Bool = false,
                removePassphrase: Bool = false, newPassphrase: [UInt8]? = nil) {
        self.path = path
        self.target = target
        self.output = output
        self.ppkVersion = ppkVersion
        self.force = force
        self.removePassphrase = removePassphrase
        self.newPassphrase = newPassphrase
    }

    /// A conversion failure, worded for the user, with the exit code it deserves.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// Stable code, as in `SSHKeyError.Code` or the file-system codes.
        public var code: String
        /// What went wrong and what to do.
        public var message: String
        /// 2 for a usage problem, 3 when nothing could be done.
        public var exitCode: Int32
        /// The message.
        public var description: String { message }
    }

    /// Reads, converts and writes; private output files are created with mode 0600 and never overwritten without `force`.
    public func run(_ context: WorkflowContext) throws(Failure) -> Result {
        guard target != .ppk || [2, 3].contains(ppkVersion) else {
            throw Failure(code: "usage", message: "--ppk-version must be 2 or 3", exitCode: 2)
        }
        let entry = try readSingleKey(context)
        var warnings = entry.publicKey.weaknesses
        if target == .opensshPublic {
            let text = entry.opensshPublicLine + "\n"
            return try finish(Result(source: path, target: target, output: output, text: text, encrypted: false,
                                     warnings: warnings), bytes: Array(text.utf8), mode: 0o644, context)
        }
        guard let key = entry.privateKey else {
            throw Failure(code: SSHKeyError.Code.cannotRepresent.rawValue,
                          message: "\(path) holds only a public key; \(target.rawValue) output needs the private key", exitCode: 3)
        }
        guard let output else {
            throw Failure(code: "usage", message: "private keys are only written to a file: add -o FILE (created with mode 0600)",
                          exitCode: 2)
        }
        // An empty passphrase means none, as with `ssh-keygen -N ''` (and bcrypt_pbkdf refuses an empty one).
        let passphrase = (newPassphrase ?? (removePassphrase || !entry.isEncrypted ? nil : context.passphrases.lastPassphrase))
            .flatMap { $0.isEmpty ? nil : $0 }
        let text: String
        do {
            switch target {
            case .openssh:
                text = key.opensshRepresentation(passphrase: passphrase)
            case .pem:
                text = try key.pemRepresentation(passphrase: passphrase)
                if !key.comment.isEmpty { warnings.append("PEM has no comment field: \"\(key.comment)\" is dropped") }
                if key.publicKey.algorithm == "ssh-ed25519" {
                    warnings.append("Ed25519 PEM is PKCS#8: OpenSSH before 9.6 and PuTTYgen cannot read it; prefer --to openssh")
                }
            case .ppk:
                text = try key.ppkRepresentation(version: ppkVersion, passphrase: passphrase)
                if ppkVersion == 3 { warnings.append("PPK version 3 needs PuTTY 0.75 or later; use --ppk-version 2 for older PuTTY") }
            case .opensshPublic:
                preconditionFailure("handled above")
            }
        } catch {
            throw Failure(code: error.code.rawValue, message: "\(path): \(error.message)", exitCode: 3)
        }
        if passphrase == nil {
            warnings.append("the private key is written without a passphrase; keep \(output) private")
        }
        return try finish(Result(source: path, target: target, output: output, text: nil, encrypted: passphrase != nil,
                                 warnings: warnings), bytes: Array(text.utf8), mode: 0o600, context)
    }

    private func readSingleKey(_ context: WorkflowContext) throws(Failure) -> KeyFileEntry {
        // A public line needs no passphrase, but one given up front recovers the comment stored with the key.
        let decrypt = target != .opensshPublic || context.passphrases.hasGivenPassphrase
        let options = KeyReadOptions(passphrase: context.passphrases.source(mayPrompt: true), decryptPrivateKeys: decrypt)
        let file: KeyFile
        do {
            let bytes = try context.fileSystem.read(context.resolve(path))
            do { file = try KeyFile(contents: bytes, options: options) } catch {
                let place = error.line.map { "\(path):\($0)" } ?? path
                throw Failure(code: error.code.rawValue, message: "\(place): \(error.message)", exitCode: 3)
            }
        } catch let failure as Failure {
            throw failure
        } catch let error as FileSystemError {
            throw Failure(code: error.code, message: "\(path): \(error.reason(for: context.resolve(path)))", exitCode: 3)
        } catch {
            throw Failure(code: "io", message: "\(path): \(error)", exitCode: 3)
        }
        guard file.entries.count == 1, let entry = file.entries.first else {
            throw Failure(code: "usage", message: "\(path) holds \(file.entries.count) keys; convert a file holding exactly one",
                          exitCode: 2)
        }
        if target != .opensshPublic, entry.isEncrypted, entry.privateKey == nil {
            throw Failure(code: SSHKeyError.Code.passphraseRequired.rawValue,
                          message: "\(path) is encrypted; give its passphrase with --passphrase-file FILE or AMIKEY_PASSPHRASE, or run on a terminal to be asked",
                          exitCode: 3)
        }
        return entry
    }

    private func finish(_ result: Result, bytes: [UInt8], mode: UInt16, _ context: WorkflowContext) throws(Failure) -> Result {
        guard let output else { return result }
        do {
            try context.fileSystem.write(bytes, to: context.resolve(output), mode: mode, overwrite: force)
        } catch {
            let hint = error.code == "exists" ? "; add --force to replace it" : ""
            throw Failure(code: error.code, message: "\(output): \(error.reason(for: context.resolve(output)))" + hint, exitCode: 3)
        }
        var written = result
        written.text = mode == 0o600 ? nil : result.text
        return written
    }
}
