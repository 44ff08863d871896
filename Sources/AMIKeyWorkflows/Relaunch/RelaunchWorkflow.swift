import AWSCore
import AWSServices

/// `amikey relaunch`: the seed's fix 2, step 5. Launches a replacement for an instance from the same (shared) image
/// with a key pair the image's keys match, carrying over its type, subnet, security groups, IAM instance profile,
/// tags and user data; the old instance is left as it is.
///
/// Reads (concurrently) the instance, its user data and the key pair; checks the image can still be launched; then
/// either returns the plan (`planOnly`) or calls RunInstances once with a client token and waits until the new
/// instance runs, reporting every poll.
///
/// ```swift
/// let report = try await RelaunchWorkflow().run(
///     RelaunchRequest(instanceId: "i-0123456789abcdef0", keyName: "old-key"), context: context
/// ) { print("\($0.observedState) (\($0.attempt)/\($0.maxAttempts))") }
/// print(report.plan.sourceInstanceId, "->", report.instance?.instanceId ?? "-")
/// ```
public struct RelaunchWorkflow: Sendable {
    /// Creates the workflow.
    public init() {}

    /// Plans, and unless `request.planOnly`, launches and waits.
    ///
    /// - Throws: ``AWSFailure`` (exit 3): the instance or key pair does not exist (the message names it and says how
    ///   to import a key), the image is gone, or AWS refused.
    public func run(
        _ request: RelaunchRequest, context: WorkflowContext,
        progress: @escaping @Sendable (WaiterProgress) -> Void = { _ in }
    ) async throws(AWSFailure) -> RelaunchReport {
        let session = try await AWSSession.open(context)
        let aws = session.services
        let region = session.region.value
        do {
            async let described = aws.send(EC2.describeInstances(.init(instanceIds: [request.instanceId])))
            async let attribute = aws.send(
                EC2.describeInstanceAttribute(.init(instanceId: request.instanceId, attribute: "userData")))
            async let keyPair = Self.keyPair(request.keyName, aws: aws, region: region)
            let source = try await Self.source(request.instanceId, described, region: region)
            let userData = try await attribute.userData
            let key = try await keyPair
            guard let imageId = source.imageId, !imageId.isEmpty else {
                throw AWSFailure(code: "no-image", message: "\(source.instanceId) reports no image id, so there is nothing to launch again")
            }
            try await Self.checkImage(imageId, aws: aws, region: region)
            let plan = RelaunchPlan(
                source: source, imageId: imageId, userData: userData, keyName: key.keyName,
                clientToken: request.clientToken)
            let dropped = RelaunchPlan.droppedTags(of: source).map(\.key)
            if request.planOnly {
                return RelaunchReport(plan: plan, status: .planned, instance: nil, droppedTags: dropped, account: nil, region: region)
            }
            let reservation = try await aws.send(EC2.runInstances(plan.runInstancesInput))
            guard let launched = reservation.instances.first else {
                throw AWSFailure(code: "no-instance", message: "RunInstances answered without an instance")
            }
            let describe = EC2.describeInstances(.init(instanceIds: [launched.instanceId]))
            let observation = try await aws.wait(EC2.Waiters.instanceRunning, polling: describe, progress: progress)
            let running = observation.response?.instances.first { $0.instanceId == launched.instanceId }
            let now = running ?? launched
            return RelaunchReport(
                plan: plan, status: .launched,
                instance: .init(
                    instanceId: launched.instanceId, state: now.state.name, publicIpAddress: now.publicIpAddress,
                    publicDnsName: now.publicDnsName.flatMap { $0.isEmpty ? nil : $0 }),
                droppedTags: dropped, account: reservation.ownerId, region: region)
        } catch let failure as AWSFailure {
            throw failure
        } catch {
            throw AWSFailure(error)
        }
    }

    /// The one instance DescribeInstances returned, or a failure naming the id and region.
    private static func source(_ id: String, _ output: EC2.DescribeInstancesOutput, region: String) throws(AWSFailure) -> EC2.Instance {
        guard let instance = output.instances.first(where: { $0.instanceId == id }) else {
            throw AWSFailure(code: "InvalidInstanceID.NotFound", message: "no instance \(id) in \(region)")
        }
        return instance
    }

    /// The key pair, or a failure that names it and says how to import the public key.
    private static func keyPair(_ name: String, aws: AWSServiceClient, region: String) async throws -> EC2.KeyPairInfo {
        let notFound = AWSFailure(
            code: "key-pair-not-found",
            message: "there is no key pair \"\(name)\" in this account in \(region); import the public key of the key "
                + "the image accepts first: amikey import-key --name \(name) --from KEY.pub (the key pair is checked "
                + "before anything is launched)")
        do {
            let found = try await aws.send(EC2.describeKeyPairs(.init(keyNames: [name])))
            guard let key = found.keyPairs.first(where: { $0.keyName == name }) else { throw notFound }
            return key
        } catch let failure as AWSFailure {
            throw failure
        } catch {
            let failure = AWSFailure(error)
            if failure.code == "InvalidKeyPair.NotFound" { throw notFound }
            throw failure
        }
    }

    /// Fails early and clearly when the image is no longer visible (deregistered, or no longer shared with this
    /// account), rather than with RunInstances' `InvalidAMIID` after the checks pass.
    private static func checkImage(_ imageId: String, aws: AWSServiceClient, region: String) async throws {
        let notFound = AWSFailure(
            code: "image-not-available",
            message: "the image \(imageId) is no longer visible to this account in \(region) (deregistered, or no longer "
                + "shared with it); ask its owner to share it again, or copy it first")
        do {
            let images = try await aws.send(EC2.describeImages(.init(imageIds: [imageId])))
            guard images.images.contains(where: { $0.imageId == imageId }) else { throw notFound }
        } catch let failure as AWSFailure {
            throw failure
        } catch {
            let failure = AWSFailure(error)
            if failure.code.hasPrefix("InvalidAMIID") { throw notFound }
            throw failure
        }
    }
}
