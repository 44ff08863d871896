import AWSCore
import Foundation

extension EC2 {
    /// RunInstances input, the members amikey launches with.
    public struct RunInstancesInput: AWSQueryInput, Hashable {
        /// `RunInstances`.
        public static let action = "RunInstances"
        /// `ImageId`.
        public var imageId: String
        /// `InstanceType`.
        public var instanceType: String?
        /// `KeyName`: the key pair whose public key cloud-init installs.
        public var keyName: String?
        /// `MaxCount`.
        public var maxCount: Int
        /// `MinCount`.
        public var minCount: Int
        /// `SecurityGroupId.N`.
        public var securityGroupIds: [String]
        /// `SubnetId`.
        public var subnetId: String?
        /// User data bytes (a cloud-config or script); sent base64-encoded as `UserData`, as botocore's
        /// `base64_encode_user_data` handler does.
        public var userData: [UInt8]?
        /// `TagSpecification.N` (`instance`, `volume`).
        public var tagSpecifications: [TagSpecification]
        /// `DryRun`.
        public var dryRun: Bool?
        /// `ClientToken`: generated once by the caller and sent unchanged on every attempt.
        public var clientToken: String
        /// `IamInstanceProfile.Arn`.
        public var iamInstanceProfileArn: String?
        /// `IamInstanceProfile.Name`.
        public var iamInstanceProfileName: String?
        /// `MetadataOptions` (InstanceMetadataOptionsRequest): how the new instance's IMDS answers; nil keeps the
        /// account and image defaults.
        public var metadataOptions: InstanceMetadataOptionsRequest?

        /// Creates the input. `clientToken` defaults to a fresh UUID made here, once per input, so every attempt
        /// of this call sends the same token and retries never launch twice; pass a journaled token to keep that
        /// across processes (a token reused with other parameters is `IdempotentParameterMismatch`,
        /// ec2-api-idempotency.html).
        public init(
            imageId: String, clientToken: String = UUID().uuidString.lowercased(), instanceType: String? = nil,
            keyName: String? = nil, minCount: Int = 1, maxCount: Int = 1, securityGroupIds: [String] = [],
            subnetId: String? = nil,
            userData: [UInt8]? = nil, tagSpecifications: [TagSpecification] = [],
            iamInstanceProfileArn: String? = nil, iamInstanceProfileName: String? = nil,
            metadataOptions: InstanceMetadataOptionsRequest? = nil, dryRun: Bool? = nil
        ) {
            self.imageId = imageId
            self.instanceType = instanceType
            self.keyName = keyName
            self.maxCount = maxCount
            self.minCount = minCount
            self.securityGroupIds = securityGroupIds
            self.subnetId = subnetId
            self.userData = userData
            self.tagSpecifications = tagSpecifications
            self.dryRun = dryRun
            self.clientToken = clientToken
            self.iamInstanceProfileArn = iamInstanceProfileArn
            self.iamInstanceProfileName = iamInstanceProfileName
            self.metadataOptions = metadataOptions
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("ImageId", imageId)
            parameters.add("InstanceType", instanceType)
            parameters.add("KeyName", keyName)
            parameters.add("MaxCount", maxCount)
            parameters.add("MinCount", minCount)
            parameters.addList("SecurityGroupId", securityGroupIds)
            parameters.add("SubnetId", subnetId)
            parameters.addBlob("UserData", userData)
            parameters.addTagSpecifications(tagSpecifications)
            if let metadataOptions {
                parameters.addStructure("MetadataOptions") { metadataOptions.encode(to: &$0) }
            }
            parameters.add("DryRun", dryRun)
            parameters.add("ClientToken", clientToken)
            if iamInstanceProfileArn != nil || iamInstanceProfileName != nil {
                parameters.addStructure("IamInstanceProfile") { profile in
                    profile.add("Arn", iamInstanceProfileArn)
                    profile.add("Name", iamInstanceProfileName)
                }
            }
        }
    }

    /// RunInstances: mutating, made idempotent by its `ClientToken`.
    public static func runInstances(_ input: RunInstancesInput) -> AWSOperation<Reservation> {
        operation(input, idempotency: .clientToken)
    }
}
