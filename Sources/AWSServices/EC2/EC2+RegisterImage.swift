import AWSCore

extension EC2 {
    /// RegisterImage input, the members needed to register an image without block device mappings (an S3
    /// manifest, or an emulator's base image). Has no ClientToken.
    public struct RegisterImageInput: AWSQueryInput, Hashable {
        /// `RegisterImage`.
        public static let action = "RegisterImage"
        /// `ImageLocation`: the S3 manifest of an instance-store image.
        public var imageLocation: String?
        /// `BootMode` (`legacy-bios`, `uefi`, `uefi-preferred`).
        public var bootMode: String?
        /// `TagSpecification.N` (`image`, `snapshot`).
        public var tagSpecifications: [TagSpecification]
        /// `DryRun`.
        public var dryRun: Bool?
        /// `Name`.
        public var name: String
        /// `Description`.
        public var description: String?
        /// `Architecture` (`x86_64`, `arm64`, …).
        public var architecture: String?
        /// `RootDeviceName` (`/dev/xvda`).
        public var rootDeviceName: String?
        /// `VirtualizationType` (`hvm`, `paravirtual`).
        public var virtualizationType: String?
        /// `EnaSupport`.
        public var enaSupport: Bool?

        /// Creates the input.
        public init(
            name: String, imageLocation: String? = nil, description: String? = nil, architecture: String? = nil,
            rootDeviceName: String? = nil, virtualizationType: String? = nil, bootMode: String? = nil,
            enaSupport: Bool? = nil, tagSpecifications: [TagSpecification] = [], dryRun: Bool? = nil
        ) {
            self.imageLocation = imageLocation
            self.bootMode = bootMode
            self.tagSpecifications = tagSpecifications
            self.dryRun = dryRun
            self.name = name
            self.description = description
            self.architecture = architecture
            self.rootDeviceName = rootDeviceName
            self.virtualizationType = virtualizationType
            self.enaSupport = enaSupport
        }

        /// Writes the parameters in the model's member order.
        public func encode(to parameters: inout QueryParameters) {
            parameters.add("ImageLocation", imageLocation)
            parameters.add("BootMode", bootMode)
            parameters.addTagSpecifications(tagSpecifications)
            parameters.add("DryRun", dryRun)
            parameters.add("Name", name)
            parameters.add("Description", description)
            parameters.add("Architecture", architecture)
            parameters.add("RootDeviceName", rootDeviceName)
            parameters.add("VirtualizationType", virtualizationType)
            parameters.add("EnaSupport", enaSupport)
        }
    }

    /// RegisterImage: mutating, no idempotency token (a repeat registers a second image, or fails on the name).
    public static func registerImage(_ input: RegisterImageInput) -> AWSOperation<ImageIdOutput> {
        operation(input, idempotency: .notIdempotent)
    }
}
