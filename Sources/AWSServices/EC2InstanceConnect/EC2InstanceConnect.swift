import AWSCore

/// EC2 Instance Connect (`ec2-instance-connect/2018-04-02`, JSON 1.1): push a public key for 60 seconds.
public enum EC2InstanceConnect {
    /// The service identity every EC2 Instance Connect operation is addressed to.
    public static let service = AWSServiceID.ec2InstanceConnect

    /// SendSSHPublicKey input.
    public struct SendSSHPublicKeyInput: AWSJSONInput, Hashable {
        /// `SendSSHPublicKey`.
        public static let operation = "SendSSHPublicKey"
        /// `InstanceId`.
        public var instanceId: String
        /// `InstanceOSUser`: the login user the key is for.
        public var instanceOSUser: String
        /// `SSHPublicKey`: an OpenSSH public key line. Public material only: never a private key.
        public var sshPublicKey: String
        /// `AvailabilityZone`.
        public var availabilityZone: String?

        /// Creates the input.
        public init(instanceId: String, instanceOSUser: String, sshPublicKey: String, availabilityZone: String? = nil) {
            self.instanceId = instanceId
            self.instanceOSUser = instanceOSUser
            self.sshPublicKey = sshPublicKey
            self.availabilityZone = availabilityZone
        }

        /// The wire names.
        enum CodingKeys: String, CodingKey {
            case instanceId = "InstanceId", instanceOSUser = "InstanceOSUser", sshPublicKey = "SSHPublicKey"
            case availabilityZone = "AvailabilityZone"
        }
    }

    /// SendSSHPublicKey output.
    public struct SendSSHPublicKeyOutput: Sendable, Hashable, Decodable {
        /// `RequestId`.
        public var requestId: String?
        /// `Success`.
        public var success: Bool

        /// The wire names.
        enum CodingKeys: String, CodingKey { case requestId = "RequestId", success = "Success" }
    }

    /// SendSSHPublicKey: a repeat pushes the same key again and only restarts its 60-second window
    /// (API_SendSSHPublicKey.html), so it is `repeatable`.
    public static func sendSSHPublicKey(_ input: SendSSHPublicKeyInput) throws -> AWSOperation<SendSSHPublicKeyOutput> {
        try .json(.ec2InstanceConnect, service: service, input, idempotency: .repeatable)
    }
}
