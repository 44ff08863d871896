import AWSCore
import AWSServices
import SSHKeys

extension ImportKeyWorkflow {
    /// The keys the request names, each with its key pair name, in file order.
    func candidates(_ request: ImportKeyRequest, context: WorkflowContext) async throws(ImportKeyFailure) -> [Candidate] {
        switch request.source {
        case .file(let path):
            let file = try read(path, context: context, options: KeyReadOptions(passphrase: context.passphrases.source(mayPrompt: true)))
            if file.entries.count == 1, let entry = file.entries.first {
                return [Candidate(keyName: request.name, source: path, key: .success((entry.publicKey, entry.comment)))]
            }
            if file.entries.isEmpty, let error = file.errors.first {
                throw ImportKeyFailure(code: error.code.rawValue, message: "\(path): \(error)")
            }
            throw ImportKeyFailure(
                code: "several-keys",
                message: "\(path) holds \(file.entries.count) keys (lines \(Self.lines(file))); choose one with --from-authorized-keys \(path) --line K, or import each with --all",
                exitCode: 2)
        case .authorizedKeys(let path, let selection):
            let file = try read(path, context: context, options: .publicOnly)
            return try select(selection, from: file, path: path, name: request.name)
        case .host(let host, let selection):
            let file = try await readAuthorizedKeys(host, context: context)
            return try select(selection, from: file, path: host.label, name: request.name)
        case .keyPair(let name, let profile):
            return [try await sourceKeyPair(name, profile: profile, context: context, keyName: request.name)]
        }
    }

    /// Reads and parses a key file; a file that cannot be read or holds no key at all is a failure.
    private func read(_ path: String, context: WorkflowContext, options: KeyReadOptions) throws(ImportKeyFailure) -> KeyFile {
        let absolute = context.resolve(path)
        let bytes: [UInt8]
        do {
            bytes = try context.fileSystem.read(absolute)
        } catch {
            throw ImportKeyFailure(code: error.code, message: "cannot read \(path): \(error.reason(for: absolute))")
        }
        do {
            return try KeyFile(contents: bytes, options: options)
        } catch {
            throw ImportKeyFailure(code: error.code.rawValue, message: "\(path): \(error)")
        }
    }

    /// The `authorized_keys` lines chosen; with `--all`, lines that could not be read become failed items.
    func select(_ selection: ImportKeyRequest.Selection, from file: KeyFile, path: String, name: String)
        throws(ImportKeyFailure) -> [Candidate]
    {
        func candidate(_ entry: KeyFileEntry, keyName: String) -> Candidate {
            // Only type, blob and comment are kept: the line's options (command=, from=) are not part of a key pair.
            Candidate(keyName: keyName, source: "\(path):\(entry.line ?? 1)", key: .success((entry.publicKey, entry.comment)))
        }
        switch selection {
        case .only:
            if file.entries.count == 1, let entry = file.entries.first, file.errors.isEmpty {
                return [candidate(entry, keyName: name)]
            }
            if file.entries.isEmpty, let error = file.errors.first {
                throw ImportKeyFailure(code: error.code.rawValue, message: "\(path): \(error)")
            }
            throw ImportKeyFailure(
                code: "several-keys",
                message: "\(path) holds \(file.entries.count) keys (lines \(Self.lines(file))); choose one with --line K, or import each with --all",
                exitCode: 2)
        case .line(let line):
            if let entry = file.entries.first(where: { ($0.line ?? 1) == line }) { return [candidate(entry, keyName: name)] }
            if let error = file.errors.first(where: { $0.line == line }) {
                throw ImportKeyFailure(code: error.code.rawValue, message: "\(path):\(line): \(error.message)")
            }
            throw ImportKeyFailure(
                code: "no-key-on-line", message: "line \(line) of \(path) holds no key (keys are on lines \(Self.lines(file)))",
                exitCode: 2)
        case .all:
            var numbered: [(line: Int, candidate: Candidate)] = file.entries.map { entry in
                (entry.line ?? 1, candidate(entry, keyName: "\(name)-\(entry.line ?? 1)"))
            }
            for error in file.errors {
                let line = error.line ?? 0
                numbered.append((line, Candidate(
                    keyName: "\(name)-\(line)", source: "\(path):\(line)",
                    key: .failure(ImportKeyFailure(code: error.code.rawValue, message: error.message)))))
            }
            guard !numbered.isEmpty else { throw ImportKeyFailure(code: "no-keys", message: "\(path) holds no keys") }
            return numbered.sorted { $0.line < $1.line }.map(\.candidate)
        }
    }

    /// The public key of a key pair in the account `profile` reaches (DescribeKeyPairs with IncludePublicKey).
    private func sourceKeyPair(_ name: String, profile: String, context: WorkflowContext, keyName: String)
        async throws(ImportKeyFailure) -> Candidate
    {
        let source = "key pair \(name) (profile \(profile))"
        let session: AWSSession
        do throws(AWSFailure) { session = try await AWSSession.open(context, profile: profile) } catch { throw ImportKeyFailure(error) }
        let info: EC2.KeyPairInfo?
        do {
            info = try await keyPair(named: name, session.services)
        } catch {
            throw ImportKeyFailure(AWSFailure(error))
        }
        guard let info else {
            throw ImportKeyFailure(
                code: "InvalidKeyPair.NotFound",
                message: "there is no key pair '\(name)' in the account of profile '\(profile)' (\(session.region.value))")
        }
        guard let text = info.publicKey, let entry = try? KeyFile(text: text).entries.first else {
            throw ImportKeyFailure(
                code: "no-public-key", message: "EC2 returned no readable public key for key pair '\(name)' (profile '\(profile)')")
        }
        return Candidate(keyName: keyName, source: source, key: .success((entry.publicKey, entry.comment)))
    }

    /// "1, 3, 4": the lines keys are on.
    private static func lines(_ file: KeyFile) -> String {
        file.entries.map { String($0.line ?? 1) }.joined(separator: ", ")
    }
}
