import Foundation

extension EC2 {
    /// The tag a created resource carries so a retry can find it again after an ambiguous failure: a value unique
    /// to one logical call (a UUID), kept in the caller's journal when it must survive the process.
    public static let requestTagKey = "amikey:request"
}

extension EC2.CreateImageInput {
    /// The value of the image's ``EC2/requestTagKey`` tag, if its `image` TagSpecification has one.
    public var requestTag: String? {
        tagSpecifications.lazy.filter { $0.resourceType == "image" }.flatMap(\.tags)
            .first { $0.key == EC2.requestTagKey }?.value
    }

    /// This input with an ``EC2/requestTagKey`` tag on the image: kept when present, else a fresh UUID added to the
    /// `image` TagSpecification (created when absent).
    public func withRequestTag() -> EC2.CreateImageInput {
        guard requestTag == nil else { return self }
        var input = self
        let tag = EC2.Tag(key: EC2.requestTagKey, value: UUID().uuidString.lowercased())
        if let index = input.tagSpecifications.firstIndex(where: { $0.resourceType == "image" }) {
            input.tagSpecifications[index].tags.append(tag)
        } else {
            input.tagSpecifications.append(EC2.TagSpecification(resourceType: "image", tags: [tag]))
        }
        return input
    }
}
