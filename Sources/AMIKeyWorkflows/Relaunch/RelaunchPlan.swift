import AWSServices
import Crypto

/// Exactly what `amikey relaunch` launches: the source instance's image, type, network, profile, tags, user data and
/// metadata options, with another key pair. Built by a pure function of the source, so `--plan` and the launch
/// cannot differ.
///
/// ```swift
/// let plan = RelaunchPlan(source: instance, userData: bytes, keyName: "old-key", clientToken: token)
/// let reservation = try await aws.send(EC2.runInstances(plan.runInstancesInput))
/// ```
public struct RelaunchPlan: Sendable, Hashable {
    /// The instance the settings are copied from (left as it is).
    public var sourceInstanceId: String
    /// The source's image, launched again.
    public var imageId: String
    /// The key pair the replacement is launched with.
    public var keyName: String
    /// `ClientToken`: the same on every attempt, so a retried RunInstances launches once.
    public var clientToken: String
    /// The source's instance type.
    public var instanceType: String?
    /// The source's subnet (and so its VPC and Availability Zone).
    public var subnetId: String?
    /// The source's security group ids, in its order.
    public var securityGroupIds: [String]
    /// The source's IAM instance profile ARN.
    public var iamInstanceProfileArn: String?
    /// The source's tags except `aws:` ones (AWS sets those itself and refuses them from users).
    public var tags: [EC2.Tag]
    /// The source's user data, byte for byte (DescribeInstanceAttribute `userData`); nil when it has none.
    public var userData: [UInt8]?
    /// The source's instance metadata options, when DescribeInstances reported them.
    public var metadataOptions: EC2.InstanceMetadataOptionsRequest?

    /// The plan for `source`: every setting copied, `aws:` tags dropped, empty user data treated as none.
    public init(source: EC2.Instance, imageId: String, userData: [UInt8]?, keyName: String, clientToken: String) {
        sourceInstanceId = source.instanceId
        self.imageId = imageId
        self.keyName = keyName
        self.clientToken = clientToken
        instanceType = source.instanceType
        subnetId = source.subnetId.flatMap { $0.isEmpty ? nil : $0 }
        securityGroupIds = source.securityGroups.compactMap(\.groupId)
        iamInstanceProfileArn = source.iamInstanceProfileArn
        tags = source.tags.filter { !$0.key.lowercased().hasPrefix("aws:") }
        self.userData = userData.flatMap { $0.isEmpty ? nil : $0 }
        metadataOptions = source.metadataOptions.map(EC2.InstanceMetadataOptionsRequest.init(copying:))
            .flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The tags the source had that are not carried over (`aws:` ones).
    public static func droppedTags(of source: EC2.Instance) -> [EC2.Tag] {
        source.tags.filter { $0.key.lowercased().hasPrefix("aws:") }
    }

    /// The RunInstances call: one instance, every field of the plan.
    public var runInstancesInput: EC2.RunInstancesInput {
        EC2.RunInstancesInput(
            imageId: imageId, clientToken: clientToken, instanceType: instanceType, keyName: keyName,
            securityGroupIds: securityGroupIds, subnetId: subnetId, userData: userData,
            tagSpecifications: tags.isEmpty ? [] : [EC2.TagSpecification(resourceType: "instance", tags: tags)],
            iamInstanceProfileArn: iamInstanceProfileArn, metadataOptions: metadataOptions)
    }

    /// The user data's SHA-256 in lowercase hex, so a plan can show which bytes go without printing them (user data
    /// may hold secrets).
    public var userDataSHA256: String? {
        userData.map { SHA256.hash(data: $0).map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined() }
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
