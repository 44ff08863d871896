import AWSCore
import Foundation

extension EC2 {
    /// A security group reference (`<groupSet><item><groupId/><groupName/>`).
    public struct GroupIdentifier: Sendable, Hashable, XMLDecodable {
        /// `groupId`.
        public var groupId: String?
        /// `groupName`.
        public var groupName: String?

        /// Reads `<groupId>` and `<groupName>`.
        public init(xml node: XMLNode) throws {
            groupId = try node.decodeIfPresent("groupId")
            groupName = try node.decodeIfPresent("groupName")
        }
    }

    /// One instance (`<instancesSet><item>`), the fields amikey reads.
    public struct Instance: Sendable, Hashable, XMLDecodable {
        /// `instanceId`.
        public var instanceId: String
        /// `imageId`.
        public var imageId: String?
        /// `instanceState`.
        public var state: InstanceState
        /// `keyName`: the launch key pair, nil when launched without one.
        public var keyName: String?
        /// `instanceType`.
        public var instanceType: String?
        /// `launchTime`.
        public var launchTime: Date?
        /// `placement/availabilityZone`.
        public var availabilityZone: String?
        /// `platform` (`windows` or absent).
        public var platform: String?
        /// `platformDetails` (`Linux/UNIX`, `Red Hat Enterprise Linux`, …).
        public var platformDetails: String?
        /// `usageOperation`: the billing code (`RunInstances` for Linux/UNIX).
        public var usageOperation: String?
        /// `dnsName` (PublicDnsName).
        public var publicDnsName: String?
        /// `ipAddress` (PublicIpAddress).
        public var publicIpAddress: String?
        /// `privateIpAddress`.
        public var privateIpAddress: String?
        /// `reason` (StateTransitionReason).
        public var stateTransitionReason: String?
        /// `stateReason`.
        public var stateReason: StateReason?
        /// `subnetId`.
        public var subnetId: String?
        /// `vpcId`.
        public var vpcId: String?
        /// `iamInstanceProfile/arn`.
        public var iamInstanceProfileArn: String?
        /// `rootDeviceName`.
        public var rootDeviceName: String?
        /// `metadataOptions`: how the instance metadata service (IMDS) answers.
        public var metadataOptions: InstanceMetadataOptions?
        /// `groupSet`.
        public var securityGroups: [GroupIdentifier]
        /// `tagSet`.
        public var tags: [Tag]

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            instanceId = try node.decode("instanceId")
            imageId = try node.decodeIfPresent("imageId")
            state = try node.decode("instanceState")
            keyName = try node.decodeIfPresent("keyName")
            instanceType = try node.decodeIfPresent("instanceType")
            launchTime = try node.decodeIfPresent("launchTime")
            availabilityZone = try node["placement"]?.decodeIfPresent("availabilityZone")
            platform = try node.decodeIfPresent("platform")
            platformDetails = try node.decodeIfPresent("platformDetails")
            usageOperation = try node.decodeIfPresent("usageOperation")
            publicDnsName = try node.decodeIfPresent("dnsName")
            publicIpAddress = try node.decodeIfPresent("ipAddress")
            privateIpAddress = try node.decodeIfPresent("privateIpAddress")
            stateTransitionReason = try node.decodeIfPresent("reason")
            stateReason = try node.decodeIfPresent("stateReason")
            subnetId = try node.decodeIfPresent("subnetId")
            vpcId = try node.decodeIfPresent("vpcId")
            iamInstanceProfileArn = try node["iamInstanceProfile"]?.decodeIfPresent("arn")
            rootDeviceName = try node.decodeIfPresent("rootDeviceName")
            metadataOptions = try node.decodeIfPresent("metadataOptions")
            securityGroups = try node.decodeItems("groupSet")
            tags = try node.decodeItems("tagSet")
        }
    }

    /// A reservation: the instances one RunInstances call launched.
    public struct Reservation: Sendable, Hashable, XMLDecodable {
        /// `reservationId`.
        public var reservationId: String?
        /// `ownerId`: the account.
        public var ownerId: String?
        /// `instancesSet`.
        public var instances: [Instance]

        /// Reads a reservation element (a `reservationSet` item, or the RunInstances response root).
        public init(xml node: XMLNode) throws {
            reservationId = try node.decodeIfPresent("reservationId")
            ownerId = try node.decodeIfPresent("ownerId")
            instances = try node.decodeItems("instancesSet")
        }
    }
}
