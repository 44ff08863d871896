import AWSCore

/// The output of an operation whose reply carries no modelled fields (ModifyImageAttribute,
/// ModifySnapshotAttribute, ModifyInstanceAttribute): a 2xx response is the whole answer.
public struct AWSEmptyOutput: Sendable, Hashable, XMLDecodable, Decodable {
    /// Creates the empty output.
    public init() {}

    /// Accepts any result element; EC2 may add `<return>true</return>`, which carries nothing more.
    public init(xml node: XMLNode) throws {}

    /// Accepts any JSON object.
    public init(from decoder: any Decoder) throws {}
}
