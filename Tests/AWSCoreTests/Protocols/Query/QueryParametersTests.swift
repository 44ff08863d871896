import Foundation
import Testing

@testable import AWSCore

@Suite("Query parameters: the EC2 and Query list rules and value spellings")
struct QueryParametersTests {
    struct Tag: Sendable {
        var key: String
        var value: String
    }

    static func body(_ style: QueryParameters.ListStyle, _ build: (inout QueryParameters) -> Void) -> String {
        var parameters = QueryParameters(listStyle: style)
        build(&parameters)
        return parameters.formEncoded
    }

    @Test(
        "Lists of strings: Name.N for EC2, Name.member.N for Query",
        arguments: [
            (QueryParameters.ListStyle.ec2, "InstanceId.1=i-1&InstanceId.2=i-2"),
            (.query, "InstanceId.member.1=i-1&InstanceId.member.2=i-2"),
        ])
    func stringList(style: QueryParameters.ListStyle, expected: String) {
        #expect(Self.body(style) { $0.addList("InstanceId", ["i-1", "i-2"]) } == expected)
    }

    @Test(
        "Lists of structures nest their index before the field",
        arguments: [
            (QueryParameters.ListStyle.ec2, "Tag.1.Key=a&Tag.1.Value=b&Tag.2.Key=c&Tag.2.Value="),
            (.query, "Tag.member.1.Key=a&Tag.member.1.Value=b&Tag.member.2.Key=c&Tag.member.2.Value="),
        ])
    func structureList(style: QueryParameters.ListStyle, expected: String) {
        let tags = [Tag(key: "a", value: "b"), Tag(key: "c", value: "")]
        let body = Self.body(style) { parameters in
            parameters.addStructureList("Tag", tags) { tag, fields in
                fields.add("Key", tag.key)
                fields.add("Value", tag.value)
            }
        }
        #expect(body == expected)
    }

    @Test(
        "An empty list: left out by EC2, sent as Name= by Query (botocore: 'The query protocol serializes empty lists')",
        arguments: [(QueryParameters.ListStyle.ec2, ""), (.query, "Tags=")])
    func emptyList(style: QueryParameters.ListStyle, expected: String) {
        #expect(Self.body(style) { $0.addList("Tags", []) } == expected)
        #expect(Self.body(style) { $0.addStructureList("Tags", [Tag]()) { _, _ in } } == expected)
    }

    @Test("nil values and nil lists are left out in both protocols", arguments: [QueryParameters.ListStyle.ec2, .query])
    func nilsOmitted(style: QueryParameters.ListStyle) {
        let body = Self.body(style) { parameters in
            parameters.add("A", String?.none)
            parameters.add("B", Bool?.none)
            parameters.add("C", Int?.none)
            parameters.add("D", Date?.none)
            parameters.addBlob("E", nil)
            parameters.addList("F", nil)
            parameters.addStructureList("G", [Tag]?.none) { _, _ in }
            parameters.add("Kept", "")
        }
        #expect(body == "Kept=")
    }

    @Test("Lists inside list entries and structures inside structures compose their prefixes")
    func deepNesting() {
        struct Filter { var name: String; var values: [String] }
        let filters = [Filter(name: "tag:Name", values: ["a", "b"]), Filter(name: "state", values: [])]
        var parameters = QueryParameters(listStyle: .ec2)
        parameters.addStructureList("Filter", filters) { filter, fields in
            fields.add("Name", filter.name)
            fields.addList("Value", filter.values)
        }
        parameters.addStructure("LaunchPermission") { permission in
            permission.addStructureList("Add", ["111122223333"]) { id, fields in fields.add("UserId", id) }
        }
        #expect(
            parameters.fields.map(\.name) == [
                "Filter.1.Name", "Filter.1.Value.1", "Filter.1.Value.2", "Filter.2.Name", "LaunchPermission.Add.1.UserId",
            ])
        #expect(parameters["Filter.1.Value.2"] == "b")
        #expect(parameters["Filter.2.Value.1"] == nil)
    }

    @Test("A Query list can use the member name its model gives instead of 'member'")
    func memberName() {
        #expect(Self.body(.query) { $0.addList("Names", ["x"], memberName: "Name") } == "Names.Name.1=x")
        #expect(Self.body(.ec2) { $0.addList("Names", ["x"], memberName: "Name") } == "Names.1=x")
    }

    enum Scalar: Sendable {
        case bool(Bool), int(Int), int64(Int64), double(Double), blob([UInt8]), date(epoch: Double)
    }

    // Float spellings are Python's repr(float), which botocore sends via str(); checked with
    //   python3 -c 'print(repr(0.1), repr(1.0), repr(1e16), repr(1e-5), repr(1e15), repr(-2.5e-7))'
    @Test(
        "Scalar spellings: booleans, integers, floats (Python repr), blobs (base64), timestamps (ISO 8601)",
        arguments: [
            (Scalar.bool(true), "true"), (.bool(false), "false"), (.int(3600), "3600"),
            (.int64(-9_007_199_254_740_993), "-9007199254740993"),
            (.double(0.1), "0.1"), (.double(1.0), "1.0"), (.double(1e16), "1e+16"), (.double(1e-5), "1e-05"),
            (.double(1e15), "1000000000000000.0"), (.double(-2.5e-7), "-2.5e-07"),
            (.double(.infinity), "Infinity"), (.double(-.infinity), "-Infinity"), (.double(.nan), "NaN"),
            (.blob(Array("ssh-ed25519 AAAA x\n".utf8)), "c3NoLWVkMjU1MTkgQUFBQSB4Cg=="), (.blob([]), ""),
            (.date(epoch: 1_422_172_800), "2015-01-25T08:00:00Z"),
        ])
    func scalars(value: Scalar, expected: String) {
        var parameters = QueryParameters(listStyle: .ec2)
        switch value {
        case .bool(let v): parameters.add("V", v)
        case .int(let v): parameters.add("V", v)
        case .int64(let v): parameters.add("V", v)
        case .double(let v): parameters.add("V", v)
        case .blob(let v): parameters.addBlob("V", v)
        case .date(let epoch): parameters.add("V", Date(timeIntervalSince1970: epoch))
        }
        #expect(parameters.fields == [QueryParameters.Field(name: "V", value: expected)])
    }
}
