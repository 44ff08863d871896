import AWSCore
import AWSServices
import EC2Evidence
import SSHKeys

/// The doctor's questions to AWS, asked concurrently: round trip 1 is caller identity, the instance, every key pair with
/// its public key (and the source account's with `--source-profile`) and the console output; round trip 2 is the image
/// the instance names. Only the instance is essential: any other answer that fails becomes a line of "could not check".
struct DoctorAWSEvidence {
    let request: DoctorRequest
    let instanceId: String
    let context: WorkflowContext

    func gather(into evidence: inout DoctorEvidence) async throws(DoctorFailure) {
        let session: AWSSession
        do { session = try await AWSSession.open(context) } catch { throw .aws(error) }
        let client = session.services
        let readsConsole = request.consoleOutputPath == nil
        async let caller = attempt { try await client.send(STS.getCallerIdentity()).account }
        async let keyPairs = attempt { try await client.send(EC2.describeKeyPairs(.init(includePublicKey: true))).keyPairs }
        async let console = attempt { readsConsole ? try await client.send(EC2.getConsoleOutput(.init(instanceId: instanceId))).text ?? "" : nil }
        async let source = sourceKeyPairs()
        async let described = describeInstanceAndImage(client)

        let (instance, image) = try await described.get()
        evidence.instance = instance
        evidence.image = image.value
        if let failure = image.failure { evidence.unchecked.append(Self.couldNotRead("DescribeImages", failure)) }

        switch await caller {
        case .success(let account): evidence.callerAccount = account
        case .failure(let failure): evidence.unchecked.append(Self.couldNotRead("GetCallerIdentity", failure))
        }
        switch await keyPairs {
        case .success(let pairs): evidence.keyPairs += pairs.map { Self.keyPair($0, account: evidence.callerAccount, profile: nil) }
        case .failure(let failure): evidence.unchecked.append(Self.couldNotRead("DescribeKeyPairs", failure))
        }
        switch await console {
        case .success(let text?):
            evidence.console = ConsoleLog.parse(text)
            evidence.consoleSource = "GetConsoleOutput"
        case .success(nil): break
        case .failure(let failure): evidence.unchecked.append(Self.couldNotRead("GetConsoleOutput", failure))
        }
        switch await source {
        case .success(let pairs?): evidence.keyPairs += pairs
        case .success(nil): break
        case .failure(let failure):
            evidence.unchecked.append(DoctorText(
                en: "The key pairs of profile \(request.sourceProfile ?? "") could not be read: \(failure.message)",
                ja: "プロファイル \(request.sourceProfile ?? "") のキーペアを取得できませんでした: \(failure.message)"))
        }
    }

    /// DescribeInstances, then DescribeImages for the image it names (the one dependent round trip).
    private func describeInstanceAndImage(_ client: AWSServiceClient) async -> Result<(InstanceEvidence, (value: ImageEvidence?, failure: AWSFailure?)), DoctorFailure> {
        let described = await attempt { try await client.send(EC2.describeInstances(.init(instanceIds: [instanceId]))).instances }
        let instances: [EC2.Instance]
        switch described {
        case .success(let found): instances = found
        case .failure(let failure): return .failure(.aws(failure))
        }
        guard let instance = instances.first(where: { $0.instanceId == instanceId }) else {
            return .failure(.aws(AWSFailure(code: "InvalidInstanceID.NotFound",
                                                      message: "DescribeInstances does not know \(instanceId) in this account and region; check --profile and --region")))
        }
        let facts = Self.instance(instance)
        guard let imageId = instance.imageId else { return .success((facts, (nil, nil))) }
        switch await attempt({ try await client.send(EC2.describeImages(.init(imageIds: [imageId]))).images }) {
        case .success(let images):
            guard let image = images.first(where: { $0.imageId == imageId }) else {
                return .success((facts, (nil, AWSFailure(code: "InvalidAMIID.NotFound",
                    message: "\(imageId) is not visible to this account any more (deregistered, or no longer shared)"))))
            }
            return .success((facts, (Self.image(image), nil)))
        case .failure(let failure):
            return .success((facts, (nil, failure)))
        }
    }

    /// The source account's key pairs, read with `--source-profile`'s credentials.
    private func sourceKeyPairs() async -> Result<[KeyPairEvidence]?, AWSFailure> {
        guard let profile = request.sourceProfile else { return .success(nil) }
        let session: AWSSession
        do { session = try await AWSSession.open(context, profile: profile) } catch { return .failure(error) }
        let client = session.services
        async let account = attempt { try await client.send(STS.getCallerIdentity()).account }
        async let pairs = attempt { try await client.send(EC2.describeKeyPairs(.init(includePublicKey: true))).keyPairs }
        let sourceAccount = try? await account.get()
        return await pairs.map { $0.map { Self.keyPair($0, account: sourceAccount, profile: profile) } }
    }

    private func attempt<T: Sendable>(_ body: () async throws -> T) async -> Result<T, AWSFailure> {
        do { return .success(try await body()) } catch { return .failure(AWSFailure(error)) }
    }

    private static func couldNotRead(_ operation: String, _ failure: AWSFailure) -> DoctorText {
        DoctorText(en: "\(operation) failed (\(failure.code)): \(failure.message)", ja: "\(operation) が失敗しました（\(failure.code)）: \(failure.message)")
    }

    static func instance(_ instance: EC2.Instance) -> InstanceEvidence {
        InstanceEvidence(
            instanceId: instance.instanceId, keyName: instance.keyName, imageId: instance.imageId, state: instance.state.name,
            publicIp: instance.publicIpAddress, publicDns: instance.publicDnsName, privateIp: instance.privateIpAddress,
            platform: instance.platform, httpTokens: instance.metadataOptions?.httpTokens,
            httpEndpoint: instance.metadataOptions?.httpEndpoint)
    }

    static func image(_ image: EC2.Image) -> ImageEvidence {
        let family = ImageFamily.infer(ImageFacts(
            ownerId: image.ownerId, ownerAlias: image.ownerAlias, name: image.name, description: image.description,
            platformDetails: image.platformDetails, usageOperation: image.usageOperation, platform: image.platform))
        return ImageEvidence(
            imageId: image.imageId, ownerId: image.ownerId, name: image.name, sourceInstanceId: image.sourceInstanceId,
            family: family.id == .unknown ? nil : family.displayName, defaultUsers: family.defaultUsers,
            familyBasis: family.basis.first?.reason)
    }

    static func keyPair(_ pair: EC2.KeyPairInfo, account: String?, profile: String?) -> KeyPairEvidence {
        KeyPairEvidence(name: pair.keyName, keyPairId: pair.keyPairId, account: account, profile: profile,
                        publicKey: pair.publicKey.flatMap { try? SSHPublicKey(openSSHRepresentation: $0) })
    }
}
