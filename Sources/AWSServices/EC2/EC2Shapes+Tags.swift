import AWSCore

extension EC2 {
    /// A resource tag (`<item><key/><value/></item>` in a `tagSet`).
    public struct Tag: Sendable, Hashable, XMLDecodable {
        /// The tag key.
        public var key: String
        /// The tag value (AWS allows an empty one).
        public var value: String

        /// Creates a tag.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }

        /// Reads `<key>` (required) and `<value>` (empty when absent).
        public init(xml node: XMLNode) throws {
            key = try node.decode("key")
            value = try node.decodeIfPresent("value") ?? ""
        }
    }

    /// Tags to put on a resource as it is created (`TagSpecification.N.ResourceType`, `.Tag.N.Key/Value`).
    public struct TagSpecification: Sendable, Hashable {
        /// The kind of resource tagged (`key-pair`, `image`, `snapshot`, `instance`, `volume`).
        public var resourceType: String
        /// The tags.
        public var tags: [Tag]

        /// Creates a tag specification.
        public init(resourceType: String, tags: [Tag]) {
            self.resourceType = resourceType
            self.tags = tags
        }
    }

    /// A `Describe*` filter (`Filter.N.Name`, `Filter.N.Value.N`).
    public struct Filter: Sendable, Hashable {
        /// The filter name (`key-name`, `instance-state-name`, `tag:Name`).
        public var name: String
        /// The values, any of which matches.
        public var values: [String]

        /// Creates a filter.
        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }
}

extension QueryParameters {
    /// `TagSpecification.N.ResourceType` and `TagSpecification.N.Tag.N.Key/Value`; nothing for an empty list.
    mutating func addTagSpecifications(_ specifications: [EC2.TagSpecification]) {
        addStructureList("TagSpecification", specifications) { specification, entry in
            entry.add("ResourceType", specification.resourceType)
            entry.addTags("Tag", specification.tags)
        }
    }

    /// `Name.N.Key` / `Name.N.Value`.
    mutating func addTags(_ name: String, _ tags: [EC2.Tag]) {
        addStructureList(name, tags) { tag, fields in
            fields.add("Key", tag.key)
            fields.add("Value", tag.value)
        }
    }

    /// `Filter.N.Name` and `Filter.N.Value.N`; nothing for an empty list.
    mutating func addFilters(_ filters: [EC2.Filter]) {
        addStructureList("Filter", filters) { filter, entry in
            entry.add("Name", filter.name)
            entry.addList("Value", filter.values)
        }
    }
}
