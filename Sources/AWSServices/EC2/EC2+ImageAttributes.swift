import AWSCore

extension EC2 {
    /// DescribeImageAttribute input.
    public struct DescribeImageAttributeInput: AWSQueryInput, Hashable {
        /// `DescribeImageAttribute`.
        public static let action = "DescribeImageAttribute"
        /// `Attribute` (`launchPermission`, `description`, …).
        public var attribute: String
        /// `ImageId`.
        public var imageId: String
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input.
        public init(imageId: String, attribute: String = "launchPermission", dryRun: Bool? = nil) {
            self.attribute = attribute
            self.imageId = imageId
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("Attribute", attribute)
            parameters.add("ImageId", imageId)
            parameters.add("DryRun", dryRun)
        }
    }

    /// DescribeImageAttribute output: the attribute asked for is set.
    public struct DescribeImageAttributeOutput: Sendable, Hashable, XMLDecodable {
        /// `imageId`.
        public var imageId: String?
        /// `launchPermission`: who besides the owner may launch the image.
        public var launchPermissions: [LaunchPermission]
        /// `description/value`.
        public var description: String?

        /// Reads `<imageId>`, `<launchPermission>` and `<description><value>`.
        public init(xml node: XMLNode) throws {
            imageId = try node.decodeIfPresent("imageId")
            launchPermissions = try node.decodeItems("launchPermission")
            description = try node["description"]?.decodeIfPresent("value")
        }
    }

    /// DescribeImageAttribute: read-only.
    public static func describeImageAttribute(
        _ input: DescribeImageAttributeInput
    ) -> AWSOperation<DescribeImageAttributeOutput> {
        operation(input, idempotency: .readOnly)
    }

    /// ModifyImageAttribute input in the `LaunchPermission.Add/Remove.N.*` form.
    public struct ModifyImageAttributeInput: AWSQueryInput, Hashable {
        /// `ModifyImageAttribute`.
        public static let action = "ModifyImageAttribute"
        /// `ImageId`.
        public var imageId: String
        /// `LaunchPermission.Add.N`.
        public var add: [LaunchPermission]
        /// `LaunchPermission.Remove.N`.
        public var remove: [LaunchPermission]
        /// `DryRun`.
        public var dryRun: Bool?

        /// Creates the input; give `add`, `remove` or both.
        public init(imageId: String, add: [LaunchPermission] = [], remove: [LaunchPermission] = [], dryRun: Bool? = nil)
        {
            self.imageId = imageId
            self.add = add
            self.remove = remove
            self.dryRun = dryRun
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("ImageId", imageId)
            if !add.isEmpty || !remove.isEmpty {
                parameters.addStructure("LaunchPermission") { modifications in
                    modifications.addLaunchPermissions("Add", add)
                    modifications.addLaunchPermissions("Remove", remove)
                }
            }
            parameters.add("DryRun", dryRun)
        }
    }

    /// ModifyImageAttribute: no token, but `LaunchPermission.Add`/`.Remove` add entries to and remove them from
    /// the image's set of launch permissions (API_ModifyImageAttribute.html, API_LaunchPermissionModifications.html),
    /// so a repeat leaves the same set; hence `repeatable` rather than a reconcile step.
    public static func modifyImageAttribute(_ input: ModifyImageAttributeInput) -> AWSOperation<AWSEmptyOutput> {
        operation(input, idempotency: .repeatable)
    }
}

extension QueryParameters {
    /// `Name.N.OrganizationArn/OrganizationalUnitArn/UserId/Group`, in the model's member order.
    mutating func addLaunchPermissions(_ name: String, _ permissions: [EC2.LaunchPermission]) {
        addStructureList(name, permissions) { permission, fields in
            fields.add("OrganizationArn", permission.organizationArn)
            fields.add("OrganizationalUnitArn", permission.organizationalUnitArn)
            fields.add("UserId", permission.userId)
            fields.add("Group", permission.group)
        }
    }
}
