import Foundation

/// A value that can be read from one XML element of an AWS response.
///
/// Service shapes conform by reading their fields from the node; the scalar types below conform
/// already. Errors name the node's path.
///
/// ## Usage
/// ```swift
/// struct KeyPairInfo: XMLDecodable {
///     var keyName: String
///     var keyFingerprint: String?
///     var tags: [Tag]
///     init(xml node: XMLNode) throws {
///         keyName = try node.decode("keyName")
///         keyFingerprint = try node.decodeIfPresent("keyFingerprint")
///         tags = try node.decodeItems("tagSet")
///     }
/// }
/// ```
public protocol XMLDecodable {
    /// Reads the value from `node`.
    init(xml node: XMLNode) throws

    /// Whether an element with no text means "no value" for this type (true for numbers, booleans
    /// and dates, where `<volumeSize/>` carries nothing; false for strings, where it is "").
    static var xmlEmptyElementMeansAbsent: Bool { get }
}

extension XMLDecodable {
    /// Structures decode even from an empty element; their own required fields then report what is missing.
    public static var xmlEmptyElementMeansAbsent: Bool { false }
}

extension XMLNode {
    /// The required child `name`, decoded.
    ///
    /// - Throws: `AWSDecodingError` naming the path when the child is missing or not a `T`.
    public func decode<T: XMLDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        let child = try require(name)
        if T.xmlEmptyElementMeansAbsent, child.children.isEmpty, child.trimmedText.isEmpty {
            throw AWSDecodingError(path: child.path, reason: .missing)
        }
        return try T(xml: child)
    }

    /// The optional child `name`, decoded; nil when absent (or empty, for numbers, booleans and dates).
    ///
    /// - Throws: `AWSDecodingError` naming the path when the child is present but not a `T`.
    public func decodeIfPresent<T: XMLDecodable>(_ name: String, as type: T.Type = T.self) throws -> T? {
        guard let child = self[name] else { return nil }
        if T.xmlEmptyElementMeansAbsent, child.children.isEmpty, child.trimmedText.isEmpty { return nil }
        return try T(xml: child)
    }

    /// The entries of the EC2 list `<setName><item>…</item></setName>`, decoded; empty when absent.
    public func decodeItems<T: XMLDecodable>(_ setName: String, as type: T.Type = T.self) throws -> [T] {
        try items(setName).map { try T(xml: $0) }
    }

    /// The entries of the Query-protocol list `<listName><member>…</member></listName>`, decoded; empty when absent.
    public func decodeMembers<T: XMLDecodable>(_ listName: String, as type: T.Type = T.self) throws -> [T] {
        try (self[listName]?.members ?? []).map { try T(xml: $0) }
    }

    /// The child `name`'s text as base64 bytes; nil when the child is absent or empty (EC2 sends an empty
    /// `<output/>` for a console with nothing in it yet).
    public func decodeBase64IfPresent(_ name: String) throws -> [UInt8]? {
        guard let child = self[name], !child.trimmedText.isEmpty else { return nil }
        return try child.scalar("base64", \.base64Bytes)
    }

    /// This node's text read by `read`, or an `.invalidValue` error naming the path.
    func scalar<T>(_ expected: String, _ read: (XMLNode) -> T?) throws -> T {
        guard let value = read(self) else {
            throw AWSDecodingError(path: path, reason: .invalidValue(found: trimmedText, expected: expected))
        }
        return value
    }
}

/// Strings read the element's text as is.
extension String: XMLDecodable {
    /// The element's text, exactly as sent.
    public init(xml node: XMLNode) throws { self = node.text }
}

/// Integers read decimal text.
extension Int: XMLDecodable {
    /// The element's text as a decimal integer.
    public init(xml node: XMLNode) throws { self = try node.scalar("an integer", \.int) }
    /// Empty elements carry no number.
    public static var xmlEmptyElementMeansAbsent: Bool { true }
}

/// 64-bit integers read decimal text (EC2 `long` members).
extension Int64: XMLDecodable {
    /// The element's text as a 64-bit decimal integer.
    public init(xml node: XMLNode) throws { self = try node.scalar("an integer", \.int64) }
    /// Empty elements carry no number.
    public static var xmlEmptyElementMeansAbsent: Bool { true }
}

/// Floating-point numbers read decimal text.
extension Double: XMLDecodable {
    /// The element's text as a floating-point number.
    public init(xml node: XMLNode) throws { self = try node.scalar("a number", \.double) }
    /// Empty elements carry no number.
    public static var xmlEmptyElementMeansAbsent: Bool { true }
}

/// Booleans read `true` / `false`.
extension Bool: XMLDecodable {
    /// `true` or `false`.
    public init(xml node: XMLNode) throws { self = try node.scalar("true or false", \.bool) }
    /// Empty elements carry no boolean.
    public static var xmlEmptyElementMeansAbsent: Bool { true }
}

/// Dates read ISO 8601 timestamps.
extension Date: XMLDecodable {
    /// The element's text as an ISO 8601 timestamp.
    public init(xml node: XMLNode) throws { self = try node.scalar("an ISO 8601 timestamp", \.date) }
    /// Empty elements carry no timestamp.
    public static var xmlEmptyElementMeansAbsent: Bool { true }
}
