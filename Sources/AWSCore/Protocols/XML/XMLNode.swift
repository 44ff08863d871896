import Foundation

/// One element of an AWS XML response, with its children, text and path, read-only.
///
/// Built by `init(parsing:)` on FoundationXML's `XMLParser`. Element names are **local names**:
/// a prefix (`ec2:item`) is dropped and namespaces are ignored, since EC2 success bodies carry
/// `xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"`, moto drops the trailing slash, and error
/// bodies have none (aws-wire.md §4.1). Character data and CDATA sections are joined into `text`;
/// entities are resolved; comments and processing instructions are skipped.
///
/// Every node knows its `path` from the root, so a missing field can be named precisely:
/// list entries (`item`, `member`) and repeated names get a 0-based index —
/// `DescribeImagesResponse.imagesSet.item[2].imageId` is `imageId` in the third image.
///
/// ## Usage
/// ```swift
/// let root = try XMLNode(parsing: response.body)
/// for reservation in root.items("reservationSet") {
///     for instance in reservation.items("instancesSet") {
///         let id: String = try instance.decode("instanceId")
///         let state = instance["instanceState"]?["name"]?.text      // optional access
///         let launched: Date? = try instance.decodeIfPresent("launchTime")
///     }
/// }
/// ```
public struct XMLNode: Sendable, Hashable, CustomStringConvertible {
    /// The element's local name (`reservationSet`).
    public let name: String
    /// Dotted path from the root, with `[i]` for list entries (`DescribeInstancesResponse.reservationSet.item[0]`).
    public let path: String
    /// Attributes by their local name (AWS responses use none but `xmlns`, which is kept).
    public let attributes: [String: String]
    /// Child elements in document order.
    public let children: [XMLNode]
    /// The element's own character data and CDATA, joined, entities resolved, whitespace kept.
    public let text: String

    /// Creates a node; parsers and tests use it.
    public init(
        name: String, path: String? = nil, attributes: [String: String] = [:], children: [XMLNode] = [],
        text: String = ""
    ) {
        self.name = name
        self.path = path ?? name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// Parses a whole document and returns its root element.
    ///
    /// - Throws: `AWSDecodingError` with reason `.malformed` when the bytes are not well-formed XML.
    public init(parsing bytes: [UInt8]) throws {
        self = try XMLTreeParser.parse(bytes)
    }

    /// Parses a whole document given as text.
    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    /// The first child with this local name, or nil.
    public subscript(name: String) -> XMLNode? {
        children.first { $0.name == name }
    }

    /// Every child with this local name, in order.
    public func children(named name: String) -> [XMLNode] {
        children.filter { $0.name == name }
    }

    /// The `<item>` children: the entries of an EC2 list (`<reservationSet><item>…`).
    public var items: [XMLNode] { children(named: "item") }

    /// The `<member>` children: the entries of a Query-protocol list (`<Tags><member>…`).
    public var members: [XMLNode] { children(named: "member") }

    /// The entries of the EC2 list child `setName`, empty when it is absent or empty (`<keySet/>`).
    public func items(_ setName: String) -> [XMLNode] {
        self[setName]?.items ?? []
    }

    /// The first element with this local name anywhere below this one, depth first.
    public func firstDescendant(named name: String) -> XMLNode? {
        for child in children {
            if child.name == name { return child }
            if let found = child.firstDescendant(named: name) { return found }
        }
        return nil
    }

    /// The child `name`, or an `AWSDecodingError` naming its path.
    public func require(_ name: String) throws -> XMLNode {
        guard let child = self[name] else { throw AWSDecodingError(path: childPath(name), reason: .missing) }
        return child
    }

    /// `<path>` with its text, for test failures and debug logs.
    public var description: String { "<\(path)> \(text.trimmingCharacters(in: .whitespacesAndNewlines))" }

    func childPath(_ childName: String) -> String { path + "." + childName }
}
