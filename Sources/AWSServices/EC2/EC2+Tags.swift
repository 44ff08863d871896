import AWSCore

extension EC2 {
    /// CreateTags input. Has no ClientToken, but tagging is a set operation: repeating it leaves the same tags.
    public struct CreateTagsInput: AWSQueryInput, Hashable {
        /// `CreateTags`.
        public static let action = "CreateTags"
        /// `DryRun`.
        public var dryRun: Bool?
        /// `ResourceId.N`: the images, snapshots, instances, … to tag.
        public var resources: [String]
        /// `Tag.N.Key` / `Tag.N.Value`.
        public var tags: [Tag]

        /// Creates the input.
        public init(resources: [String], tags: [Tag], dryRun: Bool? = nil) {
            self.dryRun = dryRun
            self.resources = resources
            self.tags = tags
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("DryRun", dryRun)
            parameters.addList("ResourceId", resources)
            parameters.addTags("Tag", tags)
        }
    }

    /// CreateTags: sets tags, so a repeat leaves the same tags: "If you specify a tag key that is already
    /// associated with the resource, the new tag value you specify overwrites the previous tag value"
    /// (API_CreateTags.html), hence `repeatable`.
    public static func createTags(_ input: CreateTagsInput) -> AWSOperation<AWSEmptyOutput> {
        operation(input, idempotency: .repeatable)
    }
}
