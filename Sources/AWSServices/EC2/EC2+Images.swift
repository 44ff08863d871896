import AWSCore
import Foundation

extension EC2 {
    /// DescribeImages input (paginated by `NextToken`).
    public struct DescribeImagesInput: AWSQueryInput, Hashable {
        /// `DescribeImages`.
        public static let action = "DescribeImages"
        /// `ExecutableBy.N` (`self` or account IDs): images these accounts may launch.
        public var executableUsers: [String]
        /// `ImageId.N`.
        public var imageIds: [String]
        /// `Owner.N` (`self`, `amazon`, account IDs).
        public var owners: [String]
        /// `IncludeDeprecated`.
        public var includeDeprecated: Bool?
        /// `MaxResults`.
        public var maxResults: Int?
        /// `NextToken`.
        public var nextToken: String?
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Filter.N`.
        public var filters: [Filter]

        /// Creates the input.
        public init(
            imageIds: [String] = [], owners: [String] = [], executableUsers: [String] = [], filters: [Filter] = [],
            includeDeprecated: Bool? = nil, maxResults: Int? = nil, nextToken: String? = nil, dryRun: Bool? = nil
        ) {
            self.executableUsers = executableUsers
            self.imageIds = imageIds
            self.owners = owners
            self.includeDeprecated = includeDeprecated
            self.maxResults = maxResults
            self.nextToken = nextToken
            self.dryRun = dryRun
            self.filters = filters
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addList("ExecutableBy", executableUsers)
            parameters.addList("ImageId", imageIds)
            parameters.addList("Owner", owners)
            parameters.add("IncludeDeprecated", includeDeprecated)
            parameters.add("MaxResults", maxResults)
            parameters.add("NextToken", nextToken)
            parameters.add("DryRun", dryRun)
            parameters.addFilters(filters)
        }
    }

    /// DescribeImages output: one page.
    public struct DescribeImagesOutput: Sendable, Hashable, XMLDecodable {
        /// `imagesSet`.
        public var images: [Image]
        /// `nextToken`; nil or empty on the last page.
        public var nextToken: String?

        /// Reads `<imagesSet>` and `<nextToken>`.
        public init(xml node: XMLNode) throws {
            images = try node.decodeItems("imagesSet")
            nextToken = try node.decodeIfPresent("nextToken")
        }
    }

    /// DescribeImages: read-only, one page.
    public static func describeImages(_ input: DescribeImagesInput) -> AWSOperation<DescribeImagesOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// Every page of DescribeImages, each request sent by `send` with the previous page's `nextToken`.
    public static func describeImagesPages(
        _ input: DescribeImagesInput,
        send: @escaping @Sendable (AWSOperation<DescribeImagesOutput>) async throws -> DescribeImagesOutput
    ) -> Paginator<DescribeImagesOutput> {
        Paginator(startingToken: input.nextToken) { token in
            var page = input
            page.nextToken = token
            let output = try await send(describeImages(page))
            return (output, output.nextToken)
        }
    }

    /// CreateImage input. Has no ClientToken: find the image again by a tag before repeating.
    public struct CreateImageInput: AWSQueryInput, Hashable {
        /// `CreateImage`.
        public static let action = "CreateImage"
        /// `TagSpecification.N` (`image`, `snapshot`).
        public var tagSpecifications: [TagSpecification]
        /// `DryRun`.
        public var dryRun: Bool?
        /// `InstanceId`.
        public var instanceId: String
        /// `Name`.
        public var name: String
        /// `Description`.
        public var description: String?
        /// `NoReboot`: image the running instance without stopping it.
        public var noReboot: Bool?

        /// Creates the input.
        public init(
            instanceId: String, name: String, description: String? = nil, noReboot: Bool? = nil,
            tagSpecifications: [TagSpecification] = [], dryRun: Bool? = nil
        ) {
            self.tagSpecifications = tagSpecifications
            self.dryRun = dryRun
            self.instanceId = instanceId
            self.name = name
            self.description = description
            self.noReboot = noReboot
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.addTagSpecifications(tagSpecifications)
            parameters.add("DryRun", dryRun)
            parameters.add("InstanceId", instanceId)
            parameters.add("Name", name)
            parameters.add("Description", description)
            parameters.add("NoReboot", noReboot)
        }
    }

    /// CopyImage input, called in the destination account and Region.
    public struct CopyImageInput: AWSQueryInput, Hashable {
        /// `CopyImage`.
        public static let action = "CopyImage"
        /// `ClientToken`: generated once by the caller and sent unchanged on every attempt.
        public var clientToken: String
        /// `Description`.
        public var description: String?
        /// `Encrypted`: must be true when `kmsKeyId` is set.
        public var encrypted: Bool?
        /// `KmsKeyId`: the destination key to re-encrypt with.
        public var kmsKeyId: String?
        /// `Name`.
        public var name: String
        /// `SourceImageId`.
        public var sourceImageId: String
        /// `SourceRegion`.
        public var sourceRegion: String
        /// `CopyImageTags`.
        public var copyImageTags: Bool?
        /// `TagSpecification.N`.
        public var tagSpecifications: [TagSpecification]
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input. `clientToken` defaults to a fresh UUID made here, once per input, so every attempt
        /// sends the same token and retries never copy twice; pass a journaled token to keep that across processes.
        public init(
            sourceImageId: String, sourceRegion: String, name: String, clientToken: String = UUID().uuidString.lowercased(),
            description: String? = nil, encrypted: Bool? = nil, kmsKeyId: String? = nil, copyImageTags: Bool? = nil,
            tagSpecifications: [TagSpecification] = [], dryRun: Bool? = nil
        ) {
            self.clientToken = clientToken
            self.description = description
            self.encrypted = encrypted
            self.kmsKeyId = kmsKeyId
            self.name = name
            self.sourceImageId = sourceImageId
            self.sourceRegion = sourceRegion
            self.copyImageTags = copyImageTags
            self.tagSpecifications = tagSpecifications
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("ClientToken", clientToken)
            parameters.add("Description", description)
            parameters.add("Encrypted", encrypted)
            parameters.add("KmsKeyId", kmsKeyId)
            parameters.add("Name", name)
            parameters.add("SourceImageId", sourceImageId)
            parameters.add("SourceRegion", sourceRegion)
            parameters.add("CopyImageTags", copyImageTags)
            parameters.addTagSpecifications(tagSpecifications)
            parameters.add("DryRun", dryRun)
        }
    }

    /// CreateImage / CopyImage output.
    public struct ImageIdOutput: Sendable, Hashable, XMLDecodable {
        /// `imageId` of the new AMI.
        public var imageId: String

        /// An output naming `imageId` (a reconcile step reports an image it found this way).
        public init(imageId: String) {
            self.imageId = imageId
        }

        /// Reads `<imageId>`.
        public init(xml node: XMLNode) throws {
            imageId = try node.decode("imageId")
        }
    }

    /// CreateImage: mutating, no idempotency token.
    public static func createImage(_ input: CreateImageInput) -> AWSOperation<ImageIdOutput> {
        operation(input, idempotency: .notIdempotent)
    }

    /// CopyImage: mutating, made idempotent by its `ClientToken`.
    public static func copyImage(_ input: CopyImageInput) -> AWSOperation<ImageIdOutput> {
        operation(input, idempotency: .clientToken)
    }
}
