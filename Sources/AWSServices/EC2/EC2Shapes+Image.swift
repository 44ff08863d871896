import AWSCore
import Foundation

extension EC2 {
    /// The EBS part of a block device mapping (`<ebs>`).
    public struct EbsBlockDevice: Sendable, Hashable, XMLDecodable {
        /// `snapshotId`: the snapshot the volume is created from (the owner's, for a shared AMI).
        public var snapshotId: String?
        /// `volumeSize` in GiB.
        public var volumeSize: Int?
        /// `volumeType`.
        public var volumeType: String?
        /// `encrypted`.
        public var encrypted: Bool?
        /// `deleteOnTermination`.
        public var deleteOnTermination: Bool?

        /// Reads the `<ebs>` fields.
        public init(xml node: XMLNode) throws {
            snapshotId = try node.decodeIfPresent("snapshotId")
            volumeSize = try node.decodeIfPresent("volumeSize")
            volumeType = try node.decodeIfPresent("volumeType")
            encrypted = try node.decodeIfPresent("encrypted")
            deleteOnTermination = try node.decodeIfPresent("deleteOnTermination")
        }
    }

    /// One `<blockDeviceMapping><item>`.
    public struct BlockDeviceMapping: Sendable, Hashable, XMLDecodable {
        /// `deviceName` (`/dev/xvda`).
        public var deviceName: String?
        /// `ebs`, nil for instance-store mappings.
        public var ebs: EbsBlockDevice?

        /// Reads `<deviceName>` and `<ebs>`.
        public init(xml node: XMLNode) throws {
            deviceName = try node.decodeIfPresent("deviceName")
            ebs = try node.decodeIfPresent("ebs")
        }
    }

    /// One AMI (`<imagesSet><item>`), the fields amikey reads.
    public struct Image: Sendable, Hashable, XMLDecodable {
        /// `imageId`.
        public var imageId: String
        /// `imageState` (`pending`, `available`, `failed`, …).
        public var state: String?
        /// `imageOwnerId`: the owning account (the source account for a shared AMI).
        public var ownerId: String?
        /// `imageOwnerAlias` (`amazon`, `aws-marketplace`).
        public var ownerAlias: String?
        /// `isPublic`.
        public var isPublic: Bool?
        /// `name`.
        public var name: String?
        /// `description`.
        public var description: String?
        /// `creationDate`, as sent (a string in the model).
        public var creationDate: String?
        /// `deprecationTime`, as sent.
        public var deprecationTime: String?
        /// `platform` (`windows` or absent).
        public var platform: String?
        /// `platformDetails`: the billing platform (`Linux/UNIX`, `Windows`, `Red Hat Enterprise Linux`, …).
        public var platformDetails: String?
        /// `usageOperation`: the billing code (`RunInstances` for Linux/UNIX, `RunInstances:0002` for Windows).
        public var usageOperation: String?
        /// `architecture`.
        public var architecture: String?
        /// `rootDeviceName`.
        public var rootDeviceName: String?
        /// `rootDeviceType` (`ebs`, `instance-store`).
        public var rootDeviceType: String?
        /// `blockDeviceMapping`.
        public var blockDeviceMappings: [BlockDeviceMapping]
        /// `stateReason`.
        public var stateReason: StateReason?
        /// `sourceInstanceId`: the instance a CreateImage image was made from (absent for any other image).
        public var sourceInstanceId: String?
        /// `sourceImageId`: the AMI a CreateImage or CopyImage image came from.
        public var sourceImageId: String?
        /// `sourceImageRegion`: that source AMI's Region.
        public var sourceImageRegion: String?
        /// `imageAllowed` under Allowed AMIs.
        public var imageAllowed: Bool?
        /// `tagSet` (only the owner sees its tags).
        public var tags: [Tag]

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            imageId = try node.decode("imageId")
            state = try node.decodeIfPresent("imageState")
            ownerId = try node.decodeIfPresent("imageOwnerId")
            ownerAlias = try node.decodeIfPresent("imageOwnerAlias")
            isPublic = try node.decodeIfPresent("isPublic")
            name = try node.decodeIfPresent("name")
            description = try node.decodeIfPresent("description")
            creationDate = try node.decodeIfPresent("creationDate")
            deprecationTime = try node.decodeIfPresent("deprecationTime")
            platform = try node.decodeIfPresent("platform")
            platformDetails = try node.decodeIfPresent("platformDetails")
            usageOperation = try node.decodeIfPresent("usageOperation")
            architecture = try node.decodeIfPresent("architecture")
            rootDeviceName = try node.decodeIfPresent("rootDeviceName")
            rootDeviceType = try node.decodeIfPresent("rootDeviceType")
            blockDeviceMappings = try node.decodeItems("blockDeviceMapping")
            stateReason = try node.decodeIfPresent("stateReason")
            sourceInstanceId = try node.decodeIfPresent("sourceInstanceId")
            sourceImageId = try node.decodeIfPresent("sourceImageId")
            sourceImageRegion = try node.decodeIfPresent("sourceImageRegion")
            imageAllowed = try node.decodeIfPresent("imageAllowed")
            tags = try node.decodeItems("tagSet")
        }
    }

    /// A launch permission (`<launchPermission><item>`): exactly one of its fields is set.
    public struct LaunchPermission: Sendable, Hashable, XMLDecodable {
        /// `OrganizationArn` / `organizationArn`.
        public var organizationArn: String?
        /// `OrganizationalUnitArn` / `organizationalUnitArn`.
        public var organizationalUnitArn: String?
        /// `UserId` / `userId`: an account ID.
        public var userId: String?
        /// `Group` / `group`: `all` makes the image public.
        public var group: String?

        /// Creates a permission; set exactly one field.
        public init(
            userId: String? = nil, group: String? = nil, organizationArn: String? = nil,
            organizationalUnitArn: String? = nil
        ) {
            self.organizationArn = organizationArn
            self.organizationalUnitArn = organizationalUnitArn
            self.userId = userId
            self.group = group
        }

        /// Permission for one account.
        public static func account(_ accountId: String) -> LaunchPermission { LaunchPermission(userId: accountId) }

        /// Reads the `<item>` fields.
        public init(xml node: XMLNode) throws {
            organizationArn = try node.decodeIfPresent("organizationArn")
            organizationalUnitArn = try node.decodeIfPresent("organizationalUnitArn")
            userId = try node.decodeIfPresent("userId")
            group = try node.decodeIfPresent("group")
        }
    }
}
