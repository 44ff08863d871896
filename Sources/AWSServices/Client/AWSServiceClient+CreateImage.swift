import AWSCore

extension AWSServiceClient {
    /// Creates an image, finding it again instead of creating a second one after an ambiguous failure.
    ///
    /// CreateImage has no ClientToken, so the image is tagged with ``EC2/requestTagKey`` (the caller's value, or a
    /// fresh UUID: ``EC2/CreateImageInput/withRequestTag()``); after a reset, timeout or 500, DescribeImages
    /// (Owner `self`, filter `tag:amikey:request`) looks for it before anything is resent.
    ///
    /// ```swift
    /// let input = EC2.CreateImageInput(instanceId: id, name: "migrate-\(id)").withRequestTag()
    /// journal.record(input.requestTag)                 // survives a crash: the next run finds the same image
    /// let imageId = try await aws.createImage(input).imageId
    /// ```
    /// - Throws: as ``send(_:isolation:)``.
    public func createImage(
        _ input: EC2.CreateImageInput, isolation: isolated (any Actor)? = #isolation
    ) async throws -> EC2.ImageIdOutput {
        let tagged = input.withRequestTag()
        guard let requestTag = tagged.requestTag else { preconditionFailure("withRequestTag() always tags the image") }
        return try await send(EC2.createImage(tagged)) {
            try await image(taggedWith: requestTag).map { EC2.ImageIdOutput(imageId: $0.imageId) }
        }
    }

    /// The caller's own image whose ``EC2/requestTagKey`` tag is `requestTag`, if one exists.
    public func image(
        taggedWith requestTag: String, isolation: isolated (any Actor)? = #isolation
    ) async throws -> EC2.Image? {
        let filter = EC2.Filter(name: "tag:\(EC2.requestTagKey)", values: [requestTag])
        return try await send(EC2.describeImages(.init(owners: ["self"], filters: [filter]))).images.first
    }
}
