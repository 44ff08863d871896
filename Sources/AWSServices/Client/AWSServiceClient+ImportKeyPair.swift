import AWSCore

extension AWSServiceClient {
    /// Imports a public key as a key pair, succeeding when the same key is already there under that name.
    ///
    /// ImportKeyPair has no ClientToken, so after an ambiguous failure (reset, timeout, 500) it is not resent
    /// blindly: DescribeKeyPairs(KeyName, IncludePublicKey) looks first, and a key pair holding the same key
    /// (type and base64 blob) means the import is done. A plain `InvalidKeyPair.Duplicate` with the same key is
    /// ``KeyPairImport/alreadyPresent(_:)``; with another key, ``KeyPairConflictError``.
    ///
    /// ```swift
    /// switch try await aws.importKeyPair(.init(keyName: "old-key", publicKeyMaterial: Array(line.utf8))) {
    /// case .imported(let output): print("imported", output.keyFingerprint ?? "")
    /// case .alreadyPresent(let info): print("already there", info.keyPairId ?? "")
    /// }
    /// ```
    /// - Throws: ``KeyPairConflictError``; `AWSServiceError` (e.g. `InvalidKey.Format`, `DryRunOperation`);
    ///   `RetryStoppedError`.
    public func importKeyPair(
        _ input: EC2.ImportKeyPairInput, isolation: isolated (any Actor)? = #isolation
    ) async throws -> KeyPairImport {
        let requested = String(decoding: input.publicKeyMaterial, as: UTF8.self)
        do {
            let output = try await send(EC2.importKeyPair(input)) {
                guard let existing = try await keyPair(named: input.keyName) else { return nil }
                guard let publicKey = existing.publicKey, EC2.PublicKeyIdentity.same(publicKey, requested) else {
                    throw KeyPairConflictError(
                        keyName: input.keyName, requestedPublicKey: requested, existing: existing, duplicate: nil)
                }
                return EC2.ImportKeyPairOutput(
                    keyName: existing.keyName, keyPairId: existing.keyPairId, keyFingerprint: existing.keyFingerprint,
                    tags: existing.tags)
            }
            return .imported(output)
        } catch let stopped as RetryStoppedError {
            if let conflict = stopped.reconcileError as? KeyPairConflictError { throw conflict }
            throw stopped
        } catch let duplicate as AWSServiceError where duplicate.code == "InvalidKeyPair.Duplicate" {
            // Deleted between the two calls: report the answer EC2 gave.
            guard let existing = try await keyPair(named: input.keyName) else { throw duplicate }
            guard let publicKey = existing.publicKey, EC2.PublicKeyIdentity.same(publicKey, requested) else {
                throw KeyPairConflictError(
                    keyName: input.keyName, requestedPublicKey: requested, existing: existing, duplicate: duplicate)
            }
            return .alreadyPresent(existing)
        }
    }

    /// The key pair called `name` with its public key, or nil when there is none.
    func keyPair(named name: String, isolation: isolated (any Actor)? = #isolation) async throws -> EC2.KeyPairInfo? {
        do {
            let output = try await send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
            return output.keyPairs.first { $0.keyName == name }
        } catch let error as AWSServiceError where error.code == "InvalidKeyPair.NotFound" {
            return nil
        }
    }
}
