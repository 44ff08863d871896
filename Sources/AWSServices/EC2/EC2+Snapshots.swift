import AWSCore
import Foundation

extension EC2 {
    /// One EBS snapshot (`<snapshotSet><item>`).
    public struct Snapshot: Sendable, Hashable, XMLDecodable {
        /// `snapshotId`.
        public var snapshotId: String
        /// `status` (`pending`, `completed`, `error`, …).
        public var state: String?
        /// `ownerId`.
        public var ownerId: String?
        /// `volumeId`.
        public var volumeId: String?
        /// `volumeSize` in GiB.
        public var volumeSize: Int?
        /// `encrypted`.
        public var encrypted: Bool?
        /// `kmsKeyId`.
        public var kmsKeyId: String?
        /// `progress` (`42%`).
        public var progress: String?
        /// `startTime`.
        public var startTime: Date?
        /// `description`.
        public var description: String?
        /// `tagSet`.
        public var tags: [Tag]

        /// Reads one `<item>`.
        public init(xml node: XMLNode) throws {
            snapshotId = try node.decode("snapshotId")
            state = try node.decodeIfPresent("status")
            ownerId = try node.decodeIfPresent("ownerId")
            volumeId = try node.decodeIfPresent("volumeId")
            volumeSize = try node.decodeIfPresent("volumeSize")
            encrypted = try node.decodeIfPresent("encrypted")
            kmsKeyId = try node.decodeIfPresent("kmsKeyId")
            progress = try node.decodeIfPresent("progress")
            startTime = try node.decodeIfPresent("startTime")
            description = try node.decodeIfPresent("description")
            tags = try node.decodeItems("tagSet")
        }
    }

    /// DescribeSnapshots input (paginated by `NextToken`).
    public struct DescribeSnapshotsInput: AWSQueryInput, Hashable {
        /// `DescribeSnapshots`.
        public static let action = "DescribeSnapshots"
        /// `MaxResults`.
        public var maxResults: Int?
        /// `NextToken`.
        public var nextToken: String?
        /// `Owner.N`.
        public var ownerIds: [String]
        /// `RestorableBy.N` (`self` or account IDs).
        public var restorableByUserIds: [String]
        /// `SnapshotId.N`.
        public var snapshotIds: [String]
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Filter.N`.
        public var filters: [Filter]

        /// Creates the input.
        public init(
            snapshotIds: [String] = [], ownerIds: [String] = [], restorableByUserIds: [String] = [],
            filters: [Filter] = [], maxResults: Int? = nil, nextToken: String? = nil, dryRun: Bool? = nil
        ) {
            self.maxResults = maxResults
            self.nextToken = nextToken
            self.ownerIds = ownerIds
            self.restorableByUserIds = restorableByUserIds
            self.snapshotIds = snapshotIds
            self.dryRun = dryRun
            self.filters = filters
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("MaxResults", maxResults)
            parameters.add("NextToken", nextToken)
            parameters.addList("Owner", ownerIds)
            parameters.addList("RestorableBy", restorableByUserIds)
            parameters.addList("SnapshotId", snapshotIds)
            parameters.add("DryRun", dryRun)
            parameters.addFilters(filters)
        }
    }

    /// DescribeSnapshots output: one page.
    public struct DescribeSnapshotsOutput: Sendable, Hashable, XMLDecodable {
        /// `snapshotSet`.
        public var snapshots: [Snapshot]
        /// `nextToken`; nil or empty on the last page.
        public var nextToken: String?

        /// Reads `<snapshotSet>` and `<nextToken>`.
        public init(xml node: XMLNode) throws {
            snapshots = try node.decodeItems("snapshotSet")
            nextToken = try node.decodeIfPresent("nextToken")
        }
    }

    /// DescribeSnapshots: read-only, one page.
    public static func describeSnapshots(_ input: DescribeSnapshotsInput) -> AWSOperation<DescribeSnapshotsOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// Every page of DescribeSnapshots, each request sent by `send` with the previous page's `nextToken`.
    public static func describeSnapshotsPages(
        _ input: DescribeSnapshotsInput,
        send: @escaping @Sendable (AWSOperation<DescribeSnapshotsOutput>) async throws -> DescribeSnapshotsOutput
    ) -> Paginator<DescribeSnapshotsOutput> {
        Paginator(startingToken: input.nextToken) { token in
            var page = input
            page.nextToken = token
            let output = try await send(describeSnapshots(page))
            return (output, output.nextToken)
        }
    }

    /// ModifySnapshotAttribute input in the `CreateVolumePermission.Add/Remove.N.*` form.
    public struct ModifySnapshotAttributeInput: AWSQueryInput, Hashable {
        /// `ModifySnapshotAttribute`.
        public static let action = "ModifySnapshotAttribute"
        /// `Attribute`, always `createVolumePermission`.
        public var attribute: String { "createVolumePermission" }
        /// `CreateVolumePermission.Add.N.UserId` account IDs.
        public var addUserIds: [String]
        /// `CreateVolumePermission.Remove.N.UserId` account IDs.
        public var removeUserIds: [String]
        /// `SnapshotId`.
        public var snapshotId: String
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input; AWS refuses adding and removing in one call, so give one list.
        public init(snapshotId: String, addUserIds: [String] = [], removeUserIds: [String] = [], dryRun: Bool? = nil) {
            self.addUserIds = addUserIds
            self.removeUserIds = removeUserIds
            self.snapshotId = snapshotId
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("Attribute", attribute)
            parameters.addStructure("CreateVolumePermission") { modifications in
                modifications.addStructureList("Add", addUserIds) { $1.add("UserId", $0) }
                modifications.addStructureList("Remove", removeUserIds) { $1.add("UserId", $0) }
            }
            parameters.add("SnapshotId", snapshotId)
            parameters.add("DryRun", dryRun)
        }
    }

    /// ModifySnapshotAttribute: no token, but `CreateVolumePermission.Add`/`.Remove` add accounts to and remove them
    /// from the snapshot's set of create-volume permissions (API_CreateVolumePermissionModifications.html), so a
    /// repeat leaves the same set; hence `repeatable`.
    public static func modifySnapshotAttribute(_ input: ModifySnapshotAttributeInput) -> AWSOperation<AWSEmptyOutput> {
        operation(input, idempotency: .repeatable)
    }
}
