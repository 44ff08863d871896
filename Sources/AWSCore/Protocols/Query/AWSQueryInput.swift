/// A typed request of an EC2-protocol or Query-protocol operation: its action and how its fields go on the wire.
///
/// ## Usage
/// ```swift
/// struct DescribeKeyPairsInput: AWSQueryInput {
///     static let action = "DescribeKeyPairs"
///     var keyNames: [String] = []
///     var includePublicKey: Bool?
///     func encode(to parameters: inout QueryParameters) {
///         parameters.addList("KeyName", keyNames)          // wire names from ec2-wire-names.txt
///         parameters.add("IncludePublicKey", includePublicKey)
///     }
/// }
/// let request = AWSQueryProtocol.ec2.request(for: DescribeKeyPairsInput(keyNames: ["old-key"]))
/// ```
public protocol AWSQueryInput: Sendable {
    /// The `Action` parameter (`DescribeKeyPairs`), also the stem of the response's root element.
    static var action: String { get }

    /// Adds this request's parameters; `Action` and `Version` are already there.
    func encode(to parameters: inout QueryParameters)
}
