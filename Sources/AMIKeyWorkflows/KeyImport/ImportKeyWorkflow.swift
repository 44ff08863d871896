import AWSCore
import AWSServices
import SSHKeys

/// `amikey import-key`: import a public key as an EC2 key pair, safely.
///
/// The key is checked before AWS is called (EC2 takes only RSA of 1024 to 4096 bits and Ed25519); only the
/// public key line is ever sent. A name already holding the same key is success (`already-present`); a name
/// holding another key is a conflict that shows both fingerprints and a free name — never an overwrite.
///
/// ## Usage
/// ```swift
/// let request = ImportKeyRequest(name: "old-key", source: .file("~/Downloads/old-key.pem"))
/// let report = try await ImportKeyWorkflow().run(request, context: context)
/// for item in report.items { print(item.keyName, item.outcome.status ?? "failed") }
///
/// // Seed step 1: every key of a running instance's ~/.ssh/authorized_keys, its host key pinned from the console.
/// let host = ImportKeyHostSource(user: "ec2-user", host: "54.12.0.7", identityFile: "~/.ssh/old-key.pem",
///                                hostKeyCheck: .consoleOutput("console.txt"))
/// let all = try await ImportKeyWorkflow().run(ImportKeyRequest(name: "old-key", source: .host(host, .all)), context: context)
/// ```
public struct ImportKeyWorkflow: Sendable {
    /// A key to import (or a line that could not be read), with the name it gets.
    struct Candidate {
        var keyName: String
        var source: String
        var key: Result<(publicKey: SSHPublicKey, comment: String?), ImportKeyFailure>
    }

    /// Creates the workflow.
    public init() {}

    /// Reads the source, checks every key, then imports (or dry-runs) each one EC2 can take.
    ///
    /// - Throws: ``ImportKeyFailure`` when nothing could be done: the source is unreadable or ambiguous, or AWS
    ///   could not be reached.
    public func run(_ request: ImportKeyRequest, context: WorkflowContext) async throws(ImportKeyFailure) -> ImportKeyReport {
        let candidates = try await candidates(request, context: context)
        var services: AWSServiceClient?
        var takenNames: Set<String>?
        var items: [ImportKeyReport.Item] = []
        for candidate in candidates {
            let key: (publicKey: SSHPublicKey, comment: String?)
            switch candidate.key {
            case .failure(let failure):
                items.append(.init(keyName: candidate.keyName, source: candidate.source, publicKey: nil,
                                   outcome: .failed(code: failure.failure.code, message: failure.failure.message)))
                continue
            case .success(let read):
                key = read
            }
            if let refusal = EC2KeyPairRules.refusal(of: key.publicKey) {
                items.append(.init(keyName: candidate.keyName, source: candidate.source, publicKey: key.publicKey,
                                   outcome: .refused(refusal)))
                continue
            }
            // The session is opened only once a key has passed the rules: a refused key never reaches AWS.
            let client: AWSServiceClient
            if let services {
                client = services
            } else {
                do throws(AWSFailure) { client = try await AWSSession.open(context).services } catch { throw ImportKeyFailure(error) }
                services = client
            }
            var outcome = await importOne(candidate.keyName, key, request: request, services: client)
            if case .conflict(var conflict) = outcome {
                if takenNames == nil { takenNames = (try? await keyPairNames(client)) ?? [] }
                let planned = Set(candidates.map(\.keyName))
                conflict.suggestedName = Self.freeName(after: candidate.keyName, taken: (takenNames ?? []).union(planned))
                outcome = .conflict(conflict)
            }
            var warnings = EC2KeyPairRules.warnings(for: key.publicKey)
            if case .alreadyPresent = outcome, !request.tags.isEmpty {
                warnings.append("the key pair already existed, so --tag was not applied to it")
            }
            items.append(.init(keyName: candidate.keyName, source: candidate.source, publicKey: key.publicKey,
                               warnings: warnings, outcome: outcome))
        }
        return ImportKeyReport(items: items)
    }

    /// `NAME-2`, `NAME-3`, … : the first that is not taken.
    static func freeName(after name: String, taken: Set<String>) -> String {
        var number = 2
        while taken.contains("\(name)-\(number)") { number += 1 }
        return "\(name)-\(number)"
    }

    /// Imports one key EC2 can take; every AWS answer becomes an outcome.
    private func importOne(
        _ keyName: String, _ key: (publicKey: SSHPublicKey, comment: String?), request: ImportKeyRequest,
        services: AWSServiceClient
    ) async -> ImportKeyReport.Outcome {
        // The OpenSSH public line, built from the parsed key: options and any private part never reach it.
        let line = key.publicKey.openSSHRepresentation(comment: key.comment)
        let input = EC2.ImportKeyPairInput(
            keyName: keyName, publicKeyMaterial: Array(line.utf8),
            tagSpecifications: request.tags.isEmpty ? [] : [EC2.TagSpecification(resourceType: "key-pair", tags: request.tags)],
            dryRun: request.dryRun ? true : nil)
        do {
            if request.dryRun {
                // A dry run cannot tell a free name from a taken one, so the name is looked up first.
                if let existing = try await keyPair(named: keyName, services) {
                    return Self.compare(existing, with: key.publicKey)
                }
                switch try await services.dryRun(EC2.importKeyPair(input)) {
                case .permitted: return .wouldImport(fingerprint: key.publicKey.awsImportedFingerprint)
                case .denied(let error):
                    let failure = AWSFailure(error)
                    return .failed(code: failure.code, message: failure.message)
                }
            }
            switch try await services.importKeyPair(input) {
            case .imported(let output): return .imported(keyPairId: output.keyPairId, fingerprint: output.keyFingerprint)
            case .alreadyPresent(let info): return .alreadyPresent(keyPairId: info.keyPairId, fingerprint: info.keyFingerprint)
            }
        } catch let conflict as KeyPairConflictError {
            return Self.compare(conflict.existing, with: key.publicKey)
        } catch {
            let failure = AWSFailure(error)
            return .failed(code: failure.code, message: failure.message)
        }
    }

    /// `already-present` when the key pair holds this key (type and blob; comments differ freely), else a conflict.
    static func compare(_ existing: EC2.KeyPairInfo, with key: SSHPublicKey) -> ImportKeyReport.Outcome {
        let existingKey = existing.publicKey.flatMap { try? SSHPublicKey(openSSHRepresentation: $0) }
        if existingKey?.wireRepresentation == key.wireRepresentation {
            return .alreadyPresent(keyPairId: existing.keyPairId, fingerprint: existing.keyFingerprint)
        }
        return .conflict(ImportKeyConflict(
            keyName: existing.keyName, existingFingerprint: existing.keyFingerprint,
            existingSHA256: existingKey?.sha256Fingerprint, requestedFingerprint: key.awsImportedFingerprint,
            requestedSHA256: key.sha256Fingerprint, suggestedName: existing.keyName + "-2"))
    }

    /// The key pair called `name` with its public key, or nil when there is none.
    func keyPair(named name: String, _ services: AWSServiceClient) async throws -> EC2.KeyPairInfo? {
        do {
            let output = try await services.send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
            return output.keyPairs.first { $0.keyName == name }
        } catch let error as AWSServiceError where error.code == "InvalidKeyPair.NotFound" {
            return nil
        }
    }

    /// Every key pair name in the account and Region.
    private func keyPairNames(_ services: AWSServiceClient) async throws -> Set<String> {
        Set(try await services.send(EC2.describeKeyPairs(.init())).keyPairs.map(\.keyName))
    }
}
