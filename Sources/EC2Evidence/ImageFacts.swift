/// What EC2 DescribeImages says about an image, as plain values: the input `ImageFamily.infer` reads.
///
/// Every field is optional because a shared or deregistered image may show only some of them, and a caller may
/// know the image only from an instance (PlatformDetails and UsageOperation are on DescribeInstances too).
public struct ImageFacts: Sendable, Hashable {
    /// `OwnerId`: the 12-digit account that owns the image.
    public var ownerId: String?
    /// `ImageOwnerAlias`: `amazon` or `aws-marketplace` for images AWS vouches for; absent for everyone else's.
    public var ownerAlias: String?
    /// `Name`: free text for custom images, a fixed pattern for the big publishers' images.
    public var name: String?
    /// `Description`: free text.
    public var description: String?
    /// `PlatformDetails`: the billing platform, such as `Linux/UNIX`, `Red Hat Enterprise Linux` or `Windows`.
    public var platformDetails: String?
    /// `UsageOperation`: the billing code, such as `RunInstances:0010`.
    public var usageOperation: String?
    /// `Platform`: `windows` for Windows images, absent otherwise.
    public var platform: String?

    /// Creates facts; every field defaults to absent.
    public init(ownerId: String? = nil, ownerAlias: String? = nil, name: String? = nil, description: String? = nil,
                platformDetails: String? = nil, usageOperation: String? = nil, platform: String? = nil) {
        self.ownerId = ownerId
        self.ownerAlias = ownerAlias
        self.name = name
        self.description = description
        self.platformDetails = platformDetails
        self.usageOperation = usageOperation
        self.platform = platform
    }
}
