import Foundation

/// The ordered `name=value` parameters of one EC2-protocol or Query-protocol (STS) request.
///
/// Names are the **wire names** (`InstanceId`, `Filter`, `TagSpecification`, `Tags` — see
/// `reference/ec2-wire-names.txt`); this type only applies the protocol's list rule and value
/// spelling, as botocore's `QuerySerializer` and `EC2Serializer` do (`serialize.py`):
///
/// | value | EC2 protocol | Query protocol |
/// |---|---|---|
/// | list | `Name.1`, `Name.2` (flattened); empty list omitted | `Name.member.1`; empty list sent as `Name=` |
/// | nested structure | `Name.Field` | `Name.Field` |
/// | Bool | `true` / `false` | same |
/// | blob | base64 | same |
/// | timestamp | ISO 8601 UTC (`AWSTimestamp`) | same |
///
/// A nil value is left out, like a parameter the caller never set.
///
/// ## Usage
/// ```swift
/// var parameters = AWSQueryProtocol.ec2.parameters(action: "RunInstances")
/// parameters.add("ImageId", "ami-0abcdef1234567890")
/// parameters.addList("SecurityGroupId", ["sg-1", "sg-2"])          // SecurityGroupId.1, SecurityGroupId.2
/// parameters.addStructureList("TagSpecification", specs) { spec, entry in
///     entry.add("ResourceType", spec.resourceType)
///     entry.addStructureList("Tag", spec.tags) { tag, fields in    // TagSpecification.1.Tag.1.Key
///         fields.add("Key", tag.key)
///         fields.add("Value", tag.value)
///     }
/// }
/// parameters.add("DryRun", false)
/// ```
public struct QueryParameters: Sendable, Hashable {
    /// How lists are spelled: the one difference between the EC2 and Query protocols that callers meet.
    public enum ListStyle: Sendable, Hashable {
        /// EC2 protocol: `Name.N`, never `member`; an empty list is left out (`EC2Serializer._serialize_type_list`).
        case ec2
        /// Query protocol (STS, IAM): `Name.member.N`; an empty list is sent as `Name=`
        /// (`QuerySerializer._serialize_type_list`, "The query protocol serializes empty lists").
        case query
    }

    /// One parameter as it will be encoded.
    public struct Field: Sendable, Hashable {
        /// The full dotted wire name (`Filter.1.Value.2`).
        public var name: String
        /// The value, unencoded.
        public var value: String
    }

    /// The list rule in force.
    public let listStyle: ListStyle
    /// The parameters in the order they were added.
    public private(set) var fields: [Field] = []
    /// The dotted prefix of a nested scope (`TagSpecification.1.`), empty at the top.
    private let prefix: String

    /// Creates an empty parameter list; `AWSQueryProtocol.parameters(action:)` also adds `Action` and `Version`.
    public init(listStyle: ListStyle) {
        self.init(listStyle: listStyle, prefix: "")
    }

    private init(listStyle: ListStyle, prefix: String) {
        self.listStyle = listStyle
        self.prefix = prefix
    }

    /// Adds a string parameter.
    public mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        fields.append(Field(name: prefix + name, value: value))
    }

    /// Adds a boolean as `true` / `false` (`_serialize_type_boolean`).
    public mutating func add(_ name: String, _ value: Bool?) {
        add(name, value.map { $0 ? "true" : "false" })
    }

    /// Adds an integer in decimal.
    public mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map { String($0) })
    }

    /// Adds a 64-bit integer (EC2 `long` members) in decimal.
    public mutating func add(_ name: String, _ value: Int64?) {
        add(name, value.map { String($0) })
    }

    /// Adds a floating-point number as Python's `str(float)` spells it (`_handle_float`).
    public mutating func add(_ name: String, _ value: Double?) {
        add(name, value.map(Self.pythonFloat))
    }

    /// Adds a timestamp in ISO 8601 UTC (`_timestamp_iso8601`).
    public mutating func add(_ name: String, _ value: Date?) {
        add(name, value.map(AWSTimestamp.iso8601String(from:)))
    }

    /// Adds a blob, base64-encoded (`_serialize_type_blob`), e.g. ImportKeyPair `PublicKeyMaterial`.
    public mutating func addBlob(_ name: String, _ bytes: [UInt8]?) {
        add(name, bytes.map { Data($0).base64EncodedString() })
    }

    /// Adds a list of strings: `Name.N` (EC2) or `Name.member.N` (Query).
    ///
    /// - Parameter memberName: the Query protocol's element name when the model renames it; EC2 ignores it.
    public mutating func addList(_ name: String, _ values: [String]?, memberName: String = "member") {
        addStructureList(name, values, memberName: memberName) { value, scope in scope.addValue(value) }
    }

    /// Adds a nested structure whose fields `build` adds under `Name.`.
    public mutating func addStructure(_ name: String, _ build: (inout QueryParameters) -> Void) {
        var scope = QueryParameters(listStyle: listStyle, prefix: prefix + name + ".")
        build(&scope)
        fields += scope.fields
    }

    /// Adds a list of structures: `build` adds each element's fields under `Name.N.` (EC2) or
    /// `Name.member.N.` (Query), counting from 1.
    public mutating func addStructureList<Element>(
        _ name: String, _ elements: [Element]?, memberName: String = "member",
        _ build: (Element, inout QueryParameters) -> Void
    ) {
        guard let elements else { return }
        let listPrefix: String
        switch listStyle {
        case .ec2:
            listPrefix = prefix + name
        case .query:
            if elements.isEmpty {
                fields.append(Field(name: prefix + name, value: ""))
                return
            }
            listPrefix = prefix + name + "." + memberName
        }
        for (offset, element) in elements.enumerated() {
            var scope = QueryParameters(listStyle: listStyle, prefix: listPrefix + ".\(offset + 1).")
            build(element, &scope)
            fields += scope.fields
        }
    }

    /// The `application/x-www-form-urlencoded` body, byte for byte what botocore sends.
    public var formEncoded: String {
        FormURLEncoding.encode(fields.map { ($0.name, $0.value) })
    }

    /// The value of the parameter with this full wire name, if any (for tests and logs).
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// A scalar list element: its name is the scope prefix without the trailing dot (`InstanceId.1`).
    private mutating func addValue(_ value: String) {
        fields.append(Field(name: String(prefix.dropLast()), value: value))
    }

    /// Python `repr(float)`, which `str()` matches for floats: shortest round-trip digits, `1.0` for
    /// integral values, exponent form outside 1e-4 ..< 1e16 (Swift's `description` follows the same
    /// thresholds), and `Infinity`, `-Infinity`, `NaN` as `_handle_float` spells them.
    static func pythonFloat(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value == .infinity { return "Infinity" }
        if value == -.infinity { return "-Infinity" }
        return value.description
    }
}
