/// A successful EC2-protocol or Query-protocol response: the element holding the result, and the request id.
public struct AWSXMLResponse: Sendable, Hashable {
    /// The document's root element (`DescribeInstancesResponse`, `AssumeRoleResponse`).
    public var root: XMLNode
    /// Where the output fields are: the root for EC2, `<ActionResult>` for the Query protocol (an empty
    /// node with that path when the operation has no output).
    public var result: XMLNode
    /// `<requestId>` (EC2), `<ResponseMetadata><RequestId>` (Query), or the `x-amzn-RequestId` header.
    public var requestID: String?

    /// Creates a response value.
    public init(root: XMLNode, result: XMLNode, requestID: String?) {
        self.root = root
        self.result = result
        self.requestID = requestID
    }
}
