import AWSCore
import AWSServices
import EC2Evidence
import SSHKeys

/// Everything a repair method needs, read before anything is changed: the instance, the key (public part only), the
/// login user and why, and the console evidence (host keys to pin, the table saying which keys are installed).
struct RepairTarget: Sendable {
    /// The instance as DescribeInstances shows it.
    var instance: EC2.Instance
    /// The key to install.
    var key: SSHPublicKey
    /// Where it came from, in words.
    var keySource: String
    /// The login user.
    var user: String
    /// Why that user.
    var userBasis: String
    /// The console output's evidence; nil when there is no output yet.
    var console: ConsoleEvidence?
    /// The region.
    var region: String
    /// The AWS client of the instance's account.
    var aws: AWSServiceClient

    /// Whether the latest console table for the user lists the key: cloud-init printed it at the last boot it ran
    /// `ssh-authkey-fingerprints`, so it was installed then.
    var consoleListsKey: Bool {
        guard let table = console?.authorizedKeys.last(where: { $0.user == user }) else { return false }
        return table.lists(key)
    }

    /// The report of a repair of this target: instance, user, key, address and region come from here.
    func report(_ method: RepairRequest.Method, _ status: RepairReport.Status, confirmation: String? = nil,
                steps: [WorkflowStep], notes: [String] = []) -> RepairReport {
        RepairReport(
            instanceId: instance.instanceId, method: method, user: user, userBasis: userBasis, publicKey: key,
            keySource: keySource, status: status, confirmation: confirmation, steps: steps, notes: notes,
            address: address, region: region)
    }

    /// The address to reach the instance at: its public DNS name, else its public IP, else its private IP.
    var address: String? {
        [instance.publicDnsName, instance.publicIpAddress, instance.privateIpAddress]
            .compactMap { $0 }.first { !$0.isEmpty }
    }
}

extension RepairWorkflow {
    /// Reads the instance, the key and the console concurrently, then the image when the user must be inferred.
    static func target(_ request: RepairRequest, context: WorkflowContext) async throws(AWSFailure) -> RepairTarget {
        let session = try await AWSSession.open(context)
        let aws = session.services
        let region = session.region.value
        do {
            async let described = aws.send(EC2.describeInstances(.init(instanceIds: [request.instanceId])))
            async let consoleOutput = aws.send(EC2.getConsoleOutput(.init(instanceId: request.instanceId)))
            async let key = publicKey(request.key, aws: aws, region: region, context: context)
            guard let instance = try await described.instances.first(where: { $0.instanceId == request.instanceId }) else {
                throw AWSFailure(code: "InvalidInstanceID.NotFound", message: "no instance \(request.instanceId) in \(region)")
            }
            if instance.platform == "windows" {
                throw AWSFailure(
                    code: "windows-instance",
                    message: "\(instance.instanceId) runs Windows, which does not log in with SSH keys from authorized_keys; "
                        + "use the EC2 console's \"Reset Windows administrator password\" (AWSSupport-RunEC2RescueForWindowsTool) instead")
            }
            let console = (try? await consoleOutput)?.text.map { ConsoleLog.parse($0) }
            let (publicKey, keySource) = try await key
            let (user, basis) = try await loginUser(request, instance: instance, console: console, aws: aws)
            return RepairTarget(instance: instance, key: publicKey, keySource: keySource, user: user, userBasis: basis,
                                console: console, region: region, aws: aws)
        } catch let failure as AWSFailure {
            throw failure
        } catch {
            throw AWSFailure(error)
        }
    }

    /// The key's public part: from a key pair (which must be in this account and region) or a key file.
    private static func publicKey(_ source: RepairRequest.KeySource, aws: AWSServiceClient, region: String,
                                  context: WorkflowContext) async throws -> (SSHPublicKey, String) {
        switch source {
        case .keyPair(let name):
            let found: EC2.DescribeKeyPairsOutput
            do {
                found = try await aws.send(EC2.describeKeyPairs(.init(keyNames: [name], includePublicKey: true)))
            } catch {
                let failure = AWSFailure(error)
                guard failure.code == "InvalidKeyPair.NotFound" else { throw failure }
                throw AWSFailure(
                    code: "key-pair-not-found",
                    message: "there is no key pair \"\(name)\" in this account in \(region); give the key's file instead: "
                        + "--key FILE (a .pub, .pem or .ppk file; only its public key is used)")
            }
            guard let text = found.keyPairs.first(where: { $0.keyName == name })?.publicKey,
                  let key = try? SSHPublicKey(openSSHRepresentation: text) else {
                throw AWSFailure(code: "no-public-key", message: "EC2 returned no readable public key for key pair \"\(name)\"; give the key's file with --key FILE")
            }
            return (key, "key pair \(name)")
        case .file(let path):
            let absolute = context.resolve(path)
            let bytes: [UInt8]
            do { bytes = try context.fileSystem.read(absolute) } catch {
                throw AWSFailure(code: error.code, message: "cannot read \(path): \(error.reason(for: absolute))")
            }
            let file: KeyFile
            do {
                file = try KeyFile(contents: bytes, options: KeyReadOptions(passphrase: context.passphrases.source(mayPrompt: true)))
            } catch {
                throw AWSFailure(code: error.code.rawValue, message: "\(path): \(error)")
            }
            guard file.entries.count == 1, let entry = file.entries.first else {
                throw AWSFailure(
                    code: file.entries.isEmpty ? "no-keys" : "several-keys",
                    message: file.entries.isEmpty
                        ? "\(path) holds no key\(file.errors.first.map { " (\($0))" } ?? "")"
                        : "\(path) holds \(file.entries.count) keys; give a file with the one key to install")
            }
            return (entry.publicKey, path)
        }
    }

    /// `--user`, else the console table's user, else the image family's default; never a guess, since cloud-init
    /// would create a user that does not exist rather than fail.
    private static func loginUser(_ request: RepairRequest, instance: EC2.Instance, console: ConsoleEvidence?,
                                  aws: AWSServiceClient) async throws -> (String, String) {
        if let user = request.user { return (user, "given with --user") }
        let tableUsers = (console?.authorizedKeys.map(\.user) ?? []).filter { $0 != "root" }
        var family = ImageFamily.infer(ImageFacts())
        if tableUsers.isEmpty, let imageId = instance.imageId,
           let image = try? await aws.send(EC2.describeImages(.init(imageIds: [imageId]))).images.first {
            family = ImageFamily.infer(ImageFacts(
                ownerId: image.ownerId, ownerAlias: image.ownerAlias, name: image.name, description: image.description,
                platformDetails: image.platformDetails, usageOperation: image.usageOperation, platform: image.platform))
        }
        let candidates = ImageFamily.loginUsers(tableUsers: tableUsers, family: family)
        guard let first = candidates.first, !first.isGuess else {
            let names = candidates.map(\.user).joined(separator: ", ")
            throw AWSFailure(
                code: "login-user-unknown",
                message: "cannot tell which user logs in to \(instance.instanceId)"
                    + (names.isEmpty ? "" : " (it could be \(names))")
                    + "; say which with --user (amikey doctor \(instance.instanceId) shows the console's table)")
        }
        return (first.user, first.reason)
    }
}
